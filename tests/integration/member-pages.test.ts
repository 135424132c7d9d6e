import { and, eq, ilike, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { addMembers } from '@/lib/setup/seed';
import { accounts, memberships, roles } from '@/db/schema';
import { newTokenKey } from '@/lib/credentials';
import type { Actor } from '@/lib/services/actor';
import { deleteMember, listMembers, updateMemberRole } from '@/lib/services/members';
import { insertMemberships } from '@/lib/services/memberships';
import { SEARCH_COUNT_CAP } from '@/lib/validation/members';
import { withTestDatabase } from './support/db';
import { addMember, createOrganisation, roleId } from './support/fixtures';

// The user list pages by keyset and counts from the roles (docs/performance.md): every
// page of every order, walked both ways, must be exactly the full sort cut into pages,
// and the counts kept by the database must equal a count of the members, whatever
// changed them.

withTestDatabase();

async function customRole(organisationId: string, name: string) {
  const [role] = await getDb()
    .insert(roles)
    .values({ organisationId, name, permissions: ['users:read'], audiences: ['dashboard'] })
    .returning();
  return role!.id;
}

/** 58 members over five roles; eight share one created_at to the microsecond. */
async function organisationWithMembers() {
  const admin = await createOrganisation();
  const org = admin.organisationId;
  await customRole(org, 'Zulu Crew');
  const alpha = await customRole(org, 'alpha crew');
  await addMembers(getDb(), org, 49);
  const db = getDb();
  const twins = await db
    .insert(accounts)
    .values(
      Array.from({ length: 8 }, (_, i) => ({ email: `twin-${i}-${org.slice(0, 8)}@tie.test` })),
    )
    .returning();
  await insertMemberships(
    db,
    twins.map((a, i) => ({
      organisationId: org,
      accountId: a.id,
      roleId: i % 2 ? alpha : admin.role.id,
      email: a.email,
      createdAt: new Date('2026-01-01T00:00:00.123Z'),
    })),
  );
  return { admin, alpha };
}

/** The full order, from PostgreSQL itself (its collation decides name order). */
async function fullOrder(
  actor: Actor,
  sort: 'created' | 'email' | 'role',
  dir: 'asc' | 'desc',
  filter: { role?: string; q?: string },
): Promise<string[]> {
  const d = sql.raw(dir);
  const order =
    sort === 'created'
      ? sql`m.created_at ${d}, m.id ${d}`
      : sort === 'email'
        ? sql`m.email ${d}, m.id ${d}`
        : sql`r.name ${d}, r.id ${d}, m.created_at desc, m.id desc`;
  const result = await getDb().execute<{ id: string }>(sql`
    select m.id from memberships m join roles r on r.id = m.role_id
    where m.organisation_id = ${actor.organisationId}
      ${filter.role ? sql`and m.role_id = ${filter.role}` : sql``}
      ${filter.q ? sql`and m.email ilike ${`%${filter.q}%`}` : sql``}
    order by ${order}`);
  const rows = Array.isArray(result) ? result : (result as { rows: { id: string }[] }).rows;
  return rows.map((r) => r.id);
}

describe('keyset pages of the user list', () => {
  it('cut the full order into pages, forward from the first and back from the last', async () => {
    const { admin, alpha } = await organisationWithMembers();
    const filters = [{}, { role: alpha }, { q: 'TIE' }];
    for (const sort of ['created', 'email', 'role'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const filter of filters) {
          const base = { sort, dir, size: '25', ...filter };
          const expected = await fullOrder(admin, sort, dir, filter);
          const label = JSON.stringify(base);

          const forward: string[] = [];
          let page = await listMembers(admin, base);
          expect(page.from, label).toBe(1);
          expect(page.prev, label).toBeNull();
          forward.push(...page.rows.map((r) => r.id));
          let guard = 0;
          while (page.next && guard++ < 10) {
            page = await listMembers(admin, { ...base, after: page.next });
            expect(page.prev, label).not.toBeNull();
            forward.push(...page.rows.map((r) => r.id));
          }
          expect(forward, label).toEqual(expected);

          // Back from the last page: each page ends where the one after it began; the
          // first page is the first page, so the pages overlap once at the start.
          const backward: string[] = [];
          page = await listMembers(admin, { ...base, last: '1' });
          expect(page.next, label).toBeNull();
          expect(page.from, label).toBe(expected.length - page.rows.length + 1 || 1);
          backward.unshift(...page.rows.map((r) => r.id));
          guard = 0;
          while (page.prev && guard++ < 10) {
            page = await listMembers(admin, { ...base, before: page.prev });
            expect(page.next, label).not.toBeNull();
            const seen = new Set(backward);
            backward.unshift(...page.rows.map((r) => r.id).filter((id) => !seen.has(id)));
          }
          expect(backward, label).toEqual(expected);
          // Walking back ends on the first page itself, full, not on a remainder.
          expect(page.rows.length, label).toBe(Math.min(25, expected.length));
          expect(page.from, label).toBe(1);
        }
      }
    }
  });

  it('starts at the first page for a cursor it did not make, without an error', async () => {
    const { admin } = await organisationWithMembers();
    const first = await listMembers(admin, {});
    const byEmail = await listMembers(admin, { sort: 'email' });
    const forged = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const hostile = [
      'not a cursor',
      '!!!',
      'x'.repeat(5000),
      byEmail.next!, // made for another order
      forged(['created', 'desc', '2026-01-01T00:00:00.000000Z', 'not-a-uuid']),
      forged(['created', 'desc', "2026-01-01'; drop table memberships; --", admin.role.id]),
      forged(['email', 'asc', 'a\u0000b@x.test', admin.role.id]),
      forged(['created', 'desc', '9999-99-99T99:99:99.999999Z', admin.role.id]),
      forged(['role', 'asc', 'Admin', admin.role.id, '2026-01-01T00:00:00.000000Z']),
      forged({ length: 3 } as unknown as unknown[]),
    ];
    for (const after of hostile) {
      const sort = after === byEmail.next ? 'created' : undefined;
      const page = await listMembers(admin, { after, before: after, ...(sort ? { sort } : {}) });
      expect(
        page.rows.map((r) => r.id),
        after.slice(0, 40),
      ).toEqual(first.rows.map((r) => r.id));
    }
  });

  it('counts a search up to the cap and says when more match', async () => {
    const admin = await createOrganisation();
    await addMembers(getDb(), admin.organisationId, SEARCH_COUNT_CAP + 5);
    const all = await listMembers(admin, { q: 'bulk.example' });
    expect(all).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    const some = await listMembers(admin, { q: '-99@' });
    expect(some.totalCapped).toBe(false);
    expect(some.total).toBe(some.rows.length);
    const everyone = await listMembers(admin, {});
    expect(everyone).toMatchObject({ total: SEARCH_COUNT_CAP + 6, totalCapped: false });
    // More matches than a page and fewer than the cap: counted exactly, on every page.
    const [{ n: nines }] = (await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(
        and(eq(memberships.organisationId, admin.organisationId), ilike(memberships.email, '%9@%')),
      )) as [{ n: number }];
    expect(nines).toBeGreaterThan(25);
    const first = await listMembers(admin, { q: '9@' });
    expect(first).toMatchObject({ total: nines, totalCapped: false });
    const second = await listMembers(admin, { q: '9@', after: first.next });
    expect(second).toMatchObject({ total: nines, totalCapped: false });
    const last = await listMembers(admin, { q: '9@', last: '1' });
    expect(last).toMatchObject({ total: nines, totalCapped: false });
  });
});

describe('member counts kept on the roles', () => {
  async function assertCountsTrue(organisationId: string) {
    const rows = await getDb()
      .select({
        kept: roles.memberCount,
        actual: sql<number>`(select count(*) from memberships m where m.role_id = roles.id)::int`,
      })
      .from(roles)
      .where(eq(roles.organisationId, organisationId));
    for (const r of rows) expect(r.kept).toBe(Number(r.actual));
    return rows.reduce((sum, r) => sum + r.kept, 0);
  }

  it('follow inserts, bulk inserts, role changes, deletes, cascades and rollbacks', async () => {
    const admin = await createOrganisation();
    const org = admin.organisationId;
    expect(await assertCountsTrue(org)).toBe(1);
    const member = await addMember(org, 'readonly');
    await addMembers(getDb(), org, 120);
    expect(await assertCountsTrue(org)).toBe(122);

    const user = await roleId(org, 'user');
    expect(
      (await updateMemberRole(admin, { membershipId: member.membershipId, roleId: user })).ok,
    ).toBe(true);
    await assertCountsTrue(org);
    // A write that changes no role (a token reset, say) leaves the counts alone.
    await getDb()
      .update(memberships)
      .set({ tokenKey: newTokenKey() })
      .where(eq(memberships.organisationId, org));
    await assertCountsTrue(org);
    // Many members change role in one statement.
    await getDb()
      .update(memberships)
      .set({ roleId: user })
      .where(
        sql`${memberships.organisationId} = ${org} and ${memberships.email} like '%bulk.example'`,
      );
    await assertCountsTrue(org);

    expect((await deleteMember(admin, { membershipId: member.membershipId })).ok).toBe(true);
    await assertCountsTrue(org);
    // Deleting accounts cascades to their memberships.
    await getDb().execute(
      sql`delete from accounts where id in (select account_id from memberships where organisation_id = ${org} and email like '%bulk.example' limit 20)`,
    );
    expect(await assertCountsTrue(org)).toBe(101);

    // A transaction that fails changes no count.
    await expect(
      getDb().transaction(async (tx) => {
        await tx
          .delete(memberships)
          .where(
            sql`${memberships.organisationId} = ${org} and ${memberships.email} like '%bulk.example'`,
          );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await assertCountsTrue(org)).toBe(101);
  });
});
