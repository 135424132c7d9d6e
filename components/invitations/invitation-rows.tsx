'use client';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { RowActionButton } from '@/components/ui/row-action-button';
import { Timestamp } from '@/components/ui/timestamp';
import type { InvitationStatus } from '@/lib/services/invitations';

const TONE: Record<InvitationStatus, BadgeTone> = {
  pending: 'user',
  accepted: 'admin',
  declined: 'neutral',
  expired: 'readonly',
  revoked: 'custom',
};

/** One invitation as the page sends it: strings only, null email for an open link. */
export type InvitationRowData = [
  id: string,
  roleName: string,
  email: string | null,
  inviterEmail: string,
  createdIso: string,
  expiresIso: string,
  status: InvitationStatus,
];

/**
 * The invitations' rows, rendered from a compact array (as the user list's, see
 * components/members/member-rows.tsx and docs/performance.md, "Pages").
 */
export function InvitationRows({ rows }: { rows: InvitationRowData[] }) {
  return rows.map(([id, roleName, email, inviterEmail, createdIso, expiresIso, status]) => {
    const label = email ? `${email} (${roleName})` : `the ${roleName} role`;
    return (
      <tr key={id}>
        <td>{roleName}</td>
        <td>{email ?? <span className="text-slate-500">anyone with the link</span>}</td>
        <td>{inviterEmail}</td>
        <td className="whitespace-nowrap text-slate-600">
          <Timestamp at={createdIso} />
        </td>
        <td className="whitespace-nowrap text-slate-600">
          <Timestamp at={expiresIso} />
        </td>
        <td>
          <Badge tone={TONE[status]}>{status}</Badge>
        </td>
        <td>
          <div className="flex justify-end gap-2">
            {status === 'pending' ? (
              <RowActionButton action="revoke" id={id} label={label} destructive>
                Revoke
              </RowActionButton>
            ) : null}
            {email && (status === 'pending' || status === 'expired') ? (
              <RowActionButton action="resend" id={id} label={email}>
                Resend
              </RowActionButton>
            ) : null}
            {status !== 'accepted' ? (
              <RowActionButton action="regenerate" id={id} label={label}>
                Regenerate
              </RowActionButton>
            ) : null}
          </div>
        </td>
      </tr>
    );
  });
}
