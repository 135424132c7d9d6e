import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, invitations, memberships } from '@/db/schema';
import { shiftClock } from '@/lib/clock';
import { INVITE_TOKEN_PATTERN, newInviteToken } from '@/lib/credentials';
import { sha256 } from '@/lib/crypto';
import { signUp } from '@/lib/services/accounts';
import { NO_CONTEXT } from '@/lib/services/actor';
import { answerInvitation, lookupInvitation } from '@/lib/services/invite-answers';
import {
  createInvitation,
  listInvitations,
  regenerateInvitation,
  revokeInvitation,
} from '@/lib/services/invitations';
import { rateLimit } from '@/lib/services/rate-limit';
import { withTestDatabase } from './support/db';
import {
  PASSWORD,
  addMember,
  createOrganisation,
  roleId,
  uniqueEmail,
  TEST_ORIGIN,
} from './support/fixtures';

withTestDatabase();
afterEach(() => shiftClock(0));

async function newAccount(email = uniqueEmail('invitee')) {
  const result = await signUp({ email, password: PASSWORD }, NO_CONTEXT, {
    withOrganisation: false,
  });
  if (!result.ok) throw new Error(result.error);
  return { id: result.accountId, email };
}

async function invite(
  admin: Awaited<ReturnType<typeof createOrganisation>>,
  extra: Record<string, unknown> = {},
) {
  const result = await createInvitation(
    admin,
    {
      roleId: await roleId(admin.organisationId, 'user'),
      ...extra,
    },
    TEST_ORIGIN,
  );
  if (!result.ok) throw new Error(result.error);
  return result;
}

async function actions(organisationId: string) {
  const rows = await getDb()
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.organisationId, organisationId));
  return rows.map((r) => r.action).filter((a) => a.startsWith('invitation.'));
}

describe('creating invitations', () => {
  it('stores only a hash of a 256-bit URL-safe token, with the role, email and expiry', async () => {
    const admin = await createOrganisation();
    const { token, invitationId, expiresAt } = await invite(admin, {
      email: ' New.Person@Example.test ',
      lifetimeDays: '3',
    });
    expect(token).toMatch(INVITE_TOKEN_PATTERN);
    const [row] = await getDb().select().from(invitations).where(eq(invitations.id, invitationId));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.email).toBe('new.person@example.test');
    expect(row!.inviterEmail).toBe(admin.label);
    expect(expiresAt.getTime() - row!.createdAt.getTime()).toBe(3 * 24 * 3600 * 1000);
    expect(await actions(admin.organisationId)).toEqual(['invitation.created']);
  });

  it('defaults to 7 days and refuses lifetimes outside 1 to 30 days and bad emails', async () => {
    const admin = await createOrganisation();
    const { expiresAt } = await invite(admin, { lifetimeDays: '' });
    expect(Math.round((expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(7);
    const role = await roleId(admin.organisationId, 'user');
    for (const lifetimeDays of ['0', '31', 'abc', '2.5']) {
      expect(
        await createInvitation(admin, { roleId: role, lifetimeDays }, TEST_ORIGIN),
      ).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { lifetimeDays: expect.any(String) },
      });
    }
    expect(
      await createInvitation(admin, { roleId: role, email: 'nope' }, TEST_ORIGIN),
    ).toMatchObject({
      ok: false,
      fieldErrors: { email: expect.any(String) },
    });
  });

  it('is forbidden without users:invite and for roles of another organisation', async () => {
    const admin = await createOrganisation();
    const other = await createOrganisation();
    const user = await addMember(admin.organisationId, 'user');
    const role = await roleId(admin.organisationId, 'readonly');
    expect(await createInvitation(user, { roleId: role }, TEST_ORIGIN)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(
      await createInvitation(
        admin,
        { roleId: await roleId(other.organisationId, 'readonly') },
        TEST_ORIGIN,
      ),
    ).toMatchObject({ ok: false, code: 'not_found' });
    const [n] = await getDb()
      .select({ n: count() })
      .from(invitations)
      .where(eq(invitations.organisationId, admin.organisationId));
    expect(n!.n).toBe(0);
  });
});

describe('revoke, regenerate, expire', () => {
  it('revokes: the link shows the revoked page and cannot be accepted', async () => {
    const admin = await createOrganisation();
    const { token, invitationId } = await invite(admin);
    expect(await revokeInvitation(admin, { invitationId })).toEqual({ ok: true });
    expect(await lookupInvitation(token, NO_CONTEXT)).toEqual({ state: 'revoked' });
    expect(await answerInvitation(await newAccount(), token, 'accept', NO_CONTEXT)).toEqual({
      ok: false,
      reason: 'revoked',
    });
    expect(await revokeInvitation(admin, { invitationId })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect((await listInvitations(admin)).rows[0]!.status).toBe('revoked');
  });

  it('regenerates: a new token for the same role and email; the old one is revoked', async () => {
    const admin = await createOrganisation();
    const first = await invite(admin, { email: 'bound@example.test' });
    const again = await regenerateInvitation(admin, { invitationId: first.invitationId });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.token).not.toBe(first.token);
    expect(await lookupInvitation(first.token, NO_CONTEXT)).toEqual({ state: 'revoked' });
    expect(await lookupInvitation(again.token, NO_CONTEXT)).toMatchObject({
      state: 'pending',
      boundEmail: 'bound@example.test',
      role: { name: 'User' },
    });
    expect(await actions(admin.organisationId)).toEqual([
      'invitation.created',
      'invitation.regenerated',
    ]);
  });

  it('expires after its lifetime', async () => {
    const admin = await createOrganisation();
    const { token } = await invite(admin, { lifetimeDays: '2' });
    shiftClock(2 * 24 * 3600 * 1000 - 60_000);
    expect((await lookupInvitation(token, NO_CONTEXT)).state).toBe('pending');
    shiftClock(2 * 24 * 3600 * 1000 + 1000);
    expect(await lookupInvitation(token, NO_CONTEXT)).toEqual({ state: 'expired' });
    expect(await answerInvitation(await newAccount(), token, 'accept', NO_CONTEXT)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect((await listInvitations(admin)).rows[0]!.status).toBe('expired');
  });
});

describe('accepting', () => {
  it('shows the organisation, role and inviter, then creates the membership with that role', async () => {
    const admin = await createOrganisation('Inviting Org');
    const { token } = await invite(admin);
    expect(await lookupInvitation(token, NO_CONTEXT)).toMatchObject({
      state: 'pending',
      organisationName: 'Inviting Org',
      inviterEmail: admin.label,
      role: { name: 'User', permissions: expect.arrayContaining(['streams:create']) },
    });
    const account = await newAccount();
    expect(await answerInvitation(account, token, 'accept', NO_CONTEXT)).toEqual({
      ok: true,
      organisationId: admin.organisationId,
    });
    const [m] = await getDb()
      .select()
      .from(memberships)
      .where(eq(memberships.accountId, account.id));
    expect(m!.roleId).toBe(await roleId(admin.organisationId, 'user'));
    expect(await lookupInvitation(token, NO_CONTEXT)).toEqual({ state: 'used' });
    expect((await listInvitations(admin)).rows[0]!.status).toBe('accepted');
    expect(await actions(admin.organisationId)).toEqual([
      'invitation.created',
      'invitation.accepted',
    ]);
  });

  it('refuses an account whose email does not match a bound invite, and leaves the invite usable', async () => {
    const admin = await createOrganisation();
    const { token } = await invite(admin, { email: 'right@example.test' });
    expect(await answerInvitation(await newAccount(), token, 'accept', NO_CONTEXT)).toEqual({
      ok: false,
      reason: 'email_mismatch',
    });
    const right = await newAccount('right@example.test');
    expect(await answerInvitation(right, token, 'accept', NO_CONTEXT)).toMatchObject({ ok: true });
  });

  it('refuses someone who is already a member', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'readonly');
    const { token } = await invite(admin);
    expect(
      await answerInvitation(
        { id: member.accountId!, email: member.label },
        token,
        'accept',
        NO_CONTEXT,
      ),
    ).toEqual({ ok: false, reason: 'already_member' });
  });

  it('declines: the invite is used up, no membership, and the event is recorded', async () => {
    const admin = await createOrganisation();
    const { token } = await invite(admin);
    const account = await newAccount();
    expect(await answerInvitation(account, token, 'decline', NO_CONTEXT)).toMatchObject({
      ok: true,
    });
    expect(
      await getDb().select().from(memberships).where(eq(memberships.accountId, account.id)),
    ).toHaveLength(0);
    expect(await lookupInvitation(token, NO_CONTEXT)).toEqual({ state: 'used' });
    expect(await actions(admin.organisationId)).toContain('invitation.declined');
  });

  it('reveals nothing for tokens that never existed', async () => {
    expect(await lookupInvitation('x'.repeat(43), NO_CONTEXT)).toEqual({ state: 'not_found' });
    expect(await lookupInvitation('../../etc', NO_CONTEXT)).toEqual({ state: 'not_found' });
  });

  it('rate limits lookups per client, whichever links it tries', async () => {
    const admin = await createOrganisation();
    const { token } = await invite(admin);
    const { limit } = rateLimit('inviteLookup');
    const client = { ...NO_CONTEXT, ip: `203.0.113.${Math.floor(Math.random() * 250)}` };
    // A client guessing links: every guess is a different token, so only the per-client
    // limit can stop it.
    const guesses = [];
    for (let i = 0; i < limit; i++)
      guesses.push((await lookupInvitation(newInviteToken(), client)).state);
    expect(guesses.every((s) => s === 'not_found')).toBe(true);
    expect((await lookupInvitation(token, client)).state).toBe('rate_limited');
    // Another client opens the same real link.
    expect((await lookupInvitation(token, { ...NO_CONTEXT, ip: '198.51.100.77' })).state).toBe(
      'pending',
    );
  });
});

describe('the invitation list', () => {
  it('pages newest first by keyset, every invitation once', async () => {
    const admin = await createOrganisation();
    const role = await roleId(admin.organisationId, 'readonly');
    for (let i = 0; i < 7; i++) {
      const made = await createInvitation(
        admin,
        { roleId: role, email: `page-${i}@invite.test` },
        TEST_ORIGIN,
      );
      expect(made.ok).toBe(true);
    }
    const seen: string[] = [];
    let page = await listInvitations(admin, { size: '3' });
    seen.push(...page.rows.map((r) => r.email!));
    while (page.next) {
      page = await listInvitations(admin, { size: '3', before: page.next });
      seen.push(...page.rows.map((r) => r.email!));
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `page-${6 - i}@invite.test`));
    // A cursor it did not make starts at the newest.
    const odd = await listInvitations(admin, { size: '3', before: 'bm90LWEta2V5' });
    expect(odd.rows[0]!.email).toBe('page-6@invite.test');
  });
});
