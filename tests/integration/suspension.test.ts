import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, roles } from '@/db/schema';
import {
  NO_CONTEXT,
  listAccountOrganisations,
  resolveMemberActor,
  suspendedMembership,
} from '@/lib/services/actor';
import { rotateApiKey } from '@/lib/services/api-key';
import { authenticateApiKey, authenticateBintuToken } from '@/lib/services/authenticate';
import {
  deleteMember,
  getMember,
  listMembers,
  reactivateMember,
  suspendMember,
  updateMemberRole,
} from '@/lib/services/members';
import { createRole, listRoles } from '@/lib/services/roles';
import { startSession } from '@/lib/services/sessions';
import { issueBintuToken, issueBintuTokenWithPassword } from '@/lib/services/tokens';
import { withTestDatabase } from './support/db';
import {
  PASSWORD,
  actorFor,
  addMember,
  createOrganisation,
  roleId,
  uniqueEmail,
} from './support/fixtures';
import { signUp } from '@/lib/services/accounts';
import { answerInvitation } from '@/lib/services/invite-answers';
import { createInvitation } from '@/lib/services/invitations';
import type { Actor } from '@/lib/services/actor';

// Suspend and reactivate (docs/product.md, "Suspend and reactivate"): a suspended member
// keeps role and history and loses access on the next request; the last active admin
// stays; nobody acts above themselves.

withTestDatabase();

async function apiKeyOf(admin: Actor): Promise<Actor> {
  const rotated = await rotateApiKey(admin);
  if (!rotated.ok) throw new Error(rotated.error);
  return (await authenticateApiKey(rotated.apiKey, NO_CONTEXT))!;
}

async function auditedActions(organisationId: string) {
  const rows = await getDb()
    .select({ action: auditEvents.action, after: auditEvents.after })
    .from(auditEvents)
    .where(eq(auditEvents.organisationId, organisationId));
  return rows;
}

describe('a suspended member', () => {
  it('is refused on the next request everywhere, keeps the role, and is back once reactivated', async () => {
    const admin = await createOrganisation();
    // A member who can sign in, in two organisations.
    const email = uniqueEmail('contractor');
    const made = await signUp({ email, password: PASSWORD });
    if (!made.ok) throw new Error(made.error);
    const invitation = await createInvitation(
      admin,
      { roleId: await roleId(admin.organisationId, 'user') },
      'http://dashboard.test',
    );
    if (!invitation.ok) throw new Error(invitation.error);
    await answerInvitation({ id: made.accountId, email }, invitation.token, 'accept', NO_CONTEXT);
    const member = await actorFor(made.accountId, admin.organisationId);
    const session = await startSession(made.accountId, NO_CONTEXT);
    const issued = await issueBintuToken(member);
    if (!issued.ok) throw new Error(issued.error);
    expect(await authenticateBintuToken(issued.token, NO_CONTEXT)).not.toBeNull();

    const done = await suspendMember(admin, {
      membershipId: member.membershipId,
      reason: 'On leave until March',
    });
    expect(done).toMatchObject({ ok: true, email });

    // The dashboard (with the session) and the services (without): no actor in that
    // organisation, and /no-access is told why; their own organisation still works.
    const at = { accountId: made.accountId, organisationId: admin.organisationId };
    expect(await resolveMemberActor({ ...at, sessionId: session })).toBeNull();
    expect(await resolveMemberActor(at)).toBeNull();
    expect(await suspendedMembership(made.accountId, admin.organisationId)).toEqual({
      organisationId: admin.organisationId,
      organisationName: admin.organisationName,
    });
    expect(
      (await listAccountOrganisations(made.accountId)).map((o) => [o.id, o.suspended]),
    ).toEqual([
      [made.organisationId, false],
      [admin.organisationId, true],
    ]);
    const own = await resolveMemberActor({ accountId: made.accountId });
    expect(own?.organisationId).toBe(made.organisationId);
    expect(own?.otherOrganisations).toEqual([]);
    // The REST API: the bintu token is refused, and no new one is issued.
    expect(await authenticateBintuToken(issued.token, NO_CONTEXT)).toBeNull();
    expect(
      await issueBintuTokenWithPassword(
        { email, password: PASSWORD, organisation: admin.organisationId },
        { ...NO_CONTEXT, ip: '192.0.2.77' },
      ),
    ).toMatchObject({ ok: false, code: 'forbidden', error: /suspended/ });

    // The admins see it, with the reason; the role is kept.
    const seen = await getMember(admin, member.membershipId!);
    expect(seen).toMatchObject({
      suspensionReason: 'On leave until March',
      role: { key: 'user' },
    });
    expect(seen!.suspendedAt).toBeInstanceOf(Date);

    expect(await reactivateMember(admin, { membershipId: member.membershipId })).toEqual({
      ok: true,
      email,
    });
    const back = await resolveMemberActor({ ...at, sessionId: session });
    expect(back).toMatchObject({ organisationId: admin.organisationId, role: { key: 'user' } });
    expect(await authenticateBintuToken(issued.token, NO_CONTEXT)).not.toBeNull();
    expect(await suspendedMembership(made.accountId, admin.organisationId)).toBeNull();

    const events = await auditedActions(admin.organisationId);
    expect(events.filter((e) => e.action === 'member.suspended')).toEqual([
      {
        action: 'member.suspended',
        after: { status: 'suspended', reason: 'On leave until March', role: 'User' },
      },
    ]);
    expect(events.filter((e) => e.action === 'member.reactivated')).toHaveLength(1);
  });

  it('is refused twice, and a member who is not suspended is not reactivated', async () => {
    const admin = await createOrganisation();
    const member = await addMember(admin.organisationId, 'readonly');
    const id = { membershipId: member.membershipId };
    expect((await suspendMember(admin, id)).ok).toBe(true);
    expect(await suspendMember(admin, id)).toMatchObject({ ok: false, code: 'conflict' });
    expect((await reactivateMember(admin, id)).ok).toBe(true);
    expect(await reactivateMember(admin, id)).toMatchObject({ ok: false, code: 'conflict' });
  });
});

describe('who may suspend whom', () => {
  it('needs users:suspend, stays in the organisation, and never reaches above the actor', async () => {
    const admin = await createOrganisation();
    const readonly = await addMember(admin.organisationId, 'readonly');
    const user = await addMember(admin.organisationId, 'user');
    const target = { membershipId: readonly.membershipId };
    expect(await suspendMember(user, target)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await reactivateMember(user, target)).toMatchObject({ ok: false, code: 'forbidden' });

    // A custom role that may suspend, holding what ReadOnly holds but not what Admin does.
    const role = await createRole(admin, {
      name: 'Suspender',
      permissions: [
        'users:read',
        'users:suspend',
        'playerkey:read',
        'token:read',
        'streams:read',
        'tags:read',
        'metrics:read',
      ],
      audiences: ['dashboard', 'api'],
    });
    if (!role.ok) throw new Error(role.error);
    const suspender = await addMember(admin.organisationId, { id: role.roleId });
    expect((await suspendMember(suspender, target)).ok).toBe(true);
    const anAdmin = await addMember(admin.organisationId, 'admin');
    expect(await suspendMember(suspender, { membershipId: anAdmin.membershipId })).toMatchObject({
      ok: false,
      code: 'forbidden',
      error: /holds what you do not/,
    });

    // Another organisation's member is not found; bad input changes nothing.
    const other = await createOrganisation();
    expect(await suspendMember(other, target)).toMatchObject({ ok: false, code: 'not_found' });
    expect(
      await suspendMember(admin, { membershipId: user.membershipId, reason: 'a\u0000b' }),
    ).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { reason: expect.any(String) } });
    expect(await suspendMember(admin, { membershipId: 'nope' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    expect((await getMember(admin, user.membershipId!))!.suspendedAt).toBeNull();
    // Nobody suspends themselves.
    expect(await suspendMember(admin, { membershipId: admin.membershipId })).toMatchObject({
      ok: false,
      code: 'conflict',
      error: 'You cannot suspend yourself.',
    });
  });
});

describe('the last active admin', () => {
  it('cannot be suspended, removed or demoted while the other admins are suspended', async () => {
    const first = await createOrganisation();
    const second = await addMember(first.organisationId, 'admin');
    const key = await apiKeyOf(first);
    expect((await suspendMember(first, { membershipId: second.membershipId })).ok).toBe(true);
    // `first` is now the only active admin.
    expect(await suspendMember(key, { membershipId: first.membershipId })).toMatchObject({
      ok: false,
      code: 'conflict',
      error: /last active admin/,
    });
    expect(await deleteMember(key, { membershipId: first.membershipId })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(
      await updateMemberRole(key, {
        membershipId: first.membershipId,
        roleId: await roleId(first.organisationId, 'user'),
      }),
    ).toMatchObject({ ok: false, code: 'conflict' });
    // Once the other admin is back, either may go.
    expect((await reactivateMember(key, { membershipId: second.membershipId })).ok).toBe(true);
    expect((await suspendMember(key, { membershipId: first.membershipId })).ok).toBe(true);
  });

  it('holds when two admins suspend each other at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await createOrganisation();
      const b = await addMember(a.organisationId, 'admin');
      const outcomes = await Promise.all([
        suspendMember(a, { membershipId: b.membershipId }),
        suspendMember(b, { membershipId: a.membershipId }),
      ]);
      expect(
        outcomes.filter((o) => o.ok),
        `round ${round}`,
      ).toHaveLength(1);
      const [adminRole] = await getDb()
        .select({ n: roles.memberCount, s: roles.suspendedCount })
        .from(roles)
        .where(and(eq(roles.organisationId, a.organisationId), eq(roles.key, 'admin')));
      expect(adminRole).toEqual({ n: 2, s: 1 });
    }
  });
});

describe('the Status filter and its counts', () => {
  it('lists active or suspended members with totals kept on the roles', async () => {
    const admin = await createOrganisation();
    const members = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        addMember(admin.organisationId, i % 2 ? 'user' : 'readonly', `s${i}@status.test`),
      ),
    );
    for (const m of members.slice(0, 3))
      expect((await suspendMember(admin, { membershipId: m.membershipId })).ok).toBe(true);
    const suspended = await listMembers(admin, { status: 'suspended', sort: 'email' });
    expect(suspended.rows.map((r) => r.email)).toEqual([
      's0@status.test',
      's1@status.test',
      's2@status.test',
    ]);
    expect(suspended.total).toBe(3);
    expect(suspended.rows.every((r) => r.suspendedAt instanceof Date)).toBe(true);
    const active = await listMembers(admin, { status: 'active' });
    expect(active.total).toBe(2);
    expect(active.rows.map((r) => r.email).sort()).toEqual([admin.label, 's3@status.test'].sort());
    const userRole = await roleId(admin.organisationId, 'user');
    expect((await listMembers(admin, { status: 'suspended', role: userRole })).total).toBe(1);
    expect((await listMembers(admin, { status: 'suspended', q: 'S2@' })).rows).toHaveLength(1);
    expect((await listMembers(admin, { status: 'suspended', sort: 'role' })).rows).toHaveLength(3);
    // The counts follow a suspended member's role change, reactivation and removal.
    await updateMemberRole(admin, { membershipId: members[0]!.membershipId, roleId: userRole });
    await reactivateMember(admin, { membershipId: members[1]!.membershipId });
    await deleteMember(admin, { membershipId: members[2]!.membershipId });
    const counts = Object.fromEntries(
      (await listRoles(admin)).map((r) => [r.key ?? r.name, [r.memberCount, r.suspendedCount]]),
    );
    expect(counts).toMatchObject({ admin: [1, 0], user: [3, 1], readonly: [0, 0] });
  });
});
