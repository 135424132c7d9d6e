'use client';

import { badgeHtml, roleTone } from '@/components/ui/badge';
import { MarkupRows } from '@/components/ui/markup-rows';
import { rowActionButtonHtml } from '@/components/ui/row-action-button';
import { timestampHtml } from '@/components/ui/timestamp';
import { html } from '@/lib/html';

/** One row of the user list, as the page sends it: strings only, the role by index. */
export type MemberRowData = [
  id: string,
  email: string,
  tokenKey: string,
  createdIso: string,
  role: number,
  actions: 0 | 1,
  suspended: 0 | 1,
];

/**
 * The user list's rows, built as markup from a compact array rather than sent as
 * server-rendered elements: a page of 100 rows costs the server one small array to send
 * and a string per row to render (components/ui/markup-rows.tsx, docs/performance.md,
 * "Pages"). The table's links and buttons work through delegation (row-links.tsx,
 * row-actions.tsx), its checkboxes through member-selection.tsx.
 */
export function MemberRows({
  rows,
  roles,
  canReset,
  canDelete,
  selectable,
}: {
  rows: MemberRowData[];
  roles: { key: string | null; name: string }[];
  canReset: boolean;
  canDelete: boolean;
  /** A checkbox per row within reach, for bulk actions (member-selection.tsx). */
  selectable: boolean;
}) {
  return (
    <MarkupRows
      rows={rows.map(([id, email, tokenKey, createdIso, roleAt, actions, suspended]) => {
        const role = roles[roleAt]!;
        const cells = [
          selectable &&
            html`<td class="w-8">${!!actions && html`<input type="checkbox" data-select-member="" aria-label="Select ${email}">`}</td>`,
          html`<td>${badgeHtml(roleTone(role), role.name)}</td>`,
          html`<td><a href="/organisation/users/${id}" class="row-link">${email}</a></td>`,
          html`<td><code>${tokenKey}</code></td>`,
          html`<td class="cell-time">${timestampHtml(createdIso)}</td>`,
          html`<td>${suspended ? badgeHtml('readonly', 'suspended') : badgeHtml('admin', 'active')}</td>`,
          (canReset || canDelete) &&
            html`<td class="cell-actions">${[
              canReset && !!actions && rowActionButtonHtml('reset', 'Reset User Token'),
              canDelete &&
                !!actions &&
                rowActionButtonHtml('delete', 'Delete User', { destructive: true }),
            ]}</td>`,
        ];
        return [id, email, html`${cells}`] as const;
      })}
    />
  );
}
