import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import type { Audience, Permission } from '../../../lib/rbac';
import { ADMIN, LOW, NARROW, READONLY, USER, grants } from './matrix-rules';
import type { Caller, Grants, OrgKey, Target } from './matrix-rules';
import type { Member, Org, RoleRow } from './matrix-world';
import { apiOk, bearer, sessionIdOf } from './support';

// The targets of the matrix: real ids of both organisations. The shared ones serve the
// cells that change nothing (refused, or reads); a cell allowed to change its target
// gets a fresh one made the same way, so the cells do not depend on each other.

export interface Kit {
  run: string;
  orgs: Record<OrgKey, Org>;
  admin: Caller;
  unique: (prefix: string) => string;
  invite: (org: Org, roleId: string, email?: string) => Promise<{ id: string; token: string }>;
  createRole: (org: Org, name: string, g: Grants) => Promise<{ id: string; grants: Grants }>;
  demoRole: (name: string) => { id: string; grants: Grants };
  names: { low: string; narrow: string };
  otherRoleIds: Map<string, string>;
  ensureFinnInOther: () => Promise<Member>;
  suspendFinnInOther: () => Promise<Member>;
  finnSession: string;
  /** A pending link of the demo organisation (for the narrow role). */
  link: string;
  /** A second signed-in context of the caller's account. */
  spare: (c: Caller) => Promise<APIRequestContext>;
  /** Sends a test event to the endpoint (as its organisation's Admin); its event id. */
  testEvent: (org: OrgKey, endpointId: string) => Promise<string>;
}

export async function buildTargets(kit: Kit) {
  const { run, orgs, admin, unique, invite, createRole, demoRole, names, otherRoleIds } = kit;
  const demo = orgs.demo;
  const shared = new Map<string, Target>();
  const put = (t: Target) => shared.set(t.name, t);
  // Made with each organisation's Admin token: the API key's rate limit is left to the
  // snapshots and the API key's own cells.
  const keyOf = (org: OrgKey) => bearer(orgs[org].adminToken);

  put({ name: 'demo invitation link', org: 'demo', id: kit.link, grants: NARROW });
  put({ name: 'unknown invitation link', org: null, id: randomBytes(32).toString('base64url') });
  put({ name: 'unknown reset link', org: null, id: randomBytes(32).toString('base64url') });
  put({
    name: 'unknown confirmation link',
    org: null,
    id: randomBytes(32).toString('base64url'),
  });

  // Members of the demo organisation to act on: bulk members (they cannot sign in),
  // taken from the start of the list by email (another spec deletes from its end).
  async function pool(roleId: string): Promise<Member[]> {
    const { data } = await apiOk<{ data: Member[] }>(
      admin.ctx,
      'GET',
      `/api/v1/users?q=%40bulk.example&role=${roleId}&size=100&sort=email&dir=asc`,
      { headers: keyOf('demo') },
    );
    return data;
  }
  const demoRoleByKey = async () => {
    const { data } = await apiOk<{ data: RoleRow[] }>(admin.ctx, 'GET', '/api/v1/roles', {
      headers: keyOf('demo'),
    });
    return new Map(data.map((r) => [r.key ?? r.name, r]));
  };
  const demoRoles = await demoRoleByKey();
  const roleTarget = (
    name: string,
    org: OrgKey,
    row: { id: string },
    g: Grants,
    isDefault = false,
  ) => ({ name, org, id: row.id, grants: g, isDefault }) satisfies Target;
  const operator = demoRoles.get('Stream Operator')!;
  const HIGH = grants(operator.permissions as Permission[], operator.audiences as Audience[]);
  put(roleTarget('demo ReadOnly role', 'demo', demoRoles.get('readonly')!, READONLY, true));
  put(roleTarget('demo Admin role', 'demo', demoRoles.get('admin')!, ADMIN, true));
  put(roleTarget('demo low role', 'demo', demoRole(names.low), LOW));
  put(roleTarget('demo narrow role', 'demo', demoRole(names.narrow), NARROW));
  put(
    roleTarget(
      'other-org ReadOnly role',
      'other',
      { id: otherRoleIds.get('readonly')! },
      READONLY,
      true,
    ),
  );
  put(roleTarget('other-org User role', 'other', { id: otherRoleIds.get('user')! }, USER, true));
  put(roleTarget('demo low custom role', 'demo', demoRole(names.low), LOW));
  put(roleTarget('demo high custom role', 'demo', operator, HIGH));
  put(roleTarget('demo default role', 'demo', demoRoles.get('readonly')!, READONLY, true));
  put(
    roleTarget(
      'other-org custom role',
      'other',
      { id: otherRoleIds.get(`Other Custom ${run}`)! },
      LOW,
    ),
  );
  put({ name: 'low grants', org: null, id: 'low', grants: LOW });
  put({ name: 'high grants', org: null, id: 'high', grants: ADMIN });

  const readonlyPool = await pool(demoRoles.get('readonly')!.id);
  const adminPool = await pool(demoRoles.get('admin')!.id);
  const memberTarget = (
    name: string,
    org: OrgKey,
    m: Member,
    g: Grants,
    newRole: string,
  ): Target => ({
    name,
    org,
    id: m.id,
    email: m.email,
    tokenKey: m.tokenKey,
    grants: g,
    newRole: shared.get(newRole),
  });
  const take = (list: Member[], what: string) => {
    const m = list.shift();
    if (!m) throw new Error(`No ${what} left to act on.`);
    return m;
  };
  put(
    memberTarget(
      'demo ReadOnly member',
      'demo',
      take(readonlyPool, 'ReadOnly member'),
      READONLY,
      'demo narrow role',
    ),
  );
  put(
    memberTarget(
      'demo Admin member',
      'demo',
      take(adminPool, 'Admin member'),
      ADMIN,
      'demo ReadOnly role',
    ),
  );
  // Suspended members to reactivate: bulk ones of the demo organisation, finn in the other.
  const suspended = async (m: Member, org: OrgKey) => {
    await apiOk(orgs[org].admin.ctx, 'POST', `/api/v1/users/${m.id}/suspend`, {
      headers: keyOf(org),
      data: { reason: 'matrix' },
    });
    return m;
  };
  const suspendedTargets: Record<string, () => Promise<Target>> = {
    'demo suspended member': async () =>
      memberTarget(
        'demo suspended member',
        'demo',
        await suspended(take(readonlyPool, 'ReadOnly member'), 'demo'),
        READONLY,
        'demo narrow role',
      ),
    'demo suspended Admin member': async () =>
      memberTarget(
        'demo suspended Admin member',
        'demo',
        await suspended(take(adminPool, 'Admin member'), 'demo'),
        ADMIN,
        'demo ReadOnly role',
      ),
    'other-org suspended member': async () =>
      memberTarget(
        'other-org suspended member',
        'other',
        await kit.suspendFinnInOther(),
        READONLY,
        'other-org User role',
      ),
  };
  for (const make of Object.values(suspendedTargets)) put(await make());
  const finnOther = await kit.ensureFinnInOther();
  put(memberTarget('other-org member', 'other', finnOther, READONLY, 'other-org User role'));

  async function newInvitation(name: string, org: OrgKey, roleName: string): Promise<Target> {
    const r = shared.get(roleName)!;
    // Bound to an address, so that Resend has somewhere to mail.
    const inv = await invite(orgs[org], r.id, `${unique('matrix-invitee')}@example.test`);
    return { name, org, id: inv.id, grants: r.grants };
  }
  const invitations: Record<string, [OrgKey, string]> = {
    'demo invitation (ReadOnly role)': ['demo', 'demo ReadOnly role'],
    'demo invitation (low role)': ['demo', 'demo low role'],
    'other-org invitation': ['other', 'other-org ReadOnly role'],
  };
  for (const [name, [org, roleName]] of Object.entries(invitations))
    put(await newInvitation(name, org, roleName));

  const tagNames: Record<OrgKey, string> = {
    demo: unique('matrix-tag'),
    other: unique('other-tag'),
  };
  async function newTag(name: string, org: OrgKey): Promise<Target> {
    const tag = await apiOk<{ id: string }>(orgs[org].admin.ctx, 'POST', '/api/v1/tags', {
      headers: keyOf(org),
      data: { name: unique(`${org}-tag`) },
    });
    return { name, org, id: tag.id };
  }
  for (const org of ['demo', 'other'] as const) {
    await apiOk(orgs[org].admin.ctx, 'POST', '/api/v1/tags', {
      headers: keyOf(org),
      data: { name: tagNames[org] },
    });
  }
  async function newStream(name: string, org: OrgKey, locked: boolean): Promise<Target> {
    const stream = await apiOk<{ id: string }>(orgs[org].admin.ctx, 'POST', '/api/v1/streams', {
      headers: keyOf(org),
      data: { name: unique(`${org} stream`) },
    });
    if (locked)
      await apiOk(orgs[org].admin.ctx, 'POST', `/api/v1/streams/${stream.id}/lock`, {
        headers: keyOf(org),
      });
    return { name, org, id: stream.id, tagName: tagNames[org] };
  }
  const streams: Record<string, [OrgKey, boolean]> = {
    'demo stream': ['demo', false],
    'other-org stream': ['other', false],
    'demo locked stream': ['demo', true],
    'other-org locked stream': ['other', true],
  };
  for (const [name, [org, locked]] of Object.entries(streams))
    put(await newStream(name, org, locked));
  put(await newTag('demo tag', 'demo'));
  put(await newTag('other-org tag', 'other'));

  // Webhook endpoints: a public address literal (saved without DNS; the worker's attempts
  // to reach it fail without a network, which changes nothing the matrix reads).
  async function newEndpoint(name: string, org: OrgKey, withEvent = false): Promise<Target> {
    const created = await apiOk<{ endpoint: { id: string } }>(
      orgs[org].admin.ctx,
      'POST',
      '/api/v1/webhooks',
      {
        headers: keyOf(org),
        data: { url: `https://93.184.216.34/${unique(org)}`, eventTypes: ['member.joined'] },
      },
    );
    const id = created.endpoint.id;
    return { name, org, id, ...(withEvent ? { eventId: await kit.testEvent(org, id) } : {}) };
  }
  const endpoints: Record<string, [OrgKey, boolean]> = {
    'demo webhook endpoint': ['demo', false],
    'other-org webhook endpoint': ['other', false],
    'demo webhook event': ['demo', true],
    'other-org webhook event': ['other', true],
  };
  for (const [name, [org, withEvent]] of Object.entries(endpoints))
    put(await newEndpoint(name, org, withEvent));

  put({ name: "another account's session", org: null, id: kit.finnSession, owner: 'finn' });
  for (const org of ['demo', 'other'] as const) {
    const { data } = await apiOk<{ data: { id: number }[] }>(
      admin.ctx,
      'GET',
      '/api/v1/audit?size=1',
      {
        headers: keyOf(org),
      },
    );
    put({
      name: `${org === 'demo' ? 'demo' : 'other-org'} audit event`,
      org,
      id: String(data[0]!.id),
    });
  }
  const playback = await apiOk<{ token: string }>(admin.ctx, 'POST', '/api/v1/playback-tokens', {
    headers: keyOf('demo'),
    data: { orgwide: true },
  });
  put({ name: 'valid playback token', org: 'demo', id: playback.token, valid: true });
  const forged = playback.token.slice(0, -4) + (playback.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  put({ name: 'forged playback token', org: 'demo', id: forged, valid: false });
  put({ name: '—', org: null, id: '' });

  // Fresh targets for the cells that change them: created per cell, like the shared one.
  async function fresh(name: string, c: Caller): Promise<Target> {
    const base = shared.get(name);
    if (!base) throw new Error(`Unknown target ${name}`);
    switch (name) {
      case 'demo ReadOnly member':
        return {
          ...base,
          ...memberTarget(
            name,
            'demo',
            take(readonlyPool, 'ReadOnly member'),
            READONLY,
            'demo narrow role',
          ),
        };
      case 'demo Admin member':
        return {
          ...base,
          ...memberTarget(
            name,
            'demo',
            take(adminPool, 'Admin member'),
            ADMIN,
            'demo ReadOnly role',
          ),
        };
      case 'demo suspended member':
      case 'demo suspended Admin member':
        return { ...base, ...(await suspendedTargets[name]!()) };
      case 'other-org suspended member':
        return suspendedTargets[name]!();
      case 'other-org member': {
        // The other organisation has only the accounts the matrix can sign in: finn is
        // re-used (re-joining after a removal), each cell comparing before and after.
        const m = await kit.ensureFinnInOther();
        const isUser = m.role.id === otherRoleIds.get('user');
        const next = isUser ? 'other-org ReadOnly role' : 'other-org User role';
        return memberTarget(name, 'other', m, isUser ? USER : READONLY, next);
      }
      case 'demo low custom role':
      case 'demo high custom role':
      case 'other-org custom role': {
        const org = base.org!;
        const roleName = unique('Matrix role');
        const created = await createRole(orgs[org], roleName, base.grants!);
        return { ...base, id: created.id };
      }
      case 'demo invitation (ReadOnly role)':
      case 'demo invitation (low role)':
      case 'other-org invitation':
        return newInvitation(name, invitations[name]![0], invitations[name]![1]);
      case 'demo stream':
      case 'other-org stream':
      case 'demo locked stream':
      case 'other-org locked stream':
        return newStream(name, streams[name]![0], streams[name]![1]);
      case 'demo tag':
      case 'other-org tag':
        return newTag(name, base.org!);
      case 'demo webhook endpoint':
      case 'other-org webhook endpoint':
      case 'demo webhook event':
      case 'other-org webhook event':
        return newEndpoint(name, endpoints[name]![0], endpoints[name]![1]);
      case 'demo invitation link': {
        const inv = await invite(demo, demoRole(names.narrow).id);
        return { ...base, id: inv.token };
      }
      case 'own spare session': {
        const ctx = await kit.spare(c);
        return { name, org: null, id: await sessionIdOf(ctx), owner: c.account!, ctx };
      }
      default:
        return base;
    }
  }
  put({ name: 'own spare session', org: null, id: '(created per cell)', owner: '(the caller)' });

  return { shared, fresh };
}
