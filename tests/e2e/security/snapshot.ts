import type { APIRequestContext } from '@playwright/test';
import { apiOk, keyHeader } from './support';

// An organisation as its API key reads it, one line per row, so that a request that was
// refused can be shown to have changed nothing.

export interface Snapshot {
  users: string[];
  roles: string[];
  invitations: string[];
  streams: string[];
  tags: string[];
  webhooks: string[];
  audit: { count: number; newest: number | null };
  apiKey: string;
}

interface Page<T> {
  data: T[];
  next: string | null;
}

async function pages<T>(ctx: APIRequestContext, url: (next: string | null) => string, h: object) {
  const out: T[] = [];
  let next: string | null = null;
  do {
    const page: Page<T> = await apiOk<Page<T>>(ctx, 'GET', url(next), {
      headers: h as Record<string, string>,
    });
    out.push(...page.data);
    next = page.next;
  } while (next);
  return out;
}

/** Everything the API key can read about the organisation, one line per row. */
export async function snapshot(ctx: APIRequestContext, apiKey: string): Promise<Snapshot> {
  const h = keyHeader(apiKey);
  type User = {
    id: string;
    email: string;
    tokenKey: string;
    suspendedAt: string | null;
    role: { id: string };
  };
  type Role = {
    id: string;
    name: string;
    description: string;
    permissions: string[];
    audiences: string[];
  };
  type Inv = {
    id: string;
    email: string | null;
    roleName: string;
    status: string;
    expiresAt: string;
  };
  type Stream = { id: string; name: string; state: string; tags: string[]; updatedAt: string };
  type Tag = { id: string; name: string; streamCount: number; updatedAt: string };
  type Event = { id: number };
  type Webhook = {
    id: string;
    url: string;
    description: string;
    eventTypes: string[];
    enabled: boolean;
    updatedAt: string;
  };
  const [users, roles, invitations, streams, tags, events, key, webhooks] = await Promise.all([
    pages<User>(ctx, (n) => `/api/v1/users?size=100&sort=email${n ? `&after=${n}` : ''}`, h),
    apiOk<Page<Role>>(ctx, 'GET', '/api/v1/roles', { headers: h }),
    apiOk<Page<Inv>>(ctx, 'GET', '/api/v1/invitations', { headers: h }),
    pages<Stream>(ctx, (n) => `/api/v1/streams?size=100${n ? `&cursor=${n}` : ''}`, h),
    apiOk<Page<Tag>>(ctx, 'GET', '/api/v1/tags', { headers: h }),
    pages<Event>(ctx, (n) => `/api/v1/audit?size=200${n ? `&before=${n}` : ''}`, h),
    apiOk<{ apiKey: string }>(ctx, 'GET', '/api/v1/organisation/api-key', { headers: h }),
    apiOk<Page<Webhook>>(ctx, 'GET', '/api/v1/webhooks', { headers: h }),
  ]);
  const sorted = (rows: string[]) => rows.sort();
  return {
    users: sorted(
      users.map(
        (u) => `${u.id} ${u.email} role=${u.role.id} ${u.tokenKey} suspended=${u.suspendedAt}`,
      ),
    ),
    roles: sorted(
      roles.data.map(
        (r) =>
          `${r.id} ${r.name} [${[...r.permissions].sort()}] [${[...r.audiences].sort()}] ${r.description}`,
      ),
    ),
    invitations: sorted(
      invitations.data.map((i) => `${i.id} ${i.status} ${i.email} ${i.roleName} ${i.expiresAt}`),
    ),
    streams: sorted(streams.map((s) => `${s.id} ${s.name} ${s.state} [${s.tags}] ${s.updatedAt}`)),
    tags: sorted(tags.data.map((t) => `${t.id} ${t.name} ${t.streamCount} ${t.updatedAt}`)),
    webhooks: sorted(
      webhooks.data.map(
        (w) => `${w.id} ${w.url} ${w.description} [${w.eventTypes}] ${w.enabled} ${w.updatedAt}`,
      ),
    ),
    audit: { count: events.length, newest: events[0]?.id ?? null },
    apiKey: key.apiKey,
  };
}

/** What changed between two snapshots, one line per difference; empty when nothing. */
export function snapshotDiff(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const list of ['users', 'roles', 'invitations', 'streams', 'tags', 'webhooks'] as const) {
    const was = new Set(before[list]);
    const is = new Set(after[list]);
    for (const row of before[list]) if (!is.has(row)) out.push(`${list} - ${row}`);
    for (const row of after[list]) if (!was.has(row)) out.push(`${list} + ${row}`);
  }
  if (before.audit.count !== after.audit.count || before.audit.newest !== after.audit.newest) {
    out.push(`audit ${JSON.stringify(before.audit)} → ${JSON.stringify(after.audit)}`);
  }
  if (before.apiKey !== after.apiKey) out.push('the API key changed');
  return out;
}
