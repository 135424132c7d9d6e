import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import type { ActionState } from '@/lib/action-state';
import type { InvitationRow } from '@/lib/services/invitations';
import { InvitationRows } from './invitation-rows';
import { InvitationRowDialogs } from './invitation-row-dialogs';
import { DataTable } from '@/components/ui/data-table';

type Action<S extends ActionState = ActionState> = (prev: S, form: FormData) => Promise<S>;

export function PendingInvitations({
  invitations,
  revokeAction,
  regenerateAction,
  resendAction,
  more,
}: {
  invitations: InvitationRow[];
  revokeAction: Action;
  regenerateAction: Action<ActionState & { link?: string; expiresAt?: string }>;
  resendAction: Action;
  /** A link to older invitations, when there are more than shown. */
  more?: { href: string; label: string };
}) {
  return (
    <section aria-labelledby="invitations-heading" className="space-y-3">
      <h2 id="invitations-heading" className="text-lg font-semibold">
        Pending invitations
      </h2>
      {invitations.length === 0 ? (
        <EmptyState>No invitations yet. Use “Invite New User” to create a link.</EmptyState>
      ) : (
        <InvitationRowDialogs
          revokeAction={revokeAction}
          regenerateAction={regenerateAction}
          resendAction={resendAction}
        >
          <DataTable
            caption="Invitations of this organisation"
            columns={[
              'Role',
              'Email',
              'Invited by',
              'Created At (UTC)',
              'Expires At (UTC)',
              'Status',
              { label: 'Actions', align: 'right' },
            ]}
          >
            <InvitationRows
              rows={invitations.map((inv) => [
                inv.id,
                inv.roleName,
                inv.email,
                inv.inviterEmail,
                inv.createdAt.toISOString(),
                inv.expiresAt.toISOString(),
                inv.status,
              ])}
            />
          </DataTable>
        </InvitationRowDialogs>
      )}
      {more ? (
        <p className="text-sm">
          <Link href={more.href} className="text-brand-600 underline">
            {more.label}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
