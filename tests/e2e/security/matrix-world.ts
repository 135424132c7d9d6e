import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import type { Audience, Permission } from '../../../lib/rbac';
import { E2E } from '../support/constants';
import {
  ADMIN,
  LOW,
  NARROW,
  READONLY,
  RESETTER,
  ROLE_MANAGER,
  ROLE_MANAGER_WITH_API,
  USER,
  grants,
  type Caller,
  type Grants,
  type OrgKey,
  type Target,
} from './matrix-rules';
import { buildTargets } from './matrix-targets';
import {
  Budget,
  api,
  apiOk,
  bearer,
  form,
  keyHeader,
  postAction,
  resend,
  serverActions,
  sessionIdOf,
  signInAs,
  signUpAs,
  type ActionRef,
} from './support';

// The callers and targets of the matrix, set up over HTTP the way people and attackers
// reach the app: sign-ups and sign-ins through the actions' ids, invitations, roles and
// resources through the API and the dashboard's actions. The demo organisation's seeded
// accounts that other specs use (ben, chris, eli, gia, hugo, ops.lead) are left alone.

export interface Org {
  key: OrgKey;
  id: string;
  name: string;
  apiKey: string;
  /** An Admin of the organisation, for setting up targets. */
  admin: Caller;
  adminToken: string;
  /** Role ids by name. */
  roles: Map<string, { id: string; grants: Grants }>;
}

export interface Member {
  id: string;
  email: string;
  tokenKey: string;
  suspendedAt?: string | null;
  role: { id: string };
}
export interface RoleRow {
  id: string;
  name: string;
  permissions: string[];
  audiences: string[];
  key: string | null;
}

export interface World {
  actions: Map<string, ActionRef>;
  action: (name: string) => ActionRef;
  run: string;
  orgs: Record<OrgKey, Org>;
  callers: Caller[];
  /** Hooks that move the one account "A" from caller to caller. */
  phases: Map<string, () => Promise<void>>;
  shared: Map<string, Target>;
  fresh: (name: string, caller: Caller) => Promise<Target>;
  budgets: {
    inviteAnswer: Budget;
    inviteLookup: Budget;
    signInClient: Budget;
    signIn: (email: string) => Budget;
  };
  /** Sign in again (a caller whose sessions an allowed cell ended). */
  signIn: (c: Caller) => Promise<void>;
}

const PASSWORD = 'matrix-password-0123456789';

export async function buildWorld(newContext: () => Promise<APIRequestContext>): Promise<World> {
  const actions = new Map(serverActions().map((a) => [a.name, a]));
  const action = (name: string) => {
    const ref = actions.get(name);
    if (!ref) throw new Error(`The build has no server action ${name}.`);
    return ref;
  };
  const run = randomBytes(3).toString('hex');
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${run}-${++counter}`;
  const budgets = {
    signIn: new Map<string, Budget>(),
    signInClient: new Budget(45),
    signUp: new Budget(4),
    inviteAnswer: new Budget(9),
    inviteLookup: new Budget(28),
  };

  const perEmail = (email: string) => {
    if (!budgets.signIn.has(email)) budgets.signIn.set(email, new Budget(9));
    return budgets.signIn.get(email)!;
  };
  async function signIn(c: Caller) {
    await perEmail(c.email!).take();
    await budgets.signInClient.take();
    await signInAs(c.ctx, action('signInAction'), c.email!, c.password!);
    c.session = true;
  }
  async function signUp(ctx: APIRequestContext, fields: Parameters<typeof signUpAs>[2]) {
    await budgets.signUp.take();
    await budgets.signInClient.take();
    await signUpAs(ctx, action, fields);
  }
  async function issueToken(c: Caller): Promise<string> {
    const res = await postAction(c.ctx, action('issueTokenAction'), [{}, form({})]);
    const token = res.state?.token;
    if (typeof token !== 'string')
      throw new Error(`No token for ${c.key}: ${res.text.slice(0, 200)}`);
    return token;
  }
  async function answer(ctx: APIRequestContext, token: string) {
    await budgets.inviteAnswer.take();
    const res = await postAction(ctx, action('acceptInviteAction'), [{}, form({ token })]);
    if (res.redirect !== '/organisation') throw new Error(`Joining failed: ${res.redirect}`);
  }
  const caller = async (c: Omit<Caller, 'ctx'>): Promise<Caller> => ({
    ...c,
    ctx: await newContext(),
  });

  // ------------------------------------------------------------------ the demo Admin
  const admin = await caller({
    key: 'Admin',
    account: 'admin',
    org: 'demo',
    grants: ADMIN,
    session: false,
    apiAuth: 'valid',
    apiHeaders: () => bearer(adminToken),
    email: E2E.adminEmail,
    password: E2E.adminPassword,
  });
  await signIn(admin);
  const adminToken = await issueToken(admin);
  const orgOf = async (c: Caller, token: string, key: OrgKey): Promise<Org> => {
    const me = await apiOk<{ organisation: { id: string; name: string } }>(
      c.ctx,
      'GET',
      '/api/v1/me',
      { headers: bearer(token) },
    );
    const { apiKey } = await apiOk<{ apiKey: string }>(
      c.ctx,
      'GET',
      '/api/v1/organisation/api-key',
      {
        headers: bearer(token),
      },
    );
    return { key, ...me.organisation, apiKey, admin: c, adminToken: token, roles: new Map() };
  };
  const demo = await orgOf(admin, adminToken, 'demo');

  async function createRole(org: Org, name: string, g: Grants) {
    const res = await postAction(org.admin.ctx, action('createRoleAction'), [
      {},
      form({
        name,
        description: 'matrix',
        permissions: [...g.permissions],
        audiences: [...g.audiences],
      }),
    ]);
    if (res.state?.ok !== true) throw new Error(`Role ${name}: ${JSON.stringify(res.state)}`);
    await loadRoles(org);
    return org.roles.get(name)!;
  }
  async function loadRoles(org: Org) {
    const { data } = await apiOk<{ data: RoleRow[] }>(org.admin.ctx, 'GET', '/api/v1/roles', {
      headers: bearer(org.adminToken),
    });
    org.roles.clear();
    for (const r of data) {
      org.roles.set(r.name, {
        id: r.id,
        grants: grants(r.permissions as Permission[], r.audiences as Audience[]),
      });
    }
  }
  const names = {
    low: `Matrix Low ${run}`,
    narrow: `Matrix Narrow ${run}`,
    manager: `Matrix Role Manager ${run}`,
    resetter: `Matrix Resetter ${run}`,
  };
  await createRole(demo, names.low, LOW);
  await createRole(demo, names.narrow, NARROW);
  await createRole(demo, names.manager, ROLE_MANAGER_WITH_API);
  await createRole(demo, names.resetter, RESETTER);
  const demoRole = (name: string) => demo.roles.get(name)!;

  async function invite(
    org: Org,
    roleId: string,
    email?: string,
  ): Promise<{ id: string; token: string }> {
    const inv = await apiOk<{ id: string; url: string }>(
      org.admin.ctx,
      'POST',
      '/api/v1/invitations',
      {
        headers: bearer(org.adminToken),
        data: { roleId, email },
      },
    );
    return { id: inv.id, token: inv.url.split('/invite/')[1]! };
  }

  // The other organisation's Admin, and finn, a member of both.
  async function setUpOther() {
    const other = await caller({
      key: 'member of another organisation',
      account: 'C',
      org: 'other',
      grants: ADMIN,
      session: false,
      apiAuth: 'valid',
      apiHeaders: () => bearer(otherToken),
      email: `matrix-other-${run}@example.test`,
      password: PASSWORD,
    });
    await signUp(other.ctx, {
      email: other.email!,
      password: PASSWORD,
      organisationName: `Matrix Other ${run}`,
      callbackUrl: '/organisation',
    });
    other.session = true;
    const otherToken = await issueToken(other);
    const otherOrg = await orgOf(other, otherToken, 'other');
    await loadRoles(otherOrg);
    await createRole(otherOrg, `Other Custom ${run}`, LOW);
    const otherRoleIds = await (async () => {
      const { data } = await apiOk<{ data: RoleRow[] }>(other.ctx, 'GET', '/api/v1/roles', {
        headers: keyHeader(otherOrg.apiKey),
      });
      return new Map(data.map((r) => [r.key ?? r.name, r.id]));
    })();

    // finn joins the other organisation; his demo session is "another account's session".
    const finn = await caller({
      key: 'finn',
      account: 'finn',
      org: 'demo',
      grants: READONLY,
      session: false,
      apiAuth: 'none',
      apiHeaders: () => ({}),
      email: 'finn.viewer@example.com',
      password: E2E.memberPassword,
    });
    await signIn(finn);
    const finnSession = await sessionIdOf(finn.ctx);
    async function otherMember(): Promise<Member | undefined> {
      const { data } = await apiOk<{ data: Member[] }>(
        other.ctx,
        'GET',
        '/api/v1/users?q=finn.viewer',
        {
          headers: keyHeader(otherOrg.apiKey),
        },
      );
      return data[0];
    }
    async function ensureFinnInOther(): Promise<Member> {
      const now = await otherMember();
      // Back to an active member after a cell that suspended him there.
      if (now?.suspendedAt)
        await apiOk(other.ctx, 'POST', `/api/v1/users/${now.id}/reactivate`, {
          headers: keyHeader(otherOrg.apiKey),
        });
      if (now) return (await otherMember())!;
      await answer(finn.ctx, (await invite(otherOrg, otherRoleIds.get('readonly')!)).token);
      return (await otherMember())!;
    }
    await ensureFinnInOther();
    /** Finn suspended in the other organisation: a member to reactivate. */
    async function suspendFinnInOther(): Promise<Member> {
      const m = await ensureFinnInOther();
      await apiOk(other.ctx, 'POST', `/api/v1/users/${m.id}/suspend`, {
        headers: keyHeader(otherOrg.apiKey),
        data: { reason: 'matrix' },
      });
      return m;
    }
    return { other, otherOrg, otherRoleIds, finnSession, ensureFinnInOther, suspendFinnInOther };
  }

  // The role manager.
  async function setUpManager() {
    const manager = await caller({
      key: 'custom role manager (dashboard only)',
      account: 'B',
      org: 'demo',
      grants: ROLE_MANAGER,
      session: false,
      apiAuth: 'valid',
      apiHeaders: () => bearer(managerToken),
      email: `matrix-manager-${run}@example.test`,
      password: PASSWORD,
    });
    const managerInvite = await invite(demo, demoRole(names.manager).id);
    await signUp(manager.ctx, {
      email: manager.email!,
      password: PASSWORD,
      callbackUrl: `/invite/${managerInvite.token}`,
    });
    manager.session = true;
    await answer(manager.ctx, managerInvite.token);
    const managerToken = await issueToken(manager);
    // The role loses the API and token:read; the token issued before stays (its Token
    // Key is unchanged), so it still authenticates and must be refused for the audience.
    const edit = await postAction(admin.ctx, action('updateRoleAction'), [
      {},
      form({
        roleId: demoRole(names.manager).id,
        name: names.manager,
        description: 'matrix',
        permissions: [...ROLE_MANAGER.permissions],
        audiences: [...ROLE_MANAGER.audiences],
      }),
    ]);
    if (edit.state?.ok !== true)
      throw new Error(`Role manager edit: ${JSON.stringify(edit.state)}`);
    return manager;
  }

  // ---------------------------------------------------------- User and ReadOnly
  const member = async (key: string, email: string, g: Grants) => {
    const c = await caller({
      key,
      account: email,
      org: 'demo',
      grants: g,
      session: false,
      apiAuth: 'valid',
      apiHeaders: () => bearer(token),
      email,
      password: E2E.memberPassword,
    });
    await signIn(c);
    const token = await issueToken(c);
    return c;
  };

  // "A": an account without a membership first (signed up through an invite link, which
  // creates the account only), then the narrow role, the resetter, then removed.
  async function setUpA() {
    // Its sign-up link is the one the refused cells try to answer.
    const link = await invite(demo, demoRole(names.narrow).id);
    const a = await caller({
      key: 'signed in, no membership',
      account: 'A',
      org: null,
      grants: null,
      session: false,
      apiAuth: 'none',
      apiHeaders: () => ({}),
      email: `matrix-a-${run}@example.test`,
      password: PASSWORD,
    });
    await signUp(a.ctx, {
      email: a.email!,
      password: PASSWORD,
      callbackUrl: `/invite/${link.token}`,
    });
    a.session = true;
    return { a, link };
  }

  // Independent of each other: set up side by side.
  const [
    { other, otherOrg, otherRoleIds, finnSession, ensureFinnInOther, suspendFinnInOther },
    manager,
    user,
    readonly,
    { a, link },
  ] = await Promise.all([
    setUpOther(),
    setUpManager(),
    member('User', E2E.userEmail, USER),
    member('ReadOnly', E2E.readonlyEmail, READONLY),
    setUpA(),
  ]);
  const orgs: Record<OrgKey, Org> = { demo, other: otherOrg };
  const demoKey = () => keyHeader(demo.apiKey);
  let aToken = '';
  const aMembership = async () =>
    (
      await apiOk<{ data: Member[] }>(
        a.ctx,
        'GET',
        `/api/v1/users?q=${encodeURIComponent(a.email!)}`,
        {
          headers: demoKey(),
        },
      )
    ).data[0];
  const asA = (key: string, fields: Partial<Caller>): Caller => ({ ...a, key, ...fields });
  const narrow = asA('narrow custom role', {
    org: 'demo',
    grants: NARROW,
    apiAuth: 'valid',
    apiHeaders: () => bearer(aToken),
  });
  const resetter = asA('resetter custom role (no users:read)', {
    org: 'demo',
    grants: RESETTER,
    apiAuth: 'valid',
    apiHeaders: () => bearer(aToken),
  });
  const deleted = asA('member deleted a moment ago', {
    org: null,
    grants: null,
    apiAuth: 'stale',
    apiHeaders: () => bearer(aToken),
  });
  // The phases share A's context; each starts with a live session.
  const live = async (c: Caller) => {
    const res = await resend(() => c.ctx.get('/account', { maxRedirects: 0 }));
    const alive = res.status() === 200 || (res.headers()['location'] ?? '').includes('/no-access');
    if (!alive) await signIn(c);
    c.session = true;
  };
  const phases = new Map<string, () => Promise<void>>([
    [
      narrow.key,
      async () => {
        await live(narrow);
        if (!(await aMembership())) {
          // The acceptance cell failed: join anyway, so the next callers still run.
          const again = await invite(demo, demoRole(names.narrow).id);
          await answer(narrow.ctx, again.token);
        }
        aToken = await issueToken(narrow);
      },
    ],
    [
      resetter.key,
      async () => {
        const m = (await aMembership())!;
        await apiOk(a.ctx, 'PATCH', `/api/v1/users/${m.id}`, {
          headers: demoKey(),
          data: { roleId: demoRole(names.resetter).id },
        });
        await live(resetter);
        aToken = await issueToken(resetter);
      },
    ],
    [
      deleted.key,
      async () => {
        await live(deleted);
        const m = (await aMembership())!;
        const res = await api(a.ctx, 'DELETE', `/api/v1/users/${m.id}`, { headers: demoKey() });
        if (res.status !== 204) throw new Error(`Removing A: ${res.status} ${res.text}`);
      },
    ],
  ]);

  const apiKeyCaller = await caller({
    key: 'organisation API key',
    account: null,
    org: 'demo',
    grants: ADMIN,
    session: false,
    apiAuth: 'valid',
    apiHeaders: () => keyHeader(demo.apiKey),
  });
  const anonymous = await caller({
    key: 'anonymous',
    account: null,
    org: null,
    grants: null,
    session: false,
    apiAuth: 'none',
    apiHeaders: () => ({}),
  });

  const { shared, fresh } = await buildTargets({
    run,
    orgs,
    admin,
    unique,
    invite,
    createRole,
    demoRole,
    names,
    otherRoleIds,
    ensureFinnInOther,
    suspendFinnInOther,
    finnSession,
    link: link.token,
    spare: async (c) => {
      const twin: Caller = { ...c, ctx: await newContext() };
      await signIn(twin);
      return twin.ctx;
    },
    testEvent: async (org, endpointId) => {
      const sent = await postAction(orgs[org].admin.ctx, action('sendTestWebhookAction'), [
        {},
        form({ endpointId }),
      ]);
      if (sent.state?.ok !== true) throw new Error(`Test event: ${JSON.stringify(sent.state)}`);
      return String(sent.state.eventId);
    },
  });

  return {
    actions,
    action,
    run,
    orgs,
    callers: [
      anonymous,
      apiKeyCaller,
      admin,
      user,
      readonly,
      manager,
      other,
      a,
      narrow,
      resetter,
      deleted,
    ],
    phases,
    shared,
    fresh,
    budgets: {
      inviteAnswer: budgets.inviteAnswer,
      inviteLookup: budgets.inviteLookup,
      signInClient: budgets.signInClient,
      signIn: perEmail,
    },
    signIn,
  };
}
