import type { Metadata } from 'next';
import { bulkSuspendAction } from '../users/actions';
import Link from 'next/link';
import { InactiveMembers } from '@/components/access-review/inactive-members';
import { NoAccess } from '@/components/organisation/no-access';
import { Badge, RoleBadge } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { Pager } from '@/components/ui/pager';
import { Panel } from '@/components/ui/panel';
import { Timestamp } from '@/components/ui/timestamp';
import { requireDashboardActor } from '@/lib/auth/actor';
import { can } from '@/lib/rbac';
import {
  listInactiveMembers,
  listPrivilegedAccess,
  listUnusedTokens,
  REVIEW_LIST_LIMIT,
} from '@/lib/services/access-review';
import {
  DEFAULT_INACTIVE_DAYS,
  INACTIVE_DAYS,
  UNUSED_TOKEN_DAYS,
} from '@/lib/validation/access-review';

export const metadata: Metadata = { title: 'Access review' };

type Search = Record<string, string | string[] | undefined>;

const PATH = '/organisation/access-review';
const hrefFor = (days: number, page?: { after: string; from: number | null }) => {
  const params = new URLSearchParams();
  if (days !== DEFAULT_INACTIVE_DAYS) params.set('days', String(days));
  if (page) params.set('after', page.after);
  if (page?.from) params.set('from', String(page.from));
  const qs = params.toString();
  return qs ? `${PATH}?${qs}` : PATH;
};
const lastActive = (at: Date | null) => (at ? <Timestamp at={at} /> : 'never');

export default async function AccessReviewPage({
  searchParams,
}: {
  searchParams: Promise<Search>;
}) {
  const actor = await requireDashboardActor(PATH);
  if (!can(actor, 'users:read'))
    return <NoAccess what="the access review" permission="users:read" />;
  const params = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const [inactive, tokens, privileged] = await Promise.all([
    listInactiveMembers(actor, params),
    listUnusedTokens(actor),
    listPrivilegedAccess(actor),
  ]);
  const { days } = inactive.query;
  const totalText = `${inactive.total.toLocaleString('en')}${inactive.totalCapped ? '+' : ''}`;
  const shown =
    inactive.from === null
      ? `${inactive.rows.length} of ${totalText}`
      : `${inactive.from.toLocaleString('en')}–${(inactive.from + inactive.rows.length - 1).toLocaleString('en')} of ${totalText}`;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h2 className="text-lg font-semibold">Access review</h2>
        <p className="text-sm text-slate-600">
          Who has not used their access for a while, bintu tokens nobody uses, and who holds the
          most. Activity is recorded from the dashboard and the REST API, at most every few minutes.
        </p>
      </div>

      <Panel id="inactive" title="Inactive members">
        <nav aria-label="Inactive for" className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600">Not active for</span>
          {INACTIVE_DAYS.map((d) => (
            <Link
              key={d}
              href={hrefFor(d)}
              aria-current={d === days ? 'page' : undefined}
              className={`rounded-md border px-3 py-1.5 ${
                d === days
                  ? 'border-brand-600 bg-brand-50 font-medium text-brand-700'
                  : 'border-slate-300 bg-surface text-slate-700'
              }`}
            >
              {d} days
            </Link>
          ))}
        </nav>
        <p className="text-sm text-slate-600">
          Members never active count as inactive. Suspended members are not listed: they have no
          access.
        </p>
        {/* Rendered when empty too: the Suspend dialog that empties the list stays open to
            show its result. */}
        <InactiveMembers
          key={`${days}:${inactive.query.after ?? ''}`}
          caption={`Members not active for ${days} days, ${shown}`}
          suspendAction={can(actor, 'users:suspend') ? bulkSuspendAction : undefined}
          rows={inactive.rows.map((m) => [
            m.id,
            m.email,
            m.lastActiveAt?.toISOString() ?? null,
            m.role.key,
            m.role.name,
            m.createdAt.toISOString(),
          ])}
          empty={
            inactive.query.after ? (
              <EmptyState
                title="This page is empty"
                link={{ href: hrefFor(days), label: 'Go to the first page' }}
              />
            ) : (
              <EmptyState>Everyone was active in the last {days} days.</EmptyState>
            )
          }
        />
        <Pager
          summary={inactive.rows.length ? `Showing ${shown} members` : undefined}
          links={[
            inactive.query.after ? { href: hrefFor(days), label: 'First' } : null,
            inactive.next
              ? {
                  href: hrefFor(days, {
                    after: inactive.next,
                    from: inactive.from === null ? null : inactive.from + inactive.rows.length,
                  }),
                  label: 'Next',
                  rel: 'next',
                }
              : null,
          ]}
        />
      </Panel>

      <Panel id="tokens" title="Unused bintu tokens">
        <p className="text-sm text-slate-600">
          Tokens that still work and were never used, or not in the last {UNUSED_TOKEN_DAYS} days.
        </p>
        {tokens.rows.length === 0 ? (
          <EmptyState>No unused bintu tokens.</EmptyState>
        ) : (
          <DataTable
            caption="Unused bintu tokens"
            columns={['Member', 'Created At (UTC)', 'Expires At (UTC)', 'Last used (UTC)']}
          >
            {tokens.rows.map((t) => (
              <tr key={t.id}>
                <td className="break-all">
                  <Link
                    className="text-brand-600 underline"
                    href={`/organisation/users/${t.member.id}`}
                  >
                    {t.member.email}
                  </Link>
                </td>
                <td className="whitespace-nowrap">
                  <Timestamp at={t.createdAt} />
                </td>
                <td className="whitespace-nowrap">
                  <Timestamp at={t.expiresAt} />
                </td>
                <td className="whitespace-nowrap">{lastActive(t.lastUsedAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {tokens.more ? (
          <p className="text-sm text-slate-600">The oldest {REVIEW_LIST_LIMIT} are shown.</p>
        ) : null}
      </Panel>

      <Panel id="admins" title={`Admins (${privileged.adminCount.toLocaleString('en')})`}>
        <p className="text-sm text-slate-600">
          Members whose role can manage users and roles.
          {privileged.adminCount > privileged.admins.length
            ? ` The first ${privileged.admins.length} by email are shown.`
            : ''}
        </p>
        <DataTable
          caption="Admins"
          columns={['Email', 'Permission Level', 'Status', 'Last active (UTC)', 'Created At (UTC)']}
        >
          {privileged.admins.map((m) => (
            <tr key={m.id}>
              <td className="break-all">
                <Link className="text-brand-600 underline" href={`/organisation/users/${m.id}`}>
                  {m.email}
                </Link>
              </td>
              <td>
                <RoleBadge role={m.role} />
              </td>
              <td>
                {m.suspendedAt ? (
                  <Badge tone="readonly">suspended</Badge>
                ) : (
                  <Badge tone="admin">active</Badge>
                )}
              </td>
              <td className="whitespace-nowrap">{lastActive(m.lastActiveAt)}</td>
              <td className="whitespace-nowrap">
                <Timestamp at={m.createdAt} />
              </td>
            </tr>
          ))}
        </DataTable>
      </Panel>

      <Panel id="wide-roles" title="Custom roles with the widest permissions">
        {privileged.wideRoles.length === 0 ? (
          <EmptyState>No custom roles.</EmptyState>
        ) : (
          <DataTable
            caption="Custom roles by number of permissions"
            columns={['Role', 'Permissions', 'Members']}
          >
            {privileged.wideRoles.map((r) => (
              <tr key={r.id}>
                <td>
                  <RoleBadge role={{ key: null, name: r.name }} />
                  {r.adminLevel ? (
                    <span className="ml-2 text-xs text-slate-600">admin-level</span>
                  ) : null}
                </td>
                <td className="whitespace-nowrap">
                  {r.permissionCount} of {privileged.permissionCount}
                </td>
                <td>
                  <Link
                    className="text-brand-600 underline"
                    href={`/organisation/users?role=${r.id}`}
                  >
                    {r.memberCount.toLocaleString('en')}
                  </Link>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {privileged.customRoleCount > privileged.wideRoles.length ? (
          <p className="text-sm text-slate-600">
            The {privileged.wideRoles.length} widest of {privileged.customRoleCount} custom roles;
            all of them on{' '}
            <Link className="text-brand-600 underline" href="/organisation/roles">
              Roles
            </Link>
            .
          </p>
        ) : null}
      </Panel>
    </div>
  );
}
