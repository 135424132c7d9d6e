import { InviteProvider } from '@/components/invitations/invite-provider';
import { PageSlot } from '@/components/layout/pending-page';
import { TopBar } from '@/components/layout/top-bar';
import { Announcer } from '@/components/ui/announcer';
import { requireDashboardActor } from '@/lib/auth/actor';
import { can, type Permission } from '@/lib/rbac';
import type { NavLink } from '@/components/layout/nav-links';
import {
  createInvitationAction,
  createInvitationsAction,
  inviteRoleChoicesAction,
  previewInvitationsAction,
} from './organisation/users/invite-actions';

export const dynamic = 'force-dynamic';

const NAV: (NavLink & { permission?: Permission })[] = [
  { href: '/organisation', label: 'Organisation' },
  { href: '/streams', label: 'Streams', permission: 'streams:read' },
];

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireDashboardActor('/organisation');
  const invite = can(actor, 'users:invite')
    ? {
        create: createInvitationAction,
        roles: inviteRoleChoicesAction,
        previewMany: previewInvitationsAction,
        createMany: createInvitationsAction,
      }
    : null;
  return (
    <InviteProvider actions={invite}>
      <TopBar
        organisationName={actor.organisationName}
        email={actor.label}
        links={NAV.filter((l) => !l.permission || can(actor, l.permission)).map(
          ({ href, label }) => ({ href, label }),
        )}
        organisations={(actor.otherOrganisations ?? []).map(({ id, name }) => ({ id, name }))}
      />
      <div className="mx-auto max-w-6xl px-4 py-6">
        <PageSlot scope="/">{children}</PageSlot>
      </div>
      <Announcer />
    </InviteProvider>
  );
}
