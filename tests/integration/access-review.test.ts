import { eq, inArray } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { bintuTokens, memberships } from '@/db/schema';
import { shiftClock } from '@/lib/clock';
import {
  INACTIVE_PAGE_SIZE,
  listInactiveMembers,
  listPrivilegedAccess,
  listUnusedTokens,
} from '@/lib/services/access-review';
import { ACTIVITY_WRITE_SECONDS } from '@/lib/services/activity';
import { NO_CONTEXT, resolveMemberActor, type Actor } from '@/lib/services/actor';
import { rotateApiKey } from '@/lib/services/api-key';
import {
  authenticateApiKey,
  authenticateBintuToken,
  authenticateRequest,
} from '@/lib/services/authenticate';
import { suspendMember } from '@/lib/services/members';
import { createRole } from '@/lib/services/roles';
import { startSession } from '@/lib/services/sessions';
import { issueBintuToken } from '@/lib/services/tokens';
import { withTestDatabase } from './support/db';
import { addMember, createOrganisation } from './support/fixtures';

// Last active and the access review (docs/product.md, "Access review"): activity is read
// by the actor's own query and written at most once per ACTIVITY_WRITE_SECONDS; the
// review's lists are scoped, filtered by 30, 90 or 180 days and paged by keyset.

withTestDatabase();
afterEach(() => shiftClock(0));

const MINUTE = 60_000;
const DAY = 24 * 3600_000;

async function lastActive(membershipId: string): Promise<Date | null> {
  const [row] = await getDb()
    .select({ at: memberships.lastActiveAt })
    .from(memberships)
    .where(eq(memberships.id, membershipId));
  return row!.at;
}

async function lastUsed(tokenId: string): Promise<Date | null> {
  const [row] = await getDb()
    .select({ at: bintuTokens.lastUsedAt })
    .from(bintuTokens)
    .where(eq(bintuTokens.id, tokenId));
  return row!.at;
}

async function setLastActive(ids: string[], at: Date | null) {
  await getDb().update(memberships).set({ lastActiveAt: at }).where(inArray(memberships.id, ids));
}

async function tokenFor(member: Actor) {
  const issued = await issueBintuToken(member);
  if (!issued.ok) throw new Error(issued.error);
  const [row] = await getDb()
    .select({ id: bintuTokens.id })
    .from(bintuTokens)
    .where(eq(bintuTokens.membershipId, member.membershipId!));
  return { token: issued.token, id: row!.id };
}

describe('last active', () => {
  it('is written on the first dashboard request, not again within the threshold, and again after it', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'user');
    const session = await startSession(member.accountId!, NO_CONTEXT);
    await setLastActive([member.membershipId!], null);
    const request = () =>
      resolveMemberActor({
        accountId: member.accountId!,
        sessionId: session,
        organisationId: admin.organisationId,
      });

    const started = Date.now();
    expect(await request()).not.toBeNull();
    const first = await lastActive(member.membershipId!);
    expect(first).not.toBeNull();
    expect(Math.abs(first!.getTime() - started)).toBeLessThan(MINUTE);

    // Within the threshold: the column keeps its first value (a write would store the
    // moved clock's time).
    shiftClock(ACTIVITY_WRITE_SECONDS * 1000 - MINUTE);
    expect(await request()).not.toBeNull();
    expect((await lastActive(member.membershipId!))!.getTime()).toBe(first!.getTime());

    shiftClock(ACTIVITY_WRITE_SECONDS * 1000 + MINUTE);
    expect(await request()).not.toBeNull();
    const again = await lastActive(member.membershipId!);
    expect(again!.getTime() - first!.getTime()).toBeGreaterThanOrEqual(
      ACTIVITY_WRITE_SECONDS * 1000,
    );
  });

  it('is written for the membership the request resolved to, not the account’s others', async () => {
    const one = await createOrganisation();
    const two = await createOrganisation();
    const inOne = await addMember(one.organisationId, 'user');
    const inTwo = await addMember(two.organisationId, 'user', inOne.label);
    await setLastActive([inOne.membershipId!, inTwo.membershipId!], null);
    await resolveMemberActor({ accountId: inOne.accountId!, organisationId: two.organisationId });
    expect(await lastActive(inTwo.membershipId!)).not.toBeNull();
    expect(await lastActive(inOne.membershipId!)).toBeNull();
  });

  it('is not written when the caller asks not to (middleware, which only gates)', async () => {
    const admin = await createOrganisation();
    await setLastActive([admin.membershipId!], null);
    await resolveMemberActor({ accountId: admin.accountId!, recordActivity: false });
    expect(await lastActive(admin.membershipId!)).toBeNull();
  });

  it('records a bintu token’s use and its member’s activity, throttled the same way', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'user');
    const { token, id } = await tokenFor(member);
    await setLastActive([member.membershipId!], null);
    expect(await lastUsed(id)).toBeNull();

    // The gate in middleware authenticates without recording.
    const headers = new Headers({ authorization: `Bearer ${token}` });
    expect(await authenticateRequest(headers, NO_CONTEXT, { recordActivity: false })).not.toBe(
      null,
    );
    expect(await lastUsed(id)).toBeNull();
    expect(await lastActive(member.membershipId!)).toBeNull();

    expect(await authenticateBintuToken(token, NO_CONTEXT)).not.toBeNull();
    const used = await lastUsed(id);
    const active = await lastActive(member.membershipId!);
    expect(used).not.toBeNull();
    expect(active).not.toBeNull();

    shiftClock(MINUTE);
    expect(await authenticateRequest(headers, NO_CONTEXT)).not.toBeNull();
    expect((await lastUsed(id))!.getTime()).toBe(used!.getTime());
    expect((await lastActive(member.membershipId!))!.getTime()).toBe(active!.getTime());

    shiftClock(ACTIVITY_WRITE_SECONDS * 1000 + MINUTE);
    expect(await authenticateBintuToken(token, NO_CONTEXT)).not.toBeNull();
    expect((await lastUsed(id))!.getTime()).toBeGreaterThan(used!.getTime());
    expect((await lastActive(member.membershipId!))!.getTime()).toBeGreaterThan(active!.getTime());
  });

  it('records the token even when its member was active a moment ago in the dashboard', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'user');
    const { token, id } = await tokenFor(member);
    const active = await lastActive(member.membershipId!);
    expect(active).not.toBeNull();
    expect(await authenticateBintuToken(token, NO_CONTEXT)).not.toBeNull();
    expect(await lastUsed(id)).not.toBeNull();
    expect((await lastActive(member.membershipId!))!.getTime()).toBe(active!.getTime());
  });

  it('is never touched by the organisation’s API key, which is no member', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'user');
    const rotated = await rotateApiKey(admin);
    if (!rotated.ok) throw new Error(rotated.error);
    const ids = [admin.membershipId!, member.membershipId!];
    await setLastActive(ids, null);
    expect(await authenticateApiKey(rotated.apiKey, NO_CONTEXT)).not.toBeNull();
    const headers = new Headers({ 'x-api-key': rotated.apiKey });
    expect(await authenticateRequest(headers, NO_CONTEXT)).not.toBeNull();
    const rows = await getDb()
      .select({ at: memberships.lastActiveAt })
      .from(memberships)
      .where(eq(memberships.organisationId, admin.organisationId));
    expect(rows.map((r) => r.at)).toEqual(rows.map(() => null));
  });
});

describe('the access review', () => {
  it('lists members not active for 30, 90 or 180 days, never active ones first, in the actor’s organisation only', async () => {
    const admin = await createOrganisation();
    const other = await createOrganisation();
    const at = (days: number) => new Date(Date.now() - days * DAY);
    const made: Record<string, Actor> = {};
    for (const name of ['recent', 'd45', 'd100', 'd200', 'never', 'suspended']) {
      made[name] = await addMember(admin.organisationId, 'user');
    }
    await setLastActive([made.recent!.membershipId!], at(10));
    await setLastActive([made.d45!.membershipId!], at(45));
    await setLastActive([made.d100!.membershipId!], at(100));
    await setLastActive([made.d200!.membershipId!, made.suspended!.membershipId!], at(200));
    await setLastActive([made.never!.membershipId!], null);
    const suspended = await suspendMember(admin, { membershipId: made.suspended!.membershipId });
    expect(suspended.ok).toBe(true);
    // Another organisation's inactive member, and the viewer never seen before.
    const foreign = await addMember(other.organisationId, 'user');
    await setLastActive([foreign.membershipId!, admin.membershipId!], null);

    const emails = async (days?: number) =>
      (await listInactiveMembers(admin, days ? { days: String(days) } : {})).rows.map(
        (r) => r.email,
      );
    const label = (name: string) => made[name]!.label;
    expect(await emails(30)).toEqual([label('never'), label('d200'), label('d100'), label('d45')]);
    expect(await emails(90)).toEqual([label('never'), label('d200'), label('d100')]);
    expect(await emails(180)).toEqual([label('never'), label('d200')]);
    // 90 by default; anything else is the default too.
    expect(await emails()).toEqual(await emails(90));
    expect((await listInactiveMembers(admin, { days: '7' })).query.days).toBe(90);

    const page = await listInactiveMembers(admin, { days: '30' });
    expect(page.total).toBe(4);
    expect(page.next).toBeNull();
    const never = page.rows[0]!;
    expect(never.lastActiveAt).toBeNull();
    expect(never.role.key).toBe('user');
    expect(page.rows[1]!.lastActiveAt!.getTime()).toBeCloseTo(at(200).getTime(), -5);
  });

  it('pages the inactive members by keyset across never and long-ago activity', async () => {
    const admin = await createOrganisation();
    const never: string[] = [];
    const old: string[] = [];
    for (let i = 0; i < 70; i++) {
      const m = await addMember(admin.organisationId, 'readonly');
      (i % 2 ? never : old).push(m.membershipId!);
    }
    await setLastActive(never, null);
    // Older first; three members share each time, ordered among themselves by id.
    const base = Date.now();
    for (const [i, id] of old.entries()) {
      await setLastActive([id], new Date(base - (400 - Math.floor(i / 3)) * DAY));
    }
    const expectedOld = old
      .map((id, i) => ({ id, group: Math.floor(i / 3) }))
      .sort((a, b) => a.group - b.group || (a.id < b.id ? -1 : 1))
      .map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let from = 1;
    let pages = 0;
    do {
      const page = await listInactiveMembers(admin, { after: cursor, from: String(from) });
      expect(page.total).toBe(70);
      expect(page.from).toBe(from);
      expect(page.rows.length).toBeLessThanOrEqual(INACTIVE_PAGE_SIZE);
      seen.push(...page.rows.map((r) => r.id));
      from += page.rows.length;
      cursor = page.next ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(70);
    expect(seen.slice(0, never.length).sort()).toEqual([...never].sort());
    expect(seen.slice(never.length)).toEqual(expectedOld);
    // A cursor that is not ours starts at the first page.
    const bogus = await listInactiveMembers(admin, { after: 'bm90LWEtY3Vyc29y' });
    expect(bogus.rows[0]!.id).toBe(seen[0]);
  });

  it('lists bintu tokens still valid that were never used or not for 30 days', async () => {
    const admin = await createOrganisation();
    const other = await createOrganisation();
    const member = await addMember(admin.organisationId, 'user');
    const unused = await tokenFor(member);
    const used = await tokenFor(admin);
    expect(await authenticateBintuToken(used.token, NO_CONTEXT)).not.toBeNull();
    const foreign = await tokenFor(await addMember(other.organisationId, 'user'));

    const listed = await listUnusedTokens(admin);
    expect(listed.rows.map((t) => t.id)).toEqual([unused.id]);
    expect(listed.rows[0]!.member).toEqual({ id: member.membershipId, email: member.label });
    expect(listed.rows[0]!.lastUsedAt).toBeNull();
    expect(listed.more).toBe(false);
    expect((await listUnusedTokens(other)).rows.map((t) => t.id)).toEqual([foreign.id]);

    // Used 31 days ago (were tokens to live that long): listed again.
    await getDb()
      .update(bintuTokens)
      .set({
        lastUsedAt: new Date(Date.now() - 31 * DAY),
        expiresAt: new Date(Date.now() + DAY),
      })
      .where(eq(bintuTokens.id, used.id));
    expect((await listUnusedTokens(admin)).rows.map((t) => t.id).sort()).toEqual(
      [unused.id, used.id].sort(),
    );
    // Expired tokens no longer give access: not listed.
    shiftClock(2 * DAY);
    expect((await listUnusedTokens(admin)).rows).toEqual([]);
  });

  it('shows the admins and the custom roles with the most permissions', async () => {
    const admin = await createOrganisation();
    await addMember(admin.organisationId, 'user');
    const second = await addMember(admin.organisationId, 'admin');
    const narrow = await createRole(admin, {
      name: 'Narrow',
      permissions: ['streams:read'],
      audiences: ['dashboard'],
    });
    const wide = await createRole(admin, {
      name: 'Wide',
      permissions: ['streams:read', 'streams:create', 'tags:read', 'users:read'],
      audiences: ['dashboard'],
    });
    if (!narrow.ok || !wide.ok) throw new Error('roles not created');
    await addMember(admin.organisationId, { id: wide.roleId });

    const review = await listPrivilegedAccess(admin);
    expect(review.admins.map((a) => a.email).sort()).toEqual([admin.label, second.label].sort());
    expect(review.adminCount).toBe(2);
    expect(review.wideRoles.map((r) => [r.name, r.permissionCount, r.memberCount])).toEqual([
      ['Wide', 4, 1],
      ['Narrow', 1, 0],
    ]);
  });

  it('is refused to a member who may not read the user list', async () => {
    const admin = await createOrganisation();
    const viewer = await addMember(admin.organisationId, 'readonly');
    await expect(listInactiveMembers(viewer, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listUnusedTokens(viewer)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listPrivilegedAccess(viewer)).rejects.toMatchObject({ code: 'forbidden' });
    // A User reads the user list, and so the review.
    const user = await addMember(admin.organisationId, 'user');
    await expect(listInactiveMembers(user, {})).resolves.toBeTruthy();
  });
});
