import { and, count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, bintuTokens, memberships, webhookDeliveries } from '@/db/schema';
import { DEFAULT_ROLES } from '@/lib/rbac';
import { addMembers } from '@/lib/setup/seed';
import type { Actor } from '@/lib/services/actor';
import { bulkUpdateMembers, type BulkAnswer } from '@/lib/services/bulk-members';
import { listMembers, suspendMember } from '@/lib/services/members';
import { createRole } from '@/lib/services/roles';
import { issueBintuToken } from '@/lib/services/tokens';
import { createWebhookEndpoint } from '@/lib/services/webhooks';
import { usingPostgres, withTestDatabase } from './support/db';
import { addMember, createOrganisation, roleId, uniqueEmail } from './support/fixtures';

// Bulk actions (docs/product.md, "Bulk actions"): each member checked, changed and
// audited as if alone; refusals are rows with their reason, never the whole request.

withTestDatabase();

const MANAGER = [
  'users:read',
  'users:update',
  'users:suspend',
  'users:reset-token',
  'users:delete',
] as const;

async function managerOf(admin: Actor): Promise<Actor> {
  const role = await createRole(admin, {
    name: `Member manager ${uniqueEmail('r')}`,
    description: 'Manages members',
    permissions: [...new Set([...DEFAULT_ROLES.readonly.permissions, ...MANAGER])],
    audiences: [...DEFAULT_ROLES.readonly.audiences],
  });
  if (!role.ok) throw new Error(role.error);
  return addMember(admin.organisationId, { id: role.roleId });
}

async function membershipOf(id: string) {
  const [row] = await getDb().select().from(memberships).where(eq(memberships.id, id));
  return row;
}

async function audited(organisationId: string, action: string): Promise<string[]> {
  const rows = await getDb()
    .select({ id: auditEvents.targetId })
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, organisationId), eq(auditEvents.action, action)));
  return rows.map((r) => r.id!);
}

/** Calls again with `next` until every member matching the filter has been seen. */
async function allChunks(actor: Actor, body: Record<string, unknown>, chunk: number) {
  const total: Omit<BulkAnswer, 'next'> & { calls: number } = {
    action: 'suspend',
    results: [],
    succeeded: 0,
    refused: 0,
    calls: 0,
  };
  let after: string | undefined;
  do {
    const answer = await bulkUpdateMembers(actor, { ...body, after }, { chunk, batch: 100 });
    if (!answer.ok) throw new Error(answer.error);
    total.results.push(...answer.results);
    total.succeeded += answer.succeeded;
    total.refused += answer.refused;
    total.calls++;
    after = answer.next ?? undefined;
  } while (after);
  return total;
}

describe('bulk actions on members', () => {
  it('answers per member: changed, not a member, above the actor, themselves, already suspended', async () => {
    const admin = await createOrganisation();
    const other = await createOrganisation();
    const manager = await managerOf(admin);
    const readonly = await addMember(admin.organisationId, 'readonly');
    const user = await addMember(admin.organisationId, 'user');
    const secondAdmin = await addMember(admin.organisationId, 'admin');
    const away = await addMember(admin.organisationId, 'readonly');
    expect(await suspendMember(admin, { membershipId: away.membershipId! })).toMatchObject({
      ok: true,
    });
    const stranger = await addMember(other.organisationId, 'readonly');
    const hook = await createWebhookEndpoint(admin, {
      url: 'https://93.184.216.34/hooks',
      eventTypes: ['member.suspended'],
    });
    if (!hook.ok) throw new Error(hook.error);

    const answer = await bulkUpdateMembers(manager, {
      action: 'suspend',
      reason: 'Quarterly review',
      members: [
        readonly.membershipId!,
        secondAdmin.membershipId!,
        stranger.membershipId!,
        manager.membershipId!,
        away.membershipId!,
        user.membershipId!,
        readonly.membershipId!, // twice: once
      ],
    });
    if (!answer.ok) throw new Error(answer.error);
    expect(answer.results.map((r) => [r.id, r.ok ? 'ok' : r.code])).toEqual([
      [readonly.membershipId!, 'ok'],
      [secondAdmin.membershipId!, 'forbidden'],
      [stranger.membershipId!, 'not_found'],
      [manager.membershipId!, 'conflict'],
      [away.membershipId!, 'conflict'],
      [user.membershipId!, 'forbidden'],
    ]);
    expect(answer).toMatchObject({ succeeded: 1, refused: 5, next: null });
    expect(answer.results.find((r) => r.id === stranger.membershipId!)).toMatchObject({
      email: null,
      reason: 'This user is not a member of your organisation.',
    });
    expect(answer.results.find((r) => r.id === manager.membershipId!)).toMatchObject({
      reason: 'You cannot suspend yourself.',
    });

    expect((await membershipOf(readonly.membershipId!))?.suspensionReason).toBe('Quarterly review');
    expect((await membershipOf(secondAdmin.membershipId!))?.suspendedAt).toBeNull();
    expect((await membershipOf(stranger.membershipId!))?.suspendedAt).toBeNull();
    // One audit event and one webhook delivery per member changed, as one by one.
    expect(await audited(admin.organisationId, 'member.suspended')).toEqual([
      away.membershipId!,
      readonly.membershipId!,
    ]);
    const [deliveries] = await getDb()
      .select({ n: count() })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, hook.endpoint.id));
    expect(deliveries?.n).toBe(1);
  });

  it('keeps the last active admin, whichever way the batch would take every admin away', async () => {
    const admin = await createOrganisation();
    const second = await addMember(admin.organisationId, 'admin');
    const third = await addMember(admin.organisationId, 'admin');
    const readonlyRole = await roleId(admin.organisationId, 'readonly');

    const demoted = await bulkUpdateMembers(admin, {
      action: 'change_role',
      roleId: readonlyRole,
      members: [second.membershipId!, admin.membershipId!, third.membershipId!],
    });
    if (!demoted.ok) throw new Error(demoted.error);
    expect(demoted.results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(demoted.results[2]).toMatchObject({ code: 'conflict' });
    expect(demoted.results[2]!.ok === false && demoted.results[2]!.reason).toMatch(
      /last active admin/,
    );
    expect((await membershipOf(third.membershipId!))?.roleId).not.toBe(readonlyRole);
    expect(await audited(admin.organisationId, 'member.role_changed')).toHaveLength(2);

    // Now the third is the only admin: removing it with others leaves it.
    const ro = await addMember(admin.organisationId, 'readonly');
    const removed = await bulkUpdateMembers(third, {
      action: 'remove',
      members: [third.membershipId!, ro.membershipId!],
    });
    if (!removed.ok) throw new Error(removed.error);
    expect(removed.results.map((r) => r.ok)).toEqual([false, true]);
    expect(await membershipOf(third.membershipId!)).toBeDefined();
    expect(await membershipOf(ro.membershipId!)).toBeUndefined();
  });

  it('replaces Token Keys and ends bintu tokens on a reset or a role change', async () => {
    const admin = await createOrganisation();
    const a = await addMember(admin.organisationId, 'user');
    const b = await addMember(admin.organisationId, 'user');
    for (const m of [a, b]) expect((await issueBintuToken(m)).ok).toBe(true);
    const before = await Promise.all([a, b].map((m) => membershipOf(m.membershipId!)));

    const reset = await bulkUpdateMembers(admin, {
      action: 'reset_token',
      members: [a.membershipId!, b.membershipId!],
    });
    expect(reset).toMatchObject({ ok: true, succeeded: 2, refused: 0 });
    const after = await Promise.all([a, b].map((m) => membershipOf(m.membershipId!)));
    expect(after[0]!.tokenKey).not.toBe(before[0]!.tokenKey);
    expect(after[1]!.tokenKey).not.toBe(after[0]!.tokenKey);
    const [left] = await getDb()
      .select({ n: count() })
      .from(bintuTokens)
      .where(inArray(bintuTokens.membershipId!, [a.membershipId!, b.membershipId!]));
    expect(left?.n).toBe(0);
    const events = await getDb()
      .select({ before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organisationId, admin.organisationId),
          eq(auditEvents.action, 'member.token_reset'),
          eq(auditEvents.targetId, a.membershipId!),
        ),
      );
    expect(events).toEqual([
      { before: { tokenKey: before[0]!.tokenKey }, after: { tokenKey: after[0]!.tokenKey } },
    ]);
  });

  it('refuses the whole request for a caller without the permission, or input that is wrong', async () => {
    const admin = await createOrganisation();
    const other = await createOrganisation();
    const readonly = await addMember(admin.organisationId, 'readonly');
    const target = await addMember(admin.organisationId, 'readonly');
    const manager = await managerOf(admin);
    const members = [target.membershipId!];

    expect(await bulkUpdateMembers(readonly, { action: 'suspend', members })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    for (const body of [
      { action: 'suspend' },
      { action: 'suspend', members, filter: {} },
      { action: 'suspend', members: [] },
      { action: 'suspend', members: ['not-an-id'] },
      { action: 'change_role', members },
      { action: 'remove', members, roleId: await roleId(admin.organisationId, 'user') },
      { action: 'reset_token', members, reason: 'no' },
      { action: 'suspend', members, reason: 'a\u0000b' },
      { action: 'explode', members },
      { action: 'suspend', filter: { q: 'x' }, after: 'not a cursor!' },
      { action: 'suspend', filter: { q: 'x' }, after: 'bm90IGEga2V5' },
      { action: 'suspend', filter: { sort: 'email' } },
      { action: 'suspend', members: Array.from({ length: 1001 }, () => target.membershipId!) },
      [target.membershipId!],
      null,
    ]) {
      expect(await bulkUpdateMembers(admin, body), JSON.stringify(body)).toMatchObject({
        ok: false,
        code: 'invalid',
      });
    }
    // A role of another organisation, or one above the actor: nobody changes.
    expect(
      await bulkUpdateMembers(admin, {
        action: 'change_role',
        roleId: await roleId(other.organisationId, 'readonly'),
        members,
      }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    expect(
      await bulkUpdateMembers(manager, {
        action: 'change_role',
        roleId: await roleId(admin.organisationId, 'admin'),
        members,
      }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    // Bulk actions work on the user list: users:suspend without users:read is not enough.
    const suspender = await createRole(admin, {
      name: 'Suspender',
      description: '',
      permissions: ['users:suspend'],
      audiences: ['dashboard'],
    });
    if (!suspender.ok) throw new Error(suspender.error);
    const blind = await addMember(admin.organisationId, { id: suspender.roleId });
    const peer = await addMember(admin.organisationId, { id: suspender.roleId });
    for (const body of [
      { action: 'suspend', members: [peer.membershipId!] },
      { action: 'suspend', filter: { status: 'active' } },
    ])
      expect(await bulkUpdateMembers(blind, body)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await audited(admin.organisationId, 'member.suspended')).toEqual([]);
  });

  it('works through every member matching a filter in chunks, each member once', async () => {
    const admin = await createOrganisation();
    await addMembers(getDb(), admin.organisationId, 1234);
    const user = await roleId(admin.organisationId, 'user');
    const matching = await listMembers(admin, { role: user, status: 'active' });

    const done = await allChunks(
      admin,
      { action: 'suspend', filter: { role: user, status: 'active', q: 'bulk.example' } },
      300,
    );
    expect(done.calls).toBe(Math.ceil(matching.total / 300) + (matching.total % 300 ? 0 : 1));
    expect(done.succeeded).toBe(matching.total);
    expect(new Set(done.results.map((r) => r.id)).size).toBe(matching.total);
    expect((await listMembers(admin, { role: user, status: 'suspended' })).total).toBe(
      matching.total,
    );
    expect(await audited(admin.organisationId, 'member.suspended')).toHaveLength(matching.total);

    // Nothing matches any more: one call, nothing done.
    const again = await bulkUpdateMembers(admin, {
      action: 'suspend',
      filter: { role: user, status: 'active' },
    });
    expect(again).toMatchObject({ ok: true, succeeded: 0, refused: 0, next: null });
  });

  it.skipIf(!usingPostgres)(
    'suspends and reactivates 10,000 members matching a filter on PostgreSQL',
    { timeout: 120_000 },
    async () => {
      const admin = await createOrganisation();
      await addMembers(getDb(), admin.organisationId, 10_000);
      const filter = { q: 'bulk.example' };
      for (const action of ['suspend', 'reactivate'] as const) {
        const started = performance.now();
        let after: string | undefined;
        let succeeded = 0;
        do {
          const answer = await bulkUpdateMembers(admin, { action, filter, after });
          if (!answer.ok) throw new Error(answer.error);
          succeeded += answer.succeeded;
          after = answer.next ?? undefined;
        } while (after);
        console.log(
          `bulk ${action} of 10,000 members: ${Math.round(performance.now() - started)} ms`,
        );
        expect(succeeded).toBe(10_000);
      }
      expect(await audited(admin.organisationId, 'member.reactivated')).toHaveLength(10_000);
    },
  );
});
