import { Badge, type BadgeTone } from '@/components/ui/badge';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ActionState } from '@/lib/action-state';
import { formatUtc } from '@/lib/format';
import type { InvitationRow, InvitationStatus } from '@/lib/services/invitations';
import { RegenerateInviteDialog } from './regenerate-dialog';
import { DataTable } from '@/components/ui/data-table';

const TONE: Record<InvitationStatus, BadgeTone> = {
  pending: 'user',
  accepted: 'admin',
  declined: 'neutral',
  expired: 'readonly',
  revoked: 'custom',
};

type Action<S extends ActionState = ActionState> = (prev: S, form: FormData) => Promise<S>;

export function PendingInvitations({
  invitations,
  revokeAction,
  regenerateAction,
}: {
  invitations: InvitationRow[];
  revokeAction: Action;
  regenerateAction: Action<ActionState & { link?: string; expiresAt?: string }>;
}) {
  return (
    <section aria-labelledby="invitations-heading" className="space-y-3">
      <h2 id="invitations-heading" className="text-lg font-semibold">
        Pending invitations
      </h2>
      {invitations.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No invitations yet. Use “Invite New User” to create a link.
        </p>
      ) : (
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
          {invitations.map((inv) => {
            const label = inv.email ? `${inv.email} (${inv.roleName})` : `the ${inv.roleName} role`;
            return (
              <tr key={inv.id}>
                <td className="px-4 py-3">{inv.roleName}</td>
                <td className="px-4 py-3">
                  {inv.email ?? <span className="text-slate-400">anyone with the link</span>}
                </td>
                <td className="px-4 py-3">{inv.inviterEmail}</td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                  {formatUtc(inv.createdAt)}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                  {formatUtc(inv.expiresAt)}
                </td>
                <td className="px-4 py-3">
                  <Badge tone={TONE[inv.status]}>{inv.status}</Badge>
                </td>
                <td className="px-4 py-3">
                  <div className="flex justify-end gap-2">
                    {inv.status === 'pending' ? (
                      <ConfirmDialog
                        triggerLabel="Revoke"
                        title="Revoke invitation"
                        destructive
                        description={<p>The link for {label} stops working at once.</p>}
                        action={revokeAction}
                        fields={{ invitationId: inv.id }}
                      />
                    ) : null}
                    {inv.status !== 'accepted' ? (
                      <RegenerateInviteDialog
                        invitationId={inv.id}
                        label={label}
                        action={regenerateAction}
                      />
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}
