import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, invitations, mailOutbox, rateLimitBuckets } from '@/db/schema';
import { sha256 } from '@/lib/crypto';
import { NO_CONTEXT, type Actor } from '@/lib/services/actor';
import { answerInvitation, lookupInvitation } from '@/lib/services/invite-answers';
import {
  createInvitation,
  createInvitations,
  previewInvitations,
  revokeInvitation,
  type BulkInviteOutcome,
} from '@/lib/services/invitations';
import { signUp } from '@/lib/services/accounts';
import { rateLimit } from '@/lib/services/rate-limit';
import { createRole } from '@/lib/services/roles';
import { withTestDatabase, usingPostgres } from './support/db';
import {
  PASSWORD,
  TEST_ORIGIN,
  addMember,
  createOrganisation,
  roleId,
  uniqueEmail,
} from './support/fixtures';
import { smtpServer } from './support/smtp';

// Bulk invite (docs/product.md, "Bulk invite"): every outcome a row can have, in the
// preview (which changes nothing) and in the result; the mails as the SMTP server got
// them, the audit events, and a list of 1,000 addresses.

withTestDatabase();
const { mailsTo } = await smtpServer();

const userRole = (actor: Actor) => roleId(actor.organisationId, 'user');

async function totals(organisationId: string) {
  const db = getDb();
  const [inv] = await db
    .select({ n: count() })
    .from(invitations)
    .where(eq(invitations.organisationId, organisationId));
  const [events] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(eq(auditEvents.organisationId, organisationId));
  const [mails] = await db.select({ n: count() }).from(mailOutbox);
  const buckets = await db.select().from(rateLimitBuckets);
  return { invitations: inv!.n, events: events!.n, mails: mails!.n, buckets };
}

const outcomes = (rows: { email: string; outcome: BulkInviteOutcome }[]) =>
  rows.map((r) => [r.email, r.outcome]);

async function createdEvents(organisationId: string) {
  return getDb()
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organisationId, organisationId),
        eq(auditEvents.action, 'invitation.created'),
      ),
    );
}

/** An address whose invitation mails reached the limit: invited and revoked that often. */
async function atMailLimit(admin: Actor) {
  const email = uniqueEmail('limited');
  const role = await userRole(admin);
  for (let i = 0; i < rateLimit('invitationMail').limit; i++) {
    const r = await createInvitation(admin, { roleId: role, email }, TEST_ORIGIN);
    if (!r.ok) throw new Error(r.error);
    expect(await revokeInvitation(admin, { invitationId: r.invitationId })).toEqual({ ok: true });
  }
  return email;
}

describe('bulk invite', () => {
  it('judges every row: each outcome in the preview, which changes nothing, then the same in the result', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'readonly');
    const pendingEmail = uniqueEmail('pending');
    const pending = await createInvitation(
      admin,
      { roleId: await userRole(admin), email: pendingEmail },
      TEST_ORIGIN,
    );
    expect(pending.ok).toBe(true);
    const limited = await atMailLimit(admin);
    const other = await createOrganisation();
    const a = uniqueEmail('a');
    const b = uniqueEmail('b');
    const c = uniqueEmail('c');
    const foreign = uniqueEmail('foreign');
    const list = [
      a,
      `${member.label}; not-an-address@`,
      pendingEmail.toUpperCase(),
      `${a.toUpperCase()}, ${b}`,
      `${c},No Such Role`,
      `${foreign},${await roleId(other.organisationId, 'admin')}`,
      limited,
    ].join('\n');
    const expected = [
      [a, 'invited'],
      [member.label, 'already_member'],
      ['not-an-address@', 'invalid_address'],
      [pendingEmail, 'already_invited'],
      [a, 'duplicate'],
      [b, 'invited'],
      [c, 'unknown_role'],
      [foreign, 'unknown_role'],
      [limited, 'rate_limited'],
    ];
    const input = { list, roleId: await userRole(admin), lifetimeDays: '3' };

    const before = await totals(admin.organisationId);
    const preview = await previewInvitations(admin, input);
    if (!preview.ok) throw new Error(preview.error);
    expect(outcomes(preview.rows)).toEqual(expected);
    expect(preview.rows.map((r) => r.line)).toEqual([1, 2, 2, 3, 4, 4, 5, 6, 7]);
    expect(preview.rows[6]).toMatchObject({ role: 'No Such Role' });
    expect(JSON.stringify(preview)).not.toMatch(/token/i);
    // Nothing written: no invitation, event, mail or rate-limit count.
    expect(await totals(admin.organisationId)).toEqual(before);

    const result = await createInvitations(admin, input, TEST_ORIGIN);
    if (!result.ok) throw new Error(result.error);
    expect(outcomes(result.rows)).toEqual(expected);
    const invited = result.rows.filter((r) => r.outcome === 'invited');
    expect(invited.map((r) => r.email)).toEqual([a, b]);
    // Only invited rows carry a link's token, and only its hash is stored.
    expect(result.rows.filter((r) => r.token).length).toBe(2);
    for (const row of invited) {
      const [stored] = await getDb()
        .select()
        .from(invitations)
        .where(eq(invitations.tokenHash, sha256(row.token!)));
      expect(stored).toMatchObject({ email: row.email, inviterEmail: admin.label });
      expect(JSON.stringify(stored)).not.toContain(row.token);
      expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(3 * 86_400_000);
    }
    const after = await totals(admin.organisationId);
    expect(after.invitations).toBe(before.invitations + 2);
    expect(after.events).toBe(before.events + 2);

    // Sent again: the invited rows are now already invited; nothing new.
    const again = await createInvitations(admin, input, TEST_ORIGIN);
    if (!again.ok) throw new Error(again.error);
    expect(again.rows.filter((r) => r.outcome === 'invited')).toEqual([]);
    expect(again.rows[0]).toMatchObject({ email: a, outcome: 'already_invited' });
  });

  it('reads a CSV file: a header, roles by name in any case or by id, quoted cells, an empty role', async () => {
    const admin = await createOrganisation();
    const readonly = await roleId(admin.organisationId, 'readonly');
    const [x, y, z, w] = ['x', 'y', 'z', 'w'].map((p) => uniqueEmail(p));
    const list = `email,role\r\n${x},readonly\r\n"${y}","ADMIN"\r\n${z},${readonly.toUpperCase()}\r\n${w},\r\n\r\n`;
    const result = await createInvitations(
      admin,
      { list, roleId: await userRole(admin) },
      TEST_ORIGIN,
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.rows.map((r) => [r.line, r.email, r.role, r.outcome])).toEqual([
      [2, x, 'ReadOnly', 'invited'],
      [3, y, 'Admin', 'invited'],
      [4, z, 'ReadOnly', 'invited'],
      [5, w, 'User', 'invited'],
    ]);
  });

  it('mails each invited row its own link, as one invitation does, and nothing to the others', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'user');
    const [one, two] = [uniqueEmail('mailed'), uniqueEmail('mailed')];
    const unknown = uniqueEmail('unknown-role');
    const result = await createInvitations(
      admin,
      { list: `${one}\n${two}\n${member.label}\n${unknown},Nope`, roleId: await userRole(admin) },
      TEST_ORIGIN,
    );
    if (!result.ok) throw new Error(result.error);
    for (const row of result.rows.filter((r) => r.outcome === 'invited')) {
      const mails = await mailsTo(row.email);
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.subject).toBe(`${admin.label} invited you to ${admin.organisationName}`);
      expect(mail.text).toContain(`${TEST_ORIGIN}/invite/${row.token}`);
      for (const part of [admin.organisationName, admin.label, 'User', 'UTC'])
        expect(mail.text).toContain(part);
      expect((await lookupInvitation(row.token!, NO_CONTEXT)).state).toBe('pending');
    }
    expect(await mailsTo(member.label)).toEqual([]);
    expect(await mailsTo(unknown)).toEqual([]);

    // The link works: the invitee signs up and accepts with the role.
    const signed = await signUp({ email: one, password: PASSWORD }, NO_CONTEXT, {
      withOrganisation: false,
    });
    if (!signed.ok) throw new Error(signed.error);
    const token = result.rows[0]!.token!;
    expect(
      await answerInvitation({ id: signed.accountId, email: one }, token, 'accept', NO_CONTEXT),
    ).toMatchObject({ ok: true });
  });

  it('audits each invited row exactly as one invitation: invitation.created with the same shape', async () => {
    const admin = await createOrganisation();
    const single = uniqueEmail('single');
    const one = await createInvitation(
      admin,
      { roleId: await userRole(admin), email: single },
      TEST_ORIGIN,
    );
    expect(one.ok).toBe(true);
    const [p, q] = [uniqueEmail('p'), uniqueEmail('q')];
    const result = await createInvitations(
      admin,
      { list: `${p}\nbad address\n${q}`, roleId: await userRole(admin) },
      TEST_ORIGIN,
    );
    expect(result.ok).toBe(true);
    const events = await createdEvents(admin.organisationId);
    expect(events).toHaveLength(3);
    const shape = (e: (typeof events)[number]) => ({
      actorType: e.actorType,
      actorLabel: e.actorLabel,
      targetType: e.targetType,
      targetLabel: e.targetLabel?.replace(/^\S+@\S+/, '<email>'),
      afterKeys: Object.keys(e.after as object).sort(),
      after: { ...(e.after as object), email: '<email>', expiresAt: '<time>' },
    });
    const [first, ...bulk] = events.sort((x, y) => x.id - y.id);
    for (const e of bulk) expect(shape(e)).toEqual(shape(first!));
    expect(bulk.map((e) => (e.after as { email: string }).email).sort()).toEqual([p, q].sort());
    expect(first!.after).toMatchObject({ role: 'User', mailed: true });
  });

  it('keeps the acting rules: the default role and each row’s role within the actor’s grants', async () => {
    const admin = await createOrganisation();
    const { roleId: inviterRole } = await (async () => {
      const r = await createRole(admin, {
        name: 'Inviter',
        permissions: ['users:read', 'users:invite', 'streams:read'],
        audiences: ['dashboard'],
      });
      if (!r.ok) throw new Error(r.error);
      return r;
    })();
    const lesser = await addMember(admin.organisationId, { id: inviterRole });
    const readonly = await roleId(admin.organisationId, 'readonly');
    const low = await createRole(admin, {
      name: 'Viewer',
      permissions: ['streams:read'],
      audiences: ['dashboard'],
    });
    if (!low.ok) throw new Error(low.error);
    const [ok, high] = [uniqueEmail('ok'), uniqueEmail('high')];
    const list = `${ok}\n${high},Admin\n${uniqueEmail('ro')},readonly`;

    // A row naming a role beyond the actor's: that row only.
    const result = await createInvitations(lesser, { list, roleId: low.roleId }, TEST_ORIGIN);
    if (!result.ok) throw new Error(result.error);
    expect(result.rows.map((r) => [r.role, r.outcome])).toEqual([
      ['Viewer', 'invited'],
      ['Admin', 'role_not_allowed'],
      // ReadOnly has the api audience, which the Inviter role lacks.
      ['ReadOnly', 'role_not_allowed'],
    ]);
    expect(await createdEvents(admin.organisationId)).toHaveLength(1);

    // A default role beyond the actor's refuses the whole list, as one invitation would.
    const before = await totals(admin.organisationId);
    for (const call of [previewInvitations, createInvitations]) {
      expect(
        await call(lesser, { list: uniqueEmail('n'), roleId: readonly }, TEST_ORIGIN),
      ).toMatchObject({
        ok: false,
        code: 'forbidden',
        fieldErrors: { roleId: expect.any(String) },
      });
    }
    // Another organisation's role as the default: not found.
    const other = await createOrganisation();
    expect(
      await createInvitations(
        admin,
        { list: uniqueEmail('n'), roleId: await userRole(other) },
        TEST_ORIGIN,
      ),
    ).toMatchObject({ ok: false, code: 'not_found' });
    // Without users:invite: forbidden.
    const user = await addMember(admin.organisationId, 'user');
    for (const call of [previewInvitations, createInvitations]) {
      expect(
        await call(user, { list: uniqueEmail('n'), roleId: readonly }, TEST_ORIGIN),
      ).toMatchObject({ ok: false, code: 'forbidden' });
    }
    const after = await totals(admin.organisationId);
    expect(after.invitations).toBe(before.invitations);
    expect(after.events).toBe(before.events);
  });

  it('refuses 1,001 rows, an empty list and hostile text as a whole, doing nothing', async () => {
    const admin = await createOrganisation();
    const role = await userRole(admin);
    const before = await totals(admin.organisationId);
    const many = Array.from({ length: 1001 }, (_, i) => `n${i}@example.test`).join('\n');
    for (const call of [previewInvitations, createInvitations]) {
      expect(await call(admin, { list: many, roleId: role }, TEST_ORIGIN)).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { list: expect.stringContaining('At most 1,000 addresses at once') },
      });
      for (const list of ['', '  \n ', 'email,role\n', `a@example.test\u0000`, 'x\ud800']) {
        expect(await call(admin, { list, roleId: role }, TEST_ORIGIN)).toMatchObject({
          ok: false,
          code: 'invalid',
          fieldErrors: { list: expect.any(String) },
        });
      }
      expect(
        await call(
          admin,
          { list: 'a@example.test', roleId: role, lifetimeDays: '31' },
          TEST_ORIGIN,
        ),
      ).toMatchObject({ ok: false, fieldErrors: { lifetimeDays: expect.any(String) } });
      expect(
        await call(admin, { list: ['a@example.test'], roleId: role }, TEST_ORIGIN),
      ).toMatchObject({ ok: false, code: 'invalid' });
    }
    // A tab separates cells (docs/product.md, "Bulk invite"): neither half of
    // `a<tab>@example.test` is an address, no row keeps the tab, and the rest goes on.
    const tabbed = await previewInvitations(admin, {
      list: `a\t@example.test\n${uniqueEmail('fine')}`,
      roleId: role,
    });
    if (!tabbed.ok) throw new Error(tabbed.error);
    expect(tabbed.rows.map((r) => [r.email, r.outcome])).toEqual([
      ['a', 'invalid_address'],
      ['@example.test', 'invalid_address'],
      [expect.stringMatching(/^fine-/), 'invited'],
    ]);
    expect(await totals(admin.organisationId)).toEqual(before);
  });

  it('invites 1,000 addresses in one go, in a couple of seconds', async () => {
    const admin = await createOrganisation();
    const role = await userRole(admin);
    const run = uniqueEmail('bulk').split('@')[0];
    const list = Array.from({ length: 1000 }, (_, i) => `${run}-${i}@example.test`).join('\n');

    let started = performance.now();
    const preview = await previewInvitations(admin, { list, roleId: role });
    const previewMs = performance.now() - started;
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.rows.filter((r) => r.outcome === 'invited')).toHaveLength(1000);

    started = performance.now();
    const result = await createInvitations(admin, { list, roleId: role }, TEST_ORIGIN);
    const createMs = performance.now() - started;
    if (!result.ok) throw new Error(result.error);
    expect(result.rows.filter((r) => r.outcome === 'invited')).toHaveLength(1000);
    expect(new Set(result.rows.map((r) => r.token)).size).toBe(1000);
    expect(await createdEvents(admin.organisationId)).toHaveLength(1000);
    const [queued] = await getDb().select({ n: count() }).from(mailOutbox);
    expect(queued!.n).toBeGreaterThanOrEqual(1000);
    console.log(
      `bulk invite of 1,000 rows on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}: preview ${Math.round(previewMs)} ms, create ${Math.round(createMs)} ms`,
    );
    expect(createMs).toBeLessThan(15_000);
  });
});
