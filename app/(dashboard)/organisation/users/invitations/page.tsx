import type { Metadata } from 'next';
import Link from 'next/link';
import { PendingInvitations } from '@/components/invitations/pending-invitations';
import { NoAccess } from '@/components/organisation/no-access';
import { requireDashboardActor } from '@/lib/auth/actor';
import { can } from '@/lib/rbac';
import { listInvitations } from '@/lib/services/invitations';
import {
  regenerateInvitationAction,
  resendInvitationAction,
  revokeInvitationAction,
} from '../invite-actions';

export const metadata: Metadata = { title: 'Invitations' };

type Search = Record<string, string | string[] | undefined>;

/** Every invitation of the organisation, newest first, 50 to a page (keyset). */
export default async function InvitationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireDashboardActor('/organisation/users/invitations');
  if (!can(actor, 'users:invite')) return <NoAccess what="invitations" permission="users:invite" />;
  const { before } = await searchParams;
  const { rows, next } = await listInvitations(actor, {
    before: Array.isArray(before) ? before[0] : before,
  });
  return (
    <div className="space-y-4">
      <Link href="/organisation/users" className="text-sm text-brand-600 underline">
        ← All users
      </Link>
      <PendingInvitations
        invitations={rows}
        revokeAction={revokeInvitationAction}
        regenerateAction={regenerateInvitationAction}
        resendAction={resendInvitationAction}
        more={
          next
            ? { href: `/organisation/users/invitations?before=${next}`, label: 'Older invitations' }
            : undefined
        }
      />
      {before ? (
        <p className="text-sm">
          <Link href="/organisation/users/invitations" className="text-brand-600 underline">
            Newest invitations
          </Link>
        </p>
      ) : null}
    </div>
  );
}
