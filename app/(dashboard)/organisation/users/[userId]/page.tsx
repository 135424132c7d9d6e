import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import {
  DeleteUserDialog,
  ResetUserTokenDialog,
  SuspensionDialog,
} from '@/components/members/member-actions';
import { UpdatePermissionDialog } from '@/components/members/update-permission-dialog';
import { NoAccess } from '@/components/organisation/no-access';
import { PermissionOverview } from '@/components/roles/permission-overview';
import { Badge, RoleBadge } from '@/components/ui/badge';
import { Details, Panel } from '@/components/ui/panel';
import { requireDashboardActor } from '@/lib/auth/actor';
import { formatUtc } from '@/lib/format';
import { AUDIENCES, can } from '@/lib/rbac';
import { isWithin, roleChoices } from '@/lib/roles-view';
import { getMember } from '@/lib/services/members';
import { listRoles } from '@/lib/services/roles';
import {
  deleteUserAction,
  reactivateUserAction,
  resetUserTokenAction,
  suspendUserAction,
  updatePermissionAction,
} from '../actions';
import { Timestamp } from '@/components/ui/timestamp';

export const metadata: Metadata = { title: 'User' };

export default async function UserPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const actor = await requireDashboardActor(`/organisation/users/${userId}`);
  if (!can(actor, 'users:read')) return <NoAccess what="users" permission="users:read" />;
  // The member and the roles the dialog offers, in one round trip.
  const [member, roles] = await Promise.all([
    getMember(actor, userId),
    can(actor, 'users:update') ? listRoles(actor) : [],
  ]);
  if (!member) notFound();

  // A member whose role holds more than the viewer's is out of reach (docs/security.md).
  const inReach = isWithin(actor, member.role);
  const canUpdate = can(actor, 'users:update') && inReach;
  // What the dialogs (client components) need of the member, and no more.
  const who = { id: member.id, email: member.email };
  return (
    <div className="space-y-6">
      <Link href="/organisation/users" className="text-sm text-brand-600 underline">
        ← All users
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">{member.email}</h2>
        <div className="ml-auto flex flex-wrap gap-2">
          {canUpdate ? (
            <UpdatePermissionDialog
              member={who}
              currentRole={{ id: member.role.id, permissions: member.role.permissions }}
              roles={roleChoices(roles, actor)}
              action={updatePermissionAction}
            />
          ) : null}
          {can(actor, 'users:reset-token') && inReach ? (
            <ResetUserTokenDialog member={who} action={resetUserTokenAction} />
          ) : null}
          {can(actor, 'users:suspend') && inReach && !member.isSelf ? (
            <SuspensionDialog
              member={who}
              suspended={!!member.suspendedAt}
              suspendAction={suspendUserAction}
              reactivateAction={reactivateUserAction}
            />
          ) : null}
          {can(actor, 'users:delete') && inReach ? (
            <DeleteUserDialog
              member={who}
              action={deleteUserAction}
              successHref="/organisation/users"
            />
          ) : null}
        </div>
      </div>

      <Panel id="details" title="User details" level={3} hideTitle>
        <Details
          items={[
            ['Permission Level', <RoleBadge key="role" role={member.role} />],
            [
              'Status',
              member.suspendedAt ? (
                <span key="status">
                  <Badge tone="readonly">suspended</Badge> since {formatUtc(member.suspendedAt)}
                  {member.suspensionReason ? ` · ${member.suspensionReason}` : ''}
                </span>
              ) : (
                <Badge key="status" tone="admin">
                  active
                </Badge>
              ),
            ],
            ['Email', member.email],
            ['User ID', <code key="id">{member.id}</code>],
            ['Created At', <Timestamp key="created" at={member.createdAt} />],
            [
              'Last active',
              member.lastActiveAt ? <Timestamp key="active" at={member.lastActiveAt} /> : 'never',
            ],
            [
              'Token Key',
              <code key="token-key" data-testid="token-key">
                {member.tokenKey}
              </code>,
            ],
          ]}
        />
      </Panel>

      <Panel id="role" title={`Role: ${member.role.name}`} level={3}>
        <p className="text-sm text-slate-700">{member.role.description}</p>
        <p className="text-sm text-slate-600">
          Audiences:{' '}
          {member.role.audiences.length
            ? member.role.audiences.map((a) => AUDIENCES[a]).join(', ')
            : 'none'}
        </p>
        <PermissionOverview permissions={member.role.permissions} collapsible />
      </Panel>
    </div>
  );
}
