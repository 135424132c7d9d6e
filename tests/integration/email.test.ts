import { and, count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { accounts, auditEvents, emailConfirmations, memberships, organisations } from '@/db/schema';
import { shiftClock } from '@/lib/clock';
import { signUp, verifySignIn } from '@/lib/services/accounts';
import { NO_CONTEXT, type Actor } from '@/lib/services/actor';
import {
  completeSignUp,
  confirmEmail,
  lookupConfirmation,
  requestEmailChange,
  requestEmailVerification,
  requestSignUp,
} from '@/lib/services/email-confirmations';
import { answerInvitation, lookupInvitation } from '@/lib/services/invite-answers';
import {
  createInvitation,
  listInvitations,
  regenerateInvitation,
  resendInvitation,
  revokeInvitation,
} from '@/lib/services/invitations';
import { requestPasswordReset, resetPassword } from '@/lib/services/password-resets';
import { withTestDatabase } from './support/db';
import {
  PASSWORD,
  TEST_ORIGIN,
  addMember,
  createOrganisation,
  roleId,
  uniqueEmail,
} from './support/fixtures';
import { smtpServer } from './support/smtp';

// Invitations by email, verified addresses and changes of address, with a real SMTP
// server (docs/email.md). Every link is opened from the mail that was actually sent.

withTestDatabase();
const { mailsTo, linkTo } = await smtpServer();
afterEach(() => shiftClock(0));

let client = 0;
/** A client address of its own per call, so per-client limits stay out of the way. */
const nextClient = () => ({ ...NO_CONTEXT, ip: `203.0.113.${++client % 250}` });
const CONFIRM = '/confirm-email/';
const userRole = (actor: Actor) => roleId(actor.organisationId, 'user');

async function accountByEmail(email: string) {
  const [row] = await getDb().select().from(accounts).where(eq(accounts.email, email));
  return row;
}

async function audited(organisationId: string, action: string) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, organisationId), eq(auditEvents.action, action)));
}

describe('invitations by email', () => {
  it('mails the link after the commit, naming organisation, inviter, role and expiry', async () => {
    const admin = await createOrganisation();
    const email = uniqueEmail('invitee');
    const created = await createInvitation(
      admin,
      { roleId: await userRole(admin), email, lifetimeDays: 3 },
      TEST_ORIGIN,
    );
    expect(created).toMatchObject({ ok: true, mailed: true });
    if (!created.ok) return;
    const { token, mail } = await linkTo(email, '/invite/');
    expect(token).toBe(created.token);
    expect(mail.subject).toBe(`${admin.label} invited you to ${admin.organisationName}`);
    expect(mail.text).toContain(`${TEST_ORIGIN}/invite/${token}`);
    for (const part of [admin.organisationName, admin.label, 'User', 'UTC'])
      expect(mail.text).toContain(part);
    expect(mail.html).toContain(`${TEST_ORIGIN}/invite/${token}`);
    expect((await lookupInvitation(token, nextClient())).state).toBe('pending');
    const [event] = await audited(admin.organisationId, 'invitation.created');
    expect(event!.after).toMatchObject({ email, mailed: true });
  });

  it('mails nothing for a link for anyone, or for an invitation that was refused', async () => {
    const admin = await createOrganisation();
    const open = await createInvitation(admin, { roleId: await userRole(admin) }, TEST_ORIGIN);
    expect(open).toMatchObject({ ok: true, mailed: false });
    // Refused inside its transaction (a role of another organisation): nothing is sent.
    const other = await createOrganisation();
    const email = uniqueEmail('never');
    expect(
      await createInvitation(admin, { roleId: await userRole(other), email }, TEST_ORIGIN),
    ).toMatchObject({ ok: false, code: 'not_found' });
    const readonly = await addMember(admin.organisationId, 'readonly');
    expect(
      await createInvitation(readonly, { roleId: await userRole(admin), email }, TEST_ORIGIN),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await mailsTo(email)).toEqual([]);
  });

  it('resends with a new link; the old one stops working; links for anyone cannot be resent', async () => {
    const admin = await createOrganisation();
    const email = uniqueEmail('resent');
    const created = await createInvitation(
      admin,
      { roleId: await userRole(admin), email },
      TEST_ORIGIN,
    );
    if (!created.ok) throw new Error(created.error);
    const resent = await resendInvitation(
      admin,
      { invitationId: created.invitationId },
      TEST_ORIGIN,
    );
    expect(resent).toMatchObject({ ok: true, email });
    if (!resent.ok) return;
    // Two mails (the worker may send them in either order): the first link, and a new one.
    const tokens = (await mailsTo(email)).map(
      (m) => /\/invite\/([A-Za-z0-9_-]{43})/.exec(m.text ?? '')![1]!,
    );
    expect(tokens).toHaveLength(2);
    expect(tokens).toContain(created.token);
    const token = tokens.find((t) => t !== created.token)!;
    expect((await lookupInvitation(created.token, nextClient())).state).toBe('revoked');
    expect((await lookupInvitation(token, nextClient())).state).toBe('pending');
    const [event] = await audited(admin.organisationId, 'invitation.resent');
    expect(event!.before).toMatchObject({ invitationId: created.invitationId, status: 'pending' });
    const { rows } = await listInvitations(admin);
    expect(rows.find((r) => r.id === resent.invitationId)).toMatchObject({ status: 'pending' });

    // An expired invitation is resent with a fresh lifetime.
    shiftClock(8 * 24 * 3600_000);
    const again = await resendInvitation(admin, { invitationId: resent.invitationId }, TEST_ORIGIN);
    expect(again).toMatchObject({ ok: true });
    shiftClock(0);

    const open = await createInvitation(admin, { roleId: await userRole(admin) }, TEST_ORIGIN);
    if (!open.ok) throw new Error(open.error);
    expect(
      await resendInvitation(admin, { invitationId: open.invitationId }, TEST_ORIGIN),
    ).toMatchObject({ ok: false, code: 'conflict', error: expect.stringMatching(/no address/) });
    // Revoked, or of another organisation, or no id at all: refused, nothing sent.
    const revoked = await createInvitation(
      admin,
      { roleId: await userRole(admin), email: uniqueEmail('revoked') },
      TEST_ORIGIN,
    );
    if (!revoked.ok) throw new Error(revoked.error);
    await revokeInvitation(admin, { invitationId: revoked.invitationId });
    expect(
      await resendInvitation(admin, { invitationId: revoked.invitationId }, TEST_ORIGIN),
    ).toMatchObject({ ok: false, code: 'conflict' });
    const other = await createOrganisation();
    expect(
      await resendInvitation(other, { invitationId: created.invitationId }, TEST_ORIGIN),
    ).toMatchObject({ ok: false, code: 'not_found' });
    expect(await resendInvitation(admin, { invitationId: 'x\u0000' }, TEST_ORIGIN)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    // Regenerate keeps the address but mails nothing: its link is copied by hand.
    const before = (await mailsTo(email)).length;
    expect(
      await regenerateInvitation(admin, {
        invitationId: (again as { invitationId: string }).invitationId,
      }),
    ).toMatchObject({ ok: true });
    expect(await mailsTo(email)).toHaveLength(before);
  });

  it('limits the mails to one address from one organisation', async () => {
    const admin = await createOrganisation();
    const email = uniqueEmail('flooded');
    const role = await userRole(admin);
    for (let i = 0; i < 5; i++)
      expect((await createInvitation(admin, { roleId: role, email }, TEST_ORIGIN)).ok).toBe(true);
    expect(await createInvitation(admin, { roleId: role, email }, TEST_ORIGIN)).toMatchObject({
      ok: false,
      code: 'rate_limited',
    });
    // Another address, and links for anyone, are not held back.
    expect(
      (await createInvitation(admin, { roleId: role, email: uniqueEmail('x') }, TEST_ORIGIN)).ok,
    ).toBe(true);
    expect((await createInvitation(admin, { roleId: role }, TEST_ORIGIN)).ok).toBe(true);
  });
});

describe('sign-up through a confirmation mail', () => {
  it('creates the account, verified, with its organisation, only when the link is followed', async () => {
    const email = uniqueEmail('founder');
    const answer = await requestSignUp(
      { email: ` ${email.toUpperCase()} `, password: PASSWORD, organisationName: 'Confirmed Co' },
      nextClient(),
      { origin: TEST_ORIGIN, returnTo: '/organisation' },
    );
    expect(answer).toEqual({ ok: true, email });
    expect(await accountByEmail(email)).toBeUndefined();
    const { token, mail } = await linkTo(email, CONFIRM);
    expect(mail.subject).toBe('Confirm your email address');
    expect(await lookupConfirmation(token)).toEqual({
      ok: true,
      purpose: 'sign_up',
      email,
      returnTo: '/organisation',
    });
    // The stored row holds the hash of the link, never the link.
    expect(JSON.stringify(await getDb().select().from(emailConfirmations))).not.toContain(token);

    const done = await completeSignUp(token, nextClient());
    expect(done).toMatchObject({ ok: true, email, returnTo: '/organisation' });
    const account = await accountByEmail(email);
    expect(account!.emailVerifiedAt).toBeInstanceOf(Date);
    const [org] = await getDb()
      .select({ name: organisations.name })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(memberships.accountId, account!.id));
    expect(org!.name).toBe('Confirmed Co');
    expect((await verifySignIn({ email, password: PASSWORD }, nextClient())).ok).toBe(true);

    // Once only.
    expect(await lookupConfirmation(token)).toEqual({ ok: false });
    expect(await completeSignUp(token, nextClient())).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('answers the same for an address that has an account, and tells its owner', async () => {
    const owner = await createOrganisation();
    const before = await accountByEmail(owner.label);
    const answer = await requestSignUp(
      { email: owner.label, password: 'someone else’s password' },
      nextClient(),
      { origin: TEST_ORIGIN, returnTo: '/organisation' },
    );
    expect(answer).toEqual({ ok: true, email: owner.label });
    const [mail] = await mailsTo(owner.label);
    expect(mail!.subject).toBe('You already have an account');
    expect(mail!.text).toContain(`${TEST_ORIGIN}/forgot-password`);
    expect(mail!.text).not.toContain(CONFIRM);
    expect(await accountByEmail(owner.label)).toEqual(before);
    const [{ n }] = (await getDb()
      .select({ n: count() })
      .from(emailConfirmations)
      .where(eq(emailConfirmations.email, owner.label))) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('creates no organisation for an invitee, who then joins through the invitation', async () => {
    const admin = await createOrganisation();
    const email = uniqueEmail('invitee');
    const inv = await createInvitation(
      admin,
      { roleId: await userRole(admin), email },
      TEST_ORIGIN,
    );
    if (!inv.ok) throw new Error(inv.error);
    const returnTo = `/invite/${inv.token}`;
    await requestSignUp({ email, password: PASSWORD }, nextClient(), {
      origin: TEST_ORIGIN,
      returnTo,
    });
    const done = await completeSignUp((await linkTo(email, CONFIRM)).token, nextClient());
    expect(done).toMatchObject({ ok: true, returnTo });
    if (!done.ok) return;
    const [{ n }] = (await getDb()
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.accountId, done.accountId))) as [{ n: number }];
    expect(n).toBe(0);
    expect(
      await answerInvitation({ id: done.accountId, email }, inv.token, 'accept', nextClient()),
    ).toMatchObject({ ok: true, organisationId: admin.organisationId });
  });

  it('refuses bad input, an expired link and a taken address, and creates nothing', async () => {
    const bad = await requestSignUp({ email: 'nope', password: 'short' }, nextClient(), {
      origin: TEST_ORIGIN,
      returnTo: '/organisation',
    });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    expect(Object.keys((bad as { fieldErrors: object }).fieldErrors).sort()).toEqual([
      'email',
      'password',
    ]);

    const email = uniqueEmail('late');
    await requestSignUp({ email, password: PASSWORD }, nextClient(), {
      origin: TEST_ORIGIN,
      returnTo: '/organisation',
    });
    const { token } = await linkTo(email, CONFIRM);
    shiftClock(25 * 3600_000);
    expect(await lookupConfirmation(token)).toEqual({ ok: false });
    expect(await completeSignUp(token, nextClient())).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    shiftClock(0);
    expect(await accountByEmail(email)).toBeUndefined();

    // Two sign-ups for one address: the first link followed wins, the other is refused.
    const twice = uniqueEmail('twice');
    for (let i = 0; i < 2; i++)
      await requestSignUp({ email: twice, password: PASSWORD }, nextClient(), {
        origin: TEST_ORIGIN,
        returnTo: '/organisation',
      });
    const tokens = (await mailsTo(twice)).map(
      (m) => new RegExp(`${CONFIRM}([A-Za-z0-9_-]{43})`).exec(m.text ?? '')![1]!,
    );
    expect(tokens).toHaveLength(2);
    expect((await completeSignUp(tokens[0]!, nextClient())).ok).toBe(true);
    expect(await completeSignUp(tokens[1]!, nextClient())).toMatchObject({
      ok: false,
      code: 'conflict',
    });

    for (const token of ['', 'x', '../../etc', `${'a'.repeat(43)}\u0000`])
      expect(await completeSignUp(token, nextClient())).toMatchObject({ ok: false });
  });

  it('limits the mails to one address', async () => {
    const email = uniqueEmail('limited');
    const ask = () =>
      requestSignUp({ email, password: PASSWORD }, nextClient(), {
        origin: TEST_ORIGIN,
        returnTo: '/organisation',
      });
    for (let i = 0; i < 3; i++) expect((await ask()).ok).toBe(true);
    expect(await ask()).toMatchObject({ ok: false, code: 'rate_limited' });
    expect(await mailsTo(email)).toHaveLength(3);
  });
});

describe('verified addresses and invitations bound to one', () => {
  it('lets only an account that proved the invited address accept', async () => {
    const admin = await createOrganisation();
    const email = uniqueEmail('unproven');
    const made = await signUp({ email, password: PASSWORD }, NO_CONTEXT, {
      withOrganisation: false,
      verified: false,
    });
    if (!made.ok) throw new Error(made.error);
    const account = { id: made.accountId, email };
    const inv = await createInvitation(
      admin,
      { roleId: await userRole(admin), email },
      TEST_ORIGIN,
    );
    if (!inv.ok) throw new Error(inv.error);
    expect(await answerInvitation(account, inv.token, 'accept', nextClient())).toEqual({
      ok: false,
      reason: 'email_unverified',
    });
    // Someone else's address: a mismatch, verified or not.
    const stranger = await addMember((await createOrganisation()).organisationId, 'user');
    expect(
      await answerInvitation(
        { id: stranger.accountId!, email: stranger.label },
        inv.token,
        'accept',
        nextClient(),
      ),
    ).toEqual({ ok: false, reason: 'email_mismatch' });

    expect(await requestEmailVerification(account.id, nextClient(), TEST_ORIGIN)).toMatchObject({
      ok: true,
      alreadyVerified: false,
    });
    const { token, mail } = await linkTo(email, CONFIRM);
    expect(mail.subject).toBe('Verify your email address');
    expect(await confirmEmail(token, nextClient())).toEqual({
      ok: true,
      purpose: 'verify_email',
      email,
    });
    expect((await accountByEmail(email))!.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await confirmEmail(token, nextClient())).toMatchObject({ ok: false, code: 'not_found' });
    expect(await requestEmailVerification(account.id, nextClient(), TEST_ORIGIN)).toMatchObject({
      ok: true,
      alreadyVerified: true,
    });
    expect(await answerInvitation(account, inv.token, 'accept', nextClient())).toEqual({
      ok: true,
      organisationId: admin.organisationId,
    });
  });

  it('takes a followed password reset link as proof of the address', async () => {
    const email = uniqueEmail('reset');
    await signUp({ email, password: PASSWORD }, NO_CONTEXT, { verified: false });
    await requestPasswordReset({ email }, nextClient(), TEST_ORIGIN);
    const { token } = await linkTo(email, '/reset-password/');
    expect((await resetPassword({ token, password: 'a brand new password' })).ok).toBe(true);
    expect((await accountByEmail(email))!.emailVerifiedAt).toBeInstanceOf(Date);
  });
});

describe('change of email', () => {
  it('is made from the new address, renames every membership, audits it and tells the old address', async () => {
    const first = await createOrganisation();
    const second = await createOrganisation();
    const oldEmail = uniqueEmail('mover');
    const made = await signUp({ email: oldEmail, password: PASSWORD }, NO_CONTEXT, {
      withOrganisation: false,
    });
    if (!made.ok) throw new Error(made.error);
    for (const admin of [first, second]) {
      const inv = await createInvitation(admin, { roleId: await userRole(admin) }, TEST_ORIGIN);
      if (!inv.ok) throw new Error(inv.error);
      await answerInvitation(
        { id: made.accountId, email: oldEmail },
        inv.token,
        'accept',
        nextClient(),
      );
    }
    const newEmail = uniqueEmail('moved');
    expect(
      await requestEmailChange(
        made.accountId,
        { email: newEmail.toUpperCase(), password: PASSWORD },
        nextClient(),
        TEST_ORIGIN,
      ),
    ).toEqual({ ok: true, email: newEmail });
    // Nothing changes until the link is followed.
    expect((await accountByEmail(oldEmail))!.id).toBe(made.accountId);
    const { token, mail } = await linkTo(newEmail, CONFIRM);
    expect(mail.subject).toBe('Confirm your new email address');
    expect(await confirmEmail(token, nextClient())).toEqual({
      ok: true,
      purpose: 'change_email',
      email: newEmail,
    });
    const account = await accountByEmail(newEmail);
    expect(account).toMatchObject({ id: made.accountId });
    expect(account!.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await accountByEmail(oldEmail)).toBeUndefined();
    const rows = await getDb()
      .select({ email: memberships.email })
      .from(memberships)
      .where(eq(memberships.accountId, made.accountId));
    expect(rows.map((r) => r.email)).toEqual([newEmail, newEmail]);
    for (const admin of [first, second]) {
      const [event] = await audited(admin.organisationId, 'member.email_changed');
      expect(event).toMatchObject({
        before: { email: oldEmail },
        after: { email: newEmail },
        actorLabel: newEmail,
      });
    }
    const [notice] = await mailsTo(oldEmail);
    expect(notice!.subject).toBe('Your email address changed');
    expect(notice!.text).toContain(newEmail);
    expect((await verifySignIn({ email: newEmail, password: PASSWORD }, nextClient())).ok).toBe(
      true,
    );
    expect((await verifySignIn({ email: oldEmail, password: PASSWORD }, nextClient())).ok).toBe(
      false,
    );
    expect(await confirmEmail(token, nextClient())).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('refuses a wrong password, the same address, bad input and a taken address', async () => {
    const admin = await createOrganisation();
    const made = await signUp({ email: uniqueEmail('stays'), password: PASSWORD });
    if (!made.ok) throw new Error(made.error);
    const email = (await getDb().select().from(accounts).where(eq(accounts.id, made.accountId)))[0]!
      .email;
    const change = (raw: object) =>
      requestEmailChange(made.accountId, raw, nextClient(), TEST_ORIGIN);
    expect(await change({ email: uniqueEmail('x'), password: 'wrong password' })).toMatchObject({
      ok: false,
      fieldErrors: { password: 'That is not your current password.' },
    });
    expect(await change({ email, password: PASSWORD })).toMatchObject({
      ok: false,
      fieldErrors: { email: 'This is already your address.' },
    });
    expect(await change({ email: 'a@b\u0000.co', password: PASSWORD })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    // An address that has an account: asked like any other, refused when followed.
    expect(await change({ email: admin.label, password: PASSWORD })).toMatchObject({ ok: true });
    const { token } = await linkTo(admin.label, CONFIRM);
    expect(await confirmEmail(token, nextClient())).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect((await accountByEmail(email))!.id).toBe(made.accountId);

    // A password reset ends a pending change with the sessions.
    const target = uniqueEmail('pending');
    await change({ email: target, password: PASSWORD });
    const pending = (await linkTo(target, CONFIRM)).token;
    await requestPasswordReset({ email }, nextClient(), TEST_ORIGIN);
    const reset = (await linkTo(email, '/reset-password/')).token;
    expect((await resetPassword({ token: reset, password: 'another new password' })).ok).toBe(true);
    expect(await confirmEmail(pending, nextClient())).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect((await accountByEmail(email))!.id).toBe(made.accountId);
  });
});
