import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { signUp, verifySignIn } from '@/lib/services/accounts';
import { NO_CONTEXT, type Actor, type RequestContext } from '@/lib/services/actor';
import {
  AUDIT_CSV_BATCH,
  AUDIT_CSV_COLUMNS,
  getAuditEvent,
  listAuditActions,
  listAuditEvents,
  listAuditTargetTypes,
  streamAuditCsv,
} from '@/lib/services/audit';
import { recordAudit } from '@/lib/services/audit-log';
import { answerInvitation } from '@/lib/services/invite-answers';
import {
  createInvitation,
  regenerateInvitation,
  revokeInvitation,
} from '@/lib/services/invitations';
import { deleteMember, resetMemberToken, updateMemberRole } from '@/lib/services/members';
import { ServiceError } from '@/lib/services/result';
import { mutation } from '@/lib/services/tx';
import { withTestDatabase } from './support/db';
import {
  PASSWORD,
  actorFor,
  addMember,
  createOrganisation,
  roleId,
  uniqueEmail,
  TEST_ORIGIN,
} from './support/fixtures';

withTestDatabase();

type NewEvent = Partial<typeof auditEvents.$inferInsert>;

/** Events written straight into the table, oldest first, for the read-side tests. */
async function insertEvents(organisationId: string, events: NewEvent[]) {
  const rows = await getDb()
    .insert(auditEvents)
    .values(
      events.map((e) => ({
        organisationId,
        actorType: 'user' as const,
        actorLabel: 'someone@example.test',
        action: 'test.event',
        targetType: 'thing',
        ...e,
      })),
    )
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

async function countEvents(organisationId: string) {
  const [row] = await getDb()
    .select({ n: count() })
    .from(auditEvents)
    .where(eq(auditEvents.organisationId, organisationId));
  return row!.n;
}

const CONTEXT: RequestContext = {
  ip: '203.0.113.9',
  userAgent: 'AuditTest/1.0',
  requestId: 'req-audit-test',
};
const withContext = (actor: Actor): Actor => ({ ...actor, context: CONTEXT });

/** The newest event of an action, read through the service as the page does. */
async function latest(admin: Actor, action: string) {
  const { rows } = await listAuditEvents(admin, { action, size: '1' });
  expect(rows, `an event ${action}`).toHaveLength(1);
  return (await getAuditEvent(admin, rows[0]!.id))!;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read())
    text += decoder.decode(r.value, { stream: true });
  return text + decoder.decode();
}

/** RFC 4180, enough for our own output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += c;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('the audit log', () => {
  it('lists newest first, a page at a time, by keyset', async () => {
    const admin = await createOrganisation();
    await insertEvents(
      admin.organisationId,
      Array.from({ length: 7 }, (_, i) => ({ action: `test.step_${i}` })),
    );
    const all = await countEvents(admin.organisationId); // 7 + organisation.created
    expect(all).toBe(8);

    const seen: number[] = [];
    let before: number | undefined;
    const pages: number[] = [];
    for (let guard = 0; guard < 10; guard++) {
      const page = await listAuditEvents(admin, { size: '3', before });
      pages.push(page.rows.length);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      expect(page.nextCursor).toBe(page.rows.at(-1)!.id);
      before = page.nextCursor;
    }
    expect(pages).toEqual([3, 3, 2]);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(8);
    const oldest = await getAuditEvent(admin, seen.at(-1)!);
    expect(oldest?.action).toBe('organisation.created');

    // Exactly one page: no cursor to an empty page.
    expect((await listAuditEvents(admin, { size: '8' })).nextCursor).toBeNull();
    // Nonsense in the URL falls back to defaults; sizes are capped.
    const odd = await listAuditEvents(admin, {
      size: 'lots',
      before: 'x',
      from: '2026-02-31',
      to: 'yesterday',
      action: '',
    });
    expect(odd.query).toMatchObject({
      size: 50,
      before: undefined,
      from: undefined,
      to: undefined,
      action: undefined,
    });
    expect(odd.rows).toHaveLength(8);
    expect((await listAuditEvents(admin, { size: '5000' })).query.size).toBe(200);
  });

  it('filters by action, actor, target and time', async () => {
    const admin = await createOrganisation();
    const org = admin.organisationId;
    await insertEvents(org, [
      {
        action: 'member.role_changed',
        actorLabel: 'Alice_Admin@example.test',
        targetType: 'member',
        targetId: 'm-1',
        createdAt: new Date('2031-03-01T09:00:00Z'),
      },
      {
        action: 'member.token_reset',
        actorLabel: 'bob@example.test',
        targetType: 'member',
        targetId: 'm-2',
        createdAt: new Date('2031-03-02T23:59:30Z'),
      },
      {
        action: 'invitation.created',
        actorLabel: 'alice_admin@example.test',
        targetType: 'invitation',
        targetId: 'i-1',
        createdAt: new Date('2031-03-03T00:00:00Z'),
      },
      {
        action: 'member.role_changed',
        actorLabel: 'API key',
        actorType: 'api_key',
        targetType: 'member',
        targetId: 'm-2',
        createdAt: new Date('2031-03-04T12:30:00Z'),
      },
    ]);
    const ids = async (q: Record<string, string>) =>
      (await listAuditEvents(admin, q)).rows.map((r) => r.targetId);

    expect(await ids({ action: 'member.role_changed' })).toEqual(['m-2', 'm-1']);
    expect(await ids({ action: 'member.role' })).toEqual([]); // exact, not a prefix
    // Part of the label, either case; `_` and `%` are characters, not wildcards.
    expect(await ids({ actor: 'ALICE_ADMIN' })).toEqual(['i-1', 'm-1']);
    expect(await ids({ actor: 'alice%admin' })).toEqual([]);
    expect(await ids({ actor: 'api key' })).toEqual(['m-2']);
    expect(await ids({ targetType: 'invitation' })).toEqual(['i-1']);
    expect(await ids({ targetType: 'member', targetId: 'm-2' })).toEqual(['m-2', 'm-2']);
    expect(await ids({ targetId: 'm-1' })).toEqual(['m-1']);
    // A date covers its whole day (UTC); a time its minute.
    expect(await ids({ from: '2031-03-02', to: '2031-03-03' })).toEqual(['i-1', 'm-2']);
    expect(await ids({ from: '2031-01-01', to: '2031-03-02T23:59' })).toEqual(['m-2', 'm-1']);
    expect(await ids({ from: '2031-03-03T00:00:01Z' })).toEqual(['m-2']);
    expect(await ids({ from: '2031-03-01T09:00', to: '2031-03-01T09:00' })).toEqual(['m-1']);
    expect(await ids({ from: '2031-03-04T12:31' })).toEqual([]);
    // Filters combine.
    expect(await ids({ action: 'member.role_changed', actor: 'alice', to: '2031-03-05' })).toEqual([
      'm-1',
    ]);
    // The cursor keeps the filters.
    const first = await listAuditEvents(admin, { targetType: 'member', size: '1' });
    const second = await listAuditEvents(admin, {
      targetType: 'member',
      size: '1',
      before: String(first.nextCursor),
    });
    expect(second.rows.map((r) => r.action)).toEqual(['member.token_reset']);

    expect(await listAuditActions(admin)).toEqual([
      'invitation.created',
      'member.role_changed',
      'member.token_reset',
      'organisation.created',
    ]);
    expect(await listAuditTargetTypes(admin)).toEqual(['invitation', 'member', 'organisation']);
  });

  it('never shows events of another organisation', async () => {
    const admin = await createOrganisation();
    const other = await createOrganisation();
    const [foreign] = await insertEvents(other.organisationId, [
      { action: 'secret.other_org', actorLabel: 'outsider@example.test', targetId: 'x' },
    ]);
    const mine = await listAuditEvents(admin, { size: '200' });
    expect(mine.rows.map((r) => r.action)).toEqual(['organisation.created']);
    expect(await listAuditEvents(admin, { action: 'secret.other_org' })).toMatchObject({
      rows: [],
    });
    expect(await listAuditEvents(admin, { actor: 'outsider' })).toMatchObject({ rows: [] });
    expect(await getAuditEvent(admin, foreign!.id)).toBeNull();
    expect(await getAuditEvent(admin, String(foreign!.id))).toBeNull();
    expect(await listAuditActions(admin)).not.toContain('secret.other_org');
    const csv = await readAll(streamAuditCsv(admin, {}));
    expect(csv).not.toContain('secret.other_org');
    expect(parseCsv(csv)).toHaveLength(2);
  });

  it('returns null for event ids that are not numbers', async () => {
    const admin = await createOrganisation();
    for (const id of ['abc', '-1', '0', '1.5', '99999999999999999999', '', null, undefined])
      expect(await getAuditEvent(admin, id)).toBeNull();
  });

  it('is forbidden to User and ReadOnly', async () => {
    const admin = await createOrganisation();
    const [event] = await insertEvents(admin.organisationId, [{}]);
    for (const role of ['user', 'readonly'] as const) {
      const member = await addMember(admin.organisationId, role);
      const forbidden = { code: 'forbidden' };
      await expect(listAuditEvents(member, {})).rejects.toMatchObject(forbidden);
      await expect(getAuditEvent(member, event!.id)).rejects.toMatchObject(forbidden);
      await expect(listAuditActions(member)).rejects.toMatchObject(forbidden);
      await expect(listAuditTargetTypes(member)).rejects.toMatchObject(forbidden);
      // Refused before any byte is streamed.
      expect(() => streamAuditCsv(member, {})).toThrow(ServiceError);
      await expect((async () => streamAuditCsv(member, {}))()).rejects.toMatchObject(forbidden);
    }
  });
});

describe('audit events and transactions', () => {
  it('are not written when the mutation fails', async () => {
    const admin = await createOrganisation();
    const org = admin.organisationId;
    const user = await addMember(org, 'user');
    const target = await addMember(org, 'readonly');
    const before = await countEvents(org);

    // Refused by an invariant, by the permission check, or by bad input.
    expect(
      await updateMemberRole(admin, {
        membershipId: admin.membershipId,
        roleId: await roleId(org, 'user'),
      }),
    ).toMatchObject({ ok: false, code: 'conflict' });
    expect(await deleteMember(admin, { membershipId: admin.membershipId })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(await resetMemberToken(user, { membershipId: target.membershipId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(
      await createInvitation(user, { roleId: await roleId(org, 'user') }, TEST_ORIGIN),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await createInvitation(admin, { roleId: 'nope' }, TEST_ORIGIN)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect(await countEvents(org)).toBe(before);

    // An event already written goes when the transaction fails after it.
    const failed = await mutation(async (tx) => {
      await recordAudit(tx, org, admin, { action: 'test.rolled_back', target: { type: 'x' } });
      throw new ServiceError('conflict', 'changed my mind');
    });
    expect(failed).toMatchObject({ ok: false, code: 'conflict' });
    expect(await countEvents(org)).toBe(before);
  });
});

describe('each kind of event', () => {
  it('records organisation.created with who signed up and from where', async () => {
    const email = uniqueEmail('founder');
    const result = await signUp(
      { email, password: PASSWORD, organisationName: 'Audit Founders' },
      CONTEXT,
    );
    if (!result.ok) throw new Error(result.error);
    const admin = await actorFor(result.accountId, result.organisationId!);
    expect(await latest(admin, 'organisation.created')).toMatchObject({
      actorType: 'anonymous',
      actorLabel: email,
      actorAccountId: result.accountId,
      targetType: 'organisation',
      targetId: result.organisationId,
      targetLabel: 'Audit Founders',
      before: null,
      after: { name: 'Audit Founders', admin: email },
      ip: CONTEXT.ip,
      userAgent: CONTEXT.userAgent,
      requestId: CONTEXT.requestId,
    });
  });

  it('records member changes with the acting member, the member and before and after', async () => {
    const admin = withContext(await createOrganisation());
    const org = admin.organisationId;
    const member = await addMember(org, 'readonly');
    const acting = {
      actorType: 'user',
      actorLabel: admin.label,
      actorAccountId: admin.accountId,
      actorMembershipId: admin.membershipId,
      targetType: 'member',
      targetId: member.membershipId,
      targetLabel: member.label,
      ip: CONTEXT.ip,
      userAgent: CONTEXT.userAgent,
      requestId: CONTEXT.requestId,
    };

    const changed = await updateMemberRole(admin, {
      membershipId: member.membershipId,
      roleId: await roleId(org, 'user'),
    });
    if (!changed.ok) throw new Error(changed.error);
    expect(await latest(admin, 'member.role_changed')).toMatchObject({
      ...acting,
      before: { role: 'ReadOnly', roleId: await roleId(org, 'readonly') },
      after: { role: 'User', roleId: await roleId(org, 'user'), tokenKey: changed.tokenKey },
    });

    const reset = await resetMemberToken(admin, { membershipId: member.membershipId });
    if (!reset.ok) throw new Error(reset.error);
    expect(await latest(admin, 'member.token_reset')).toMatchObject({
      ...acting,
      before: { tokenKey: changed.tokenKey },
      after: { tokenKey: reset.tokenKey },
    });

    expect(await deleteMember(admin, { membershipId: member.membershipId })).toMatchObject({
      ok: true,
    });
    expect(await latest(admin, 'member.deleted')).toMatchObject({
      ...acting,
      before: { email: member.label, role: 'User', tokenKey: reset.tokenKey },
      after: null,
    });
  });

  it('records the life of invitations, on both sides', async () => {
    const admin = withContext(await createOrganisation());
    const org = admin.organisationId;
    const userRole = await roleId(org, 'user');
    const newAccount = async () => {
      const email = uniqueEmail('invitee');
      const r = await signUp({ email, password: PASSWORD }, NO_CONTEXT, {
        withOrganisation: false,
      });
      if (!r.ok) throw new Error(r.error);
      return { id: r.accountId, email };
    };
    const byAdmin = {
      actorType: 'user',
      actorLabel: admin.label,
      actorMembershipId: admin.membershipId,
      targetType: 'invitation',
      ip: CONTEXT.ip,
    };

    const invitee = await newAccount();
    const created = await createInvitation(
      admin,
      { roleId: userRole, email: invitee.email },
      TEST_ORIGIN,
    );
    if (!created.ok) throw new Error(created.error);
    expect(await latest(admin, 'invitation.created')).toMatchObject({
      ...byAdmin,
      targetId: created.invitationId,
      targetLabel: `${invitee.email} as User`,
      before: null,
      after: { role: 'User', email: invitee.email, expiresAt: created.expiresAt.toISOString() },
    });

    const regenerated = await regenerateInvitation(admin, { invitationId: created.invitationId });
    if (!regenerated.ok) throw new Error(regenerated.error);
    expect(await latest(admin, 'invitation.regenerated')).toMatchObject({
      ...byAdmin,
      targetId: regenerated.invitationId,
      before: { invitationId: created.invitationId, status: 'pending' },
      after: { invitationId: regenerated.invitationId },
    });

    const inviteeContext = { ...CONTEXT, ip: '198.51.100.20' };
    expect(await answerInvitation(invitee, regenerated.token, 'accept', inviteeContext)).toEqual({
      ok: true,
      organisationId: org,
    });
    const accepted = await latest(admin, 'invitation.accepted');
    expect(accepted).toMatchObject({
      actorType: 'user',
      actorLabel: invitee.email,
      actorAccountId: invitee.id,
      actorMembershipId: null,
      targetType: 'invitation',
      targetId: regenerated.invitationId,
      before: { status: 'pending' },
      after: { status: 'accepted', email: invitee.email, role: 'User' },
      ip: '198.51.100.20',
    });

    const decliner = await newAccount();
    const second = await createInvitation(admin, { roleId: userRole }, TEST_ORIGIN);
    if (!second.ok) throw new Error(second.error);
    await answerInvitation(decliner, second.token, 'decline', NO_CONTEXT);
    expect(await latest(admin, 'invitation.declined')).toMatchObject({
      actorType: 'user',
      actorLabel: decliner.email,
      targetId: second.invitationId,
      targetLabel: 'link for User',
      before: { status: 'pending' },
      after: { status: 'declined', by: decliner.email },
    });

    const third = await createInvitation(admin, { roleId: userRole }, TEST_ORIGIN);
    if (!third.ok) throw new Error(third.error);
    expect(await revokeInvitation(admin, { invitationId: third.invitationId })).toMatchObject({
      ok: true,
    });
    expect(await latest(admin, 'invitation.revoked')).toMatchObject({
      ...byAdmin,
      targetId: third.invitationId,
      before: { status: 'pending' },
      after: { status: 'revoked' },
    });
  });

  it('records a failed sign-in in each organisation of the account', async () => {
    const admin = await createOrganisation();
    const second = await createOrganisation();
    const member = await addMember(second.organisationId, 'user', admin.label);
    expect(
      await verifySignIn({ email: admin.label, password: 'not the password' }, CONTEXT),
    ).toEqual({ ok: false, reason: 'invalid' });
    for (const [viewer, membershipId] of [
      [admin, admin.membershipId],
      [second, member.membershipId],
    ] as const) {
      expect(await latest(viewer, 'auth.sign_in_failed')).toMatchObject({
        actorType: 'anonymous',
        actorLabel: admin.label,
        actorAccountId: null,
        targetType: 'member',
        targetId: membershipId,
        targetLabel: admin.label,
        ip: CONTEXT.ip,
        userAgent: CONTEXT.userAgent,
      });
    }
    // Unknown emails belong to no organisation: nothing to record.
    const total = await countEvents(admin.organisationId);
    await verifySignIn({ email: uniqueEmail('nobody'), password: 'whatever it is' }, CONTEXT);
    expect(await countEvents(admin.organisationId)).toBe(total);
  });
});

describe('CSV export', () => {
  it('writes every column, escapes quotes, commas and newlines, and defuses formulas', async () => {
    const admin = await createOrganisation();
    const [event] = await insertEvents(admin.organisationId, [
      {
        action: 'test.csv',
        actorLabel: '=HYPERLINK("https://evil.example","click")',
        targetType: 'stream',
        targetId: '-42',
        targetLabel: 'Main stage, "live"\nsecond line',
        before: { name: 'Old, "quoted"' },
        after: { name: '+new' },
        ip: '2001:db8::1',
        userAgent: '@agent',
        requestId: 'req-1',
        createdAt: new Date('2031-05-06T07:08:09.123Z'),
      },
    ]);
    const csv = await readAll(streamAuditCsv(admin, { action: 'test.csv' }));
    const [header, row, ...rest] = parseCsv(csv);
    expect(rest).toEqual([]);
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(Object.fromEntries(header!.map((h, i) => [h, row![i]]))).toEqual({
      id: String(event!.id),
      time_utc: '2031-05-06T07:08:09.123Z',
      actor_type: 'user',
      actor: `'=HYPERLINK("https://evil.example","click")`,
      action: 'test.csv',
      target_type: 'stream',
      target_id: "'-42",
      target: 'Main stage, "live"\nsecond line',
      before: '{"name":"Old, \\"quoted\\""}',
      after: '{"name":"+new"}',
      ip: '2001:db8::1',
      user_agent: "'@agent",
      request_id: 'req-1',
    });
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('streams 10,000 events in keyset batches, never holding the whole log', async () => {
    const admin = await createOrganisation();
    const n = 10_000;
    await getDb().execute(sql`
      insert into audit_events
        (organisation_id, created_at, actor_type, actor_label, action, target_type,
         target_id, target_label, before, after, ip, user_agent, request_id)
      select ${admin.organisationId}, now() - make_interval(secs => ${n} - g), 'user',
             'bulk@example.test', 'bulk.event', 'stream', g::text, 'Stream ' || g,
             jsonb_build_object('n', g), jsonb_build_object('n', g + 1),
             '198.51.100.1', 'Bulk/1.0', 'req-' || g
      from generate_series(1, ${n}) as g`);

    const db = getDb();
    const selects = vi.spyOn(db, 'select');
    try {
      const reader = streamAuditCsv(admin, { action: 'bulk.event' }).getReader();
      const decoder = new TextDecoder();
      let lines = 0;
      let chunks = 0;
      let biggest = 0;
      let firstId: string | undefined;
      let lastId = '';
      let tail = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks++;
        // Consumed and dropped chunk by chunk, as a response body is.
        const text = tail + decoder.decode(value, { stream: true });
        const rows = text.split('\r\n');
        tail = rows.pop()!;
        lines += rows.length;
        biggest = Math.max(biggest, rows.length);
        if (chunks === 2) {
          firstId = rows[0]!.split(',')[0];
          // Lazy: the first batch is out, at most one more is being fetched.
          expect(selects.mock.calls.length).toBeLessThanOrEqual(2);
        }
        if (rows.length) lastId = rows.at(-1)!.split(',')[0]!;
      }
      expect(tail).toBe('');
      expect(lines).toBe(n + 1);
      // The header, then one chunk per batch of at most AUDIT_CSV_BATCH rows.
      expect(biggest).toBeLessThanOrEqual(AUDIT_CSV_BATCH);
      expect(chunks).toBe(1 + n / AUDIT_CSV_BATCH);
      // One query per batch, and one more that finds the end.
      expect(selects.mock.calls.length).toBe(n / AUDIT_CSV_BATCH + 1);
      expect(Number(firstId)).toBeGreaterThan(Number(lastId));
    } finally {
      selects.mockRestore();
    }
  });
});
