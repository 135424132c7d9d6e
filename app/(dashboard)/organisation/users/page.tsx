import { DataTable } from '@/components/ui/data-table';
import type { Metadata } from 'next';
import Link from 'next/link';
import { MemberRowDialogs } from '@/components/members/member-actions';
import { MemberRows } from '@/components/members/member-rows';
import { MemberFilters } from '@/components/members/member-filters';
import { NoAccess } from '@/components/organisation/no-access';
import { Announcer } from '@/components/ui/announcer';
import { requireDashboardActor } from '@/lib/auth/actor';
import { formatUtc } from '@/lib/format';
import { can } from '@/lib/rbac';
import { listMembers } from '@/lib/services/members';
import { listRoles } from '@/lib/services/roles';
import type { MemberListQuery } from '@/lib/validation/members';
import { isWithin, roleChoices } from '@/lib/roles-view';
import { listInvitations } from '@/lib/services/invitations';
import { InviteDialog } from '@/components/invitations/invite-dialog';
import { PendingInvitations } from '@/components/invitations/pending-invitations';
import { deleteUserAction, resetUserTokenAction } from './actions';
import {
  createInvitationAction,
  regenerateInvitationAction,
  revokeInvitationAction,
} from './invite-actions';

export const metadata: Metadata = { title: 'User Management' };

type Search = Record<string, string | string[] | undefined>;

function hrefFor(query: MemberListQuery, change: Partial<MemberListQuery>): string {
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
  if (at.sort !== 'created') params.set('sort', at.sort);
  if (at.dir) params.set('dir', at.dir);
  if (at.size !== 25) params.set('size', String(at.size));
  if (at.after) params.set('after', at.after);
  if (at.before) params.set('before', at.before);
  if (at.last) params.set('last', '1');
  if (at.from && at.from > 1) params.set('from', String(at.from));
  const qs = params.toString();
  return qs ? `/organisation/users?${qs}` : '/organisation/users';
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
      canInvite ? listInvitations(actor, { size: 5 }) : Promise.resolve({ rows: [], next: null }),
    ]);
  const memberTotal = roles.reduce((sum, r) => sum + r.memberCount, 0);
  const canReset = can(actor, 'users:reset-token');
  const canDelete = can(actor, 'users:delete');
  // Members whose role holds more than the viewer's are out of reach: no actions offered.
  const withinReach = new Set(roles.filter((r) => isWithin(actor, r)).map((r) => r.id));
  // The roles on this page, each sent once; rows name theirs by index.
  const pageRoles = [...new Map(rows.map((m) => [m.role.id, m.role])).values()];
  const roleIndex = new Map(pageRoles.map((r, i) => [r.id, i]));
  const filtered = !!(query.q || query.role);
  const totalText = `${total.toLocaleString('en')}${totalCapped ? '+' : ''}`;
  const shown =
    from === null
      ? `${rows.length} of ${totalText}`
      : `${from.toLocaleString('en')}–${(from + rows.length - 1).toLocaleString('en')} of ${totalText}`;

  return (
    <div className="space-y-4">
      <Announcer />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold">User Management</h2>
        {canInvite ? (
          <InviteDialog
            roles={roleChoices(roles, actor)}
            action={createInvitationAction}
            defaultOpen={params.invite === '1'}
          />
        ) : null}
      </div>
      <MemberFilters
        roles={roles.map((r) => ({ id: r.id, name: r.name, memberCount: r.memberCount }))}
        total={memberTotal}
        value={{ q: query.q, role: query.role, sort: query.sort, size: query.size }}
      />

      {rows.length === 0 ? (
        <section className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          {filtered ? (
            <>
              <h3 className="font-semibold">No users match this filter</h3>
              <p className="mt-1 text-sm text-slate-600">
                {query.q ? <>Nobody’s email contains “{query.q}”</> : 'Nobody holds this role'}
                {query.q && query.role ? ' in this role' : ''}.
              </p>
              <Link
                href="/organisation/users"
                className="mt-3 inline-block text-sm text-brand-600 underline"
              >
                Clear filters
              </Link>
            </>
          ) : query.after || query.before || query.last ? (
            <>
              <h3 className="font-semibold">This page is empty</h3>
              <Link
                href={hrefFor(query, {})}
                className="mt-3 inline-block text-sm text-brand-600 underline"
              >
                Go to the first page
              </Link>
            </>
          ) : (
            <>
              <h3 className="font-semibold">No users yet</h3>
              <p className="mt-1 text-sm text-slate-600">
                Invite people to work in this organisation.
              </p>
            </>
          )}
        </section>
      ) : (
        <MemberRowDialogs resetAction={resetUserTokenAction} deleteAction={deleteUserAction}>
          <DataTable
            caption={`Users of ${actor.organisationName}, ${shown}`}
            columns={[
              'Permission Level',
              'Email',
              'Token Key',
              'Created At (UTC)',
              (canReset || canDelete) && { label: 'Actions', align: 'right' },
            ]}
          >
            <MemberRows
              rows={rows.map((m) => [
                m.id,
                m.email,
                m.tokenKey,
                formatUtc(m.createdAt),
                roleIndex.get(m.role.id)!,
                withinReach.has(m.role.id) ? 1 : 0,
              ])}
              roles={pageRoles.map(({ key, name }) => ({ key, name }))}
              canReset={canReset}
              canDelete={canDelete}
            />
          </DataTable>
        </MemberRowDialogs>
      )}

      <nav
        aria-label="Pagination"
        className="flex flex-wrap items-center justify-between gap-3 text-sm"
      >
        <p className="text-slate-600">
          {rows.length === 0 ? 'No users' : `Showing ${shown} users`}
        </p>
        <div className="flex gap-2">
          {prev ? (
            <>
              <PageLink href={hrefFor(query, {})}>First</PageLink>
              <PageLink
                href={hrefFor(query, {
                  before: prev,
                  from: from === null ? undefined : Math.max(1, from - query.size),
                })}
                rel="prev"
              >
                Previous
              </PageLink>
            </>
          ) : null}
          {next ? (
            <>
              <PageLink
                href={hrefFor(query, {
                  after: next,
                  from: from === null ? undefined : from + rows.length,
                })}
                rel="next"
              >
                Next
              </PageLink>
              <PageLink href={hrefFor(query, { last: true })}>Last</PageLink>
            </>
          ) : null}
        </div>
      </nav>

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
        />
      ) : null}
    </div>
  );
}

function PageLink({ href, rel, children }: { href: string; rel?: string; children: string }) {
  return (
    <Link className="rounded-md border border-slate-300 bg-white px-3 py-1.5" href={href} rel={rel}>
      {children}
    </Link>
  );
}
