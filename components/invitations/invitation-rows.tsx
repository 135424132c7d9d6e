'use client';

import { badgeHtml, type BadgeTone } from '@/components/ui/badge';
import { MarkupRows } from '@/components/ui/markup-rows';
import { rowActionButtonHtml } from '@/components/ui/row-action-button';
import { timestampHtml } from '@/components/ui/timestamp';
import { html } from '@/lib/html';
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
 * The invitations' rows, built as markup from a compact array (as the user list's, see
 * components/ui/markup-rows.tsx and docs/performance.md, "Pages").
 */
export function InvitationRows({ rows }: { rows: InvitationRowData[] }) {
  return (
    <MarkupRows
      rows={rows.map(([id, roleName, email, inviterEmail, createdIso, expiresIso, status]) => {
        const cells = [
          html`<td>${roleName}</td>`,
          html`<td>${email ?? html`<span class="text-slate-500">anyone with the link</span>`}</td>`,
          html`<td>${inviterEmail}</td>`,
          html`<td class="cell-time">${timestampHtml(createdIso)}</td>`,
          html`<td class="cell-time">${timestampHtml(expiresIso)}</td>`,
          html`<td>${badgeHtml(TONE[status], status)}</td>`,
          html`<td><div class="flex justify-end gap-2">${[
            status === 'pending' && rowActionButtonHtml('revoke', 'Revoke', { destructive: true }),
            // Resend goes to the address: its dialog names the address alone.
            !!email &&
              (status === 'pending' || status === 'expired') &&
              rowActionButtonHtml('resend', 'Resend', { label: email }),
            status !== 'accepted' && rowActionButtonHtml('regenerate', 'Regenerate'),
          ]}</div></td>`,
        ];
        const label = email ? `${email} (${roleName})` : `the ${roleName} role`;
        return [id, label, html`${cells}`] as const;
      })}
    />
  );
}
