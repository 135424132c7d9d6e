import { hasAudience, type Caller, type OrgKey, type Target } from './matrix-rules';
import type { World } from './matrix-world';
import {
  api,
  bearer,
  keyHeader,
  sessionState,
  type ActionOutcome,
  type ApiResponse,
} from './support';

// What an allowed cell must have changed, read back after it ran: the state through the
// API, and the audit event every change writes in its transaction.

export interface EffectInput {
  w: World;
  c: Caller;
  t: Target;
  /** The organisation the change lands in, and its newest audit event id before. */
  org: OrgKey;
  since: number;
  action?: ActionOutcome;
  response?: ApiResponse;
}
/** Checks an allowed cell's change; returns what is wrong, or null. */
export type Effect = (e: EffectInput) => Promise<string | null>;

// Read with the organisation's Admin token: the API key's rate limit goes to snapshots.
const key = (e: EffectInput) => bearer(e.w.orgs[e.org].adminToken);

export async function newestAuditId(w: World, org: OrgKey): Promise<number> {
  const res = await api(w.orgs[org].admin.ctx, 'GET', '/api/v1/audit?size=1', {
    headers: bearer(w.orgs[org].adminToken),
  });
  return (res.body as { data: { id: number }[] }).data[0]?.id ?? 0;
}

function audited(action: string, byTarget = true): Effect {
  return async (e) => {
    const q = new URLSearchParams({ action, size: '20' });
    if (byTarget && e.t.id && e.t.org) q.set('targetId', e.t.id);
    const res = await api(e.w.orgs[e.org].admin.ctx, 'GET', `/api/v1/audit?${q}`, {
      headers: key(e),
    });
    const events = (res.body as { data?: { id: number }[] }).data ?? [];
    return events.some((ev) => ev.id > e.since) ? null : `no new ${action} event`;
  };
}

const both =
  (...checks: Effect[]): Effect =>
  async (e) => {
    for (const check of checks) {
      const problem = await check(e);
      if (problem) return problem;
    }
    return null;
  };

async function readBack(e: EffectInput, path: string) {
  return api(e.w.orgs[e.org].admin.ctx, 'GET', path, { headers: key(e) });
}

type MemberView = { tokenKey: string; suspendedAt: string | null; role: { id: string } };
const memberIs =
  (test: (m: MemberView | null, t: Target) => boolean, what: string): Effect =>
  async (e) => {
    const res = await readBack(e, `/api/v1/users/${e.t.id}`);
    const m = res.status === 200 ? (res.body as MemberView) : null;
    return test(m, e.t) ? null : `the member ${what} (${res.status} ${res.text.slice(0, 120)})`;
  };

const invitationIs =
  (status: string): Effect =>
  async (e) => {
    const res = await readBack(e, '/api/v1/invitations');
    const inv = (res.body as { data: { id: string; status: string }[] }).data.find(
      (i) => i.id === e.t.id,
    );
    return inv?.status === status
      ? null
      : `the invitation is ${inv?.status ?? 'gone'}, not ${status}`;
  };

const streamIs =
  (
    test: (s: { state: string; tags: string[] } | null, t: Target) => boolean,
    what: string,
  ): Effect =>
  async (e) => {
    const res = await readBack(e, `/api/v1/streams/${e.t.id}`);
    const s = res.status === 200 ? (res.body as { state: string; tags: string[] }) : null;
    return test(s, e.t) ? null : `the stream ${what} (${res.status} ${res.text.slice(0, 120)})`;
  };

const roleGone: Effect = async (e) => {
  const res = await readBack(e, '/api/v1/roles');
  return (res.body as { data: { id: string }[] }).data.some((r) => r.id === e.t.id)
    ? 'the role is still there'
    : null;
};
const tagGone: Effect = async (e) => {
  const res = await readBack(e, '/api/v1/tags');
  return (res.body as { data: { id: string }[] }).data.some((r) => r.id === e.t.id)
    ? 'the tag is still there'
    : null;
};

const endpointGone: Effect = async (e) => {
  const res = await readBack(e, '/api/v1/webhooks');
  return (res.body as { data: { id: string }[] }).data.some((w) => w.id === e.t.id)
    ? 'the endpoint is still there'
    : null;
};
/** The new signing secret is in the answer, once. */
const secretShown: Effect = async (e) => {
  const secret = (e.action?.state?.secret ?? (e.response?.body as { secret?: string })?.secret) as
    string | undefined;
  return /^whsec_/.test(secret ?? '') ? null : 'no new secret in the answer';
};
/** A test event or a redelivery: queued for the endpoint (the delivery log shows it). */
const webhookQueued: Effect = async (e) => {
  const page = await e.w.orgs[e.org].admin.ctx.get(`/organisation/webhooks/${e.t.id}`);
  const text = await page.text();
  return /waiting to be sent|webhook\.test/.test(text)
    ? null
    : `the endpoint's page shows no queued or sent event (${page.status()})`;
};

/** A bintu token from the response works for the caller's own organisation. */
const tokenWorks: Effect = async (e) => {
  const token = (e.action?.state?.token ??
    (e.response?.body as { token?: string })?.token) as string;
  const res = await api(e.c.ctx, 'GET', '/api/v1/me', { headers: bearer(token) });
  const expected = hasAudience(e.c, 'api') ? 200 : 403;
  return res.status === expected ? null : `the new token answers ${res.status} on /me`;
};

/** The old API key stops at once; the org's Admin reads the new one. */
const keyRotated: Effect = async (e) => {
  const org = e.w.orgs[e.org];
  const old = org.apiKey;
  const fresh = await api(org.admin.ctx, 'GET', '/api/v1/organisation/api-key', {
    headers: bearer(org.adminToken),
  });
  org.apiKey = (fresh.body as { apiKey: string }).apiKey;
  const stale = await api(org.admin.ctx, 'GET', '/api/v1/me', { headers: keyHeader(old) });
  if (org.apiKey === old) return 'the API key did not change';
  if (stale.status !== 401) return `the old API key still answers ${stale.status}`;
  return audited('apikey.rotated', false)(e);
};

const sessionEnded =
  (of: 'target' | 'caller'): Effect =>
  async (e) => {
    const state = await sessionState(of === 'target' ? e.t.ctx! : e.c.ctx);
    if (of === 'caller') e.c.session = state !== 'ended';
    return state === 'ended' ? null : `the session still works (${state})`;
  };

const joined: Effect = async (e) => {
  const res = await readBack(e, `/api/v1/users?q=${encodeURIComponent(e.c.email!)}`);
  const found = (res.body as { data: unknown[] }).data.length > 0;
  return found ? audited('invitation.accepted', false)(e) : 'the caller is not a member';
};

const playbackWorks: Effect = async (e) => {
  const token = (e.response?.body as { token: string }).token;
  const res = await api(e.c.ctx, 'POST', '/api/v1/playback-tokens/verify', { data: { token } });
  return res.status === 200
    ? audited('playback_token.created', false)(e)
    : `verify answers ${res.status}`;
};

export const E = {
  tokenReset: both(
    memberIs((m, t) => !!m && m.tokenKey !== t.tokenKey, 'kept its Token Key'),
    audited('member.token_reset'),
  ),
  memberSuspended: both(
    memberIs((m) => !!m?.suspendedAt, 'is not suspended'),
    audited('member.suspended'),
  ),
  memberReactivated: both(
    memberIs((m) => !!m && m.suspendedAt === null, 'is still suspended'),
    audited('member.reactivated'),
  ),
  memberDeleted: both(
    memberIs((m) => !m, 'is still there'),
    audited('member.deleted'),
  ),
  roleChanged: both(
    memberIs((m, t) => m?.role.id === t.newRole!.id, 'has not the new role'),
    audited('member.role_changed'),
  ),
  invitationCreated: audited('invitation.created', false),
  invitationRevoked: both(invitationIs('revoked'), audited('invitation.revoked')),
  invitationRegenerated: both(invitationIs('revoked'), audited('invitation.regenerated', false)),
  invitationResent: both(invitationIs('revoked'), audited('invitation.resent', false)),
  roleCreated: audited('role.created', false),
  roleUpdated: audited('role.updated'),
  roleDeleted: both(roleGone, audited('role.deleted')),
  streamCreated: audited('stream.created', false),
  stopped: both(
    streamIs((s) => s?.state === 'ended', 'has not ended'),
    audited('stream.stopped'),
  ),
  locked: both(
    streamIs((s) => s?.state === 'locked', 'is not locked'),
    audited('stream.locked'),
  ),
  unlocked: both(
    streamIs((s) => s?.state === 'created', 'is not unlocked'),
    audited('stream.unlocked'),
  ),
  streamDeleted: both(
    streamIs((s) => !s, 'is still there'),
    audited('stream.deleted'),
  ),
  retagged: both(
    streamIs((s, t) => !!s?.tags.includes(t.tagName!), 'lacks the tag'),
    audited('stream.tags_changed'),
  ),
  tagCreated: audited('tag.created', false),
  tagRenamed: audited('tag.renamed'),
  tagDeleted: both(tagGone, audited('tag.deleted')),
  tokenIssued: both(tokenWorks, audited('token.issued', false)),
  keyRotated,
  webhookCreated: both(secretShown, audited('webhook.created', false)),
  webhookUpdated: audited('webhook.updated'),
  webhookSecretRotated: both(secretShown, audited('webhook.secret_rotated')),
  webhookDeleted: both(endpointGone, audited('webhook.deleted')),
  webhookQueued,
  sessionRevoked: sessionEnded('target'),
  signedOut: sessionEnded('caller'),
  joined,
  declined: audited('invitation.declined', false),
  playbackWorks,
} satisfies Record<string, Effect>;
