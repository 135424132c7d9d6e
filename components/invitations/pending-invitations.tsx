import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ActionState } from '@/lib/action-state';
import { formatUtc } from '@/lib/format';
import type { InvitationRow, InvitationStatus } from '@/lib/services/invitations';
import { RowActionButton } from '@/components/ui/row-action-button';
import { InvitationRowDialogs } from './invitation-row-dialogs';
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
  more,
}: {
  invitations: InvitationRow[];
  revokeAction: Action;
  regenerateAction: Action<ActionState & { link?: string; expiresAt?: string }>;
  /** A link to older invitations, when there are more than shown. */
  more?: { href: string; label: string };
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
        <InvitationRowDialogs revokeAction={revokeAction} regenerateAction={regenerateAction}>
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
              const label = inv.email
                ? `${inv.email} (${inv.roleName})`
                : `the ${inv.roleName} role`;
              return (
                <tr key={inv.id}>
                  <td>{inv.roleName}</td>
                  <td>
                    {inv.email ?? <span className="text-slate-400">anyone with the link</span>}
                  </td>
                  <td>{inv.inviterEmail}</td>
                  <td className="whitespace-nowrap text-slate-600">{formatUtc(inv.createdAt)}</td>
                  <td className="whitespace-nowrap text-slate-600">{formatUtc(inv.expiresAt)}</td>
                  <td>
                    <Badge tone={TONE[inv.status]}>{inv.status}</Badge>
                  </td>
                  <td>
                    <div className="flex justify-end gap-2">
                      {inv.status === 'pending' ? (
                        <RowActionButton action="revoke" id={inv.id} label={label} destructive>
                          Revoke
                        </RowActionButton>
                      ) : null}
                      {inv.status !== 'accepted' ? (
                        <RowActionButton action="regenerate" id={inv.id} label={label}>
                          Regenerate
                        </RowActionButton>
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
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
