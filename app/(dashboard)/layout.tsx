import { InviteProvider } from '@/components/invitations/invite-provider';
import { PageSlot } from '@/components/layout/pending-page';
import { TopBar } from '@/components/layout/top-bar';
import { Announcer } from '@/components/ui/announcer';
import { requireDashboardActor } from '@/lib/auth/actor';
import { can } from '@/lib/rbac';
import {
  createInvitationAction,
  createInvitationsAction,
  inviteRoleChoicesAction,
  previewInvitationsAction,
} from './organisation/users/invite-actions';

export const dynamic = 'force-dynamic';

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
      <TopBar actor={actor} />
      <div className="mx-auto max-w-6xl px-4 py-6">
        <PageSlot scope="/">{children}</PageSlot>
      </div>
      <Announcer />
    </InviteProvider>
  );
}
