import { buttonClass } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import type { Metadata } from 'next';
import { MemberRowDialogs } from '@/components/members/member-actions';
import { MemberRows } from '@/components/members/member-rows';
import { MemberFilters } from '@/components/members/member-filters';
import { NoAccess } from '@/components/organisation/no-access';
import { EmptyState } from '@/components/ui/empty-state';
import { Pager } from '@/components/ui/pager';
import { requireDashboardActor } from '@/lib/auth/actor';
import { can } from '@/lib/rbac';
import { listMembers } from '@/lib/services/members';
import { listRoles } from '@/lib/services/roles';
import type { MemberListQuery } from '@/lib/validation/members';
import { NEWEST_INVITATIONS } from '@/lib/validation/invitations';
import { isWithin, roleChoices } from '@/lib/roles-view';
import { MemberSelection } from '@/components/members/member-selection';
import { listInvitations } from '@/lib/services/invitations';
import { InviteButton, OpenInviteOnLoad } from '@/components/invitations/invite-provider';
import { PendingInvitations } from '@/components/invitations/pending-invitations';
import {
  bulkDeleteAction,
  bulkReactivateAction,
  bulkResetTokenAction,
  bulkSuspendAction,
  bulkUpdatePermissionAction,
  deleteUserAction,
  resetUserTokenAction,
} from './actions';
import {
  regenerateInvitationAction,
  resendInvitationAction,
  revokeInvitationAction,
} from './invite-actions';

export const metadata: Metadata = { title: 'User Management' };

/** The table as it is, or inside the bulk selection when the viewer has bulk actions. */
function Selection(props: React.ComponentProps<typeof MemberSelection>): React.ReactNode {
  return props.actions.length ? <MemberSelection {...props} /> : props.children;
}

type Search = Record<string, string | string[] | undefined>;

function hrefFor(
  query: MemberListQuery,
  change: Partial<MemberListQuery>,
  path = '/organisation/users',
): string {
  const at = {
    ...query,
    after: undefined,
    before: undefined,
    last: false,
    from: undefined,
    ...change,
  };
  const params = new URLSearchParams();
  if (at.q) params.set('q', at.q);
  if (at.role) params.set('role', at.role);
  if (at.status) params.set('status', at.status);
  if (at.sort !== 'created') params.set('sort', at.sort);
  if (at.dir) params.set('dir', at.dir);
  if (at.size !== 25) params.set('size', String(at.size));
  if (at.after) params.set('after', at.after);
  if (at.before) params.set('before', at.before);
  if (at.last) params.set('last', '1');
  if (at.from && at.from > 1) params.set('from', String(at.from));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireDashboardActor('/organisation/users');
  if (!can(actor, 'users:read')) return <NoAccess what="the user list" permission="users:read" />;

  const params = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const canInvite = can(actor, 'users:invite');
  // The roles (a few rows, with their member counts) give the list's total: read once,
  // alongside the page.
  const rolesRead = listRoles(actor);
  const [roles, { rows, total, totalCapped, query, next, prev, from }, invitations] =
    await Promise.all([
      rolesRead,
      listMembers(actor, params, { roles: rolesRead }),
      canInvite
        ? listInvitations(actor, { size: NEWEST_INVITATIONS })
        : Promise.resolve({ rows: [], next: null }),
    ]);
  const memberTotal = roles.reduce((sum, r) => sum + r.memberCount, 0);
  const canReset = can(actor, 'users:reset-token');
  const canDelete = can(actor, 'users:delete');
  const bulkActions = (
    [
      ['change_role', 'users:update'],
      ['suspend', 'users:suspend'],
      ['reactivate', 'users:suspend'],
      ['reset_token', 'users:reset-token'],
      ['remove', 'users:delete'],
    ] as const
  )
    .filter(([, permission]) => can(actor, permission))
    .map(([name]) => name);
  // Members whose role holds more than the viewer's are out of reach: no actions offered.
  const withinReach = new Set(roles.filter((r) => isWithin(actor, r)).map((r) => r.id));
  // The roles on this page, each sent once; rows name theirs by index.
  const pageRoles = [...new Map(rows.map((m) => [m.role.id, m.role])).values()];
  const roleIndex = new Map(pageRoles.map((r, i) => [r.id, i]));
  const filtered = !!(query.q || query.role || query.status);
  const totalText = `${total.toLocaleString('en')}${totalCapped ? '+' : ''}`;
  const shown =
    from === null
      ? `${rows.length} of ${totalText}`
      : `${from.toLocaleString('en')}–${(from + rows.length - 1).toLocaleString('en')} of ${totalText}`;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">User Management</h2>
        <div className="flex flex-wrap gap-2">
          {/* A plain link: the file comes from a route handler, not a page. */}
          <a
            href={hrefFor(query, { size: 25 }, '/organisation/users/export.csv')}
            className={buttonClass('secondary')}
          >
            Export CSV
          </a>
          <InviteButton />
        </div>
        {params.invite === '1' ? <OpenInviteOnLoad /> : null}
      </div>
      <MemberFilters
        roles={roles.map((r) => ({ id: r.id, name: r.name, memberCount: r.memberCount }))}
        total={memberTotal}
        suspended={roles.reduce((n, r) => n + r.suspendedCount, 0)}
        value={{
          q: query.q,
          role: query.role,
          status: query.status,
          sort: query.sort,
          size: query.size,
        }}
      />

      {/* Around the empty states too: the bulk dialog that empties the list stays open to
          show its result. */}
      <Selection
        actions={bulkActions}
        handlers={{
          change_role: bulkUpdatePermissionAction,
          suspend: bulkSuspendAction,
          reactivate: bulkReactivateAction,
          reset_token: bulkResetTokenAction,
          remove: bulkDeleteAction,
        }}
        roles={bulkActions.includes('change_role') ? roleChoices(roles, actor) : []}
        matching={{
          total,
          capped: totalCapped,
          filter: { q: query.q, role: query.role, status: query.status },
        }}
        pageSize={rows.filter((m) => withinReach.has(m.role.id)).length}
      >
        {rows.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No users match this filter"
              link={{ href: '/organisation/users', label: 'Clear filters' }}
            >
              {query.q ? (
                <>Nobody’s email contains “{query.q}”</>
              ) : query.role ? (
                'Nobody holds this role'
              ) : (
                `Nobody is ${query.status}`
              )}
              {query.q && query.role ? ' in this role' : ''}
              {(query.q || query.role) && query.status ? ` among ${query.status} members` : ''}.
            </EmptyState>
          ) : query.after || query.before || query.last ? (
            <EmptyState
              title="This page is empty"
              link={{ href: hrefFor(query, {}), label: 'Go to the first page' }}
            />
          ) : (
            <EmptyState title="No users yet">
              Invite people to work in this organisation.
            </EmptyState>
          )
        ) : (
          <MemberRowDialogs resetAction={resetUserTokenAction} deleteAction={deleteUserAction}>
            <DataTable
              caption={`Users of ${actor.organisationName}, ${shown}`}
              columns={[
                bulkActions.length > 0 && 'Select',
                'Permission Level',
                'Email',
                'Token Key',
                'Created At (UTC)',
                'Status',
                (canReset || canDelete) && { label: 'Actions', align: 'right' },
              ]}
            >
              <MemberRows
                rows={rows.map((m) => [
                  m.id,
                  m.email,
                  m.tokenKey,
                  m.createdAt.toISOString(),
                  roleIndex.get(m.role.id)!,
                  withinReach.has(m.role.id) ? 1 : 0,
                  m.suspendedAt ? 1 : 0,
                ])}
                roles={pageRoles.map(({ key, name }) => ({ key, name }))}
                canReset={canReset}
                canDelete={canDelete}
                selectable={bulkActions.length > 0}
              />
            </DataTable>
          </MemberRowDialogs>
        )}
      </Selection>

      <Pager
        summary={rows.length === 0 ? 'No users' : `Showing ${shown} users`}
        links={[
          prev ? { href: hrefFor(query, {}), label: 'First' } : null,
          prev
            ? {
                href: hrefFor(query, {
                  before: prev,
                  from: from === null ? undefined : Math.max(1, from - query.size),
                }),
                label: 'Previous',
                rel: 'prev',
              }
            : null,
          next
            ? {
                href: hrefFor(query, {
                  after: next,
                  from: from === null ? undefined : from + rows.length,
                }),
                label: 'Next',
                rel: 'next',
              }
            : null,
          next ? { href: hrefFor(query, { last: true }), label: 'Last' } : null,
        ]}
      />

      {canInvite ? (
        <PendingInvitations
          invitations={invitations.rows}
          more={
            invitations.next
              ? { href: '/organisation/users/invitations', label: 'All invitations' }
              : undefined
          }
          revokeAction={revokeInvitationAction}
          regenerateAction={regenerateInvitationAction}
          resendAction={resendInvitationAction}
        />
      ) : null}
    </div>
  );
}
