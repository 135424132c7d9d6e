'use client';

import { MarkupRows } from '@/components/ui/markup-rows';
import { html } from '@/lib/html';
import { auditActorHtml, auditTargetHtml } from './event-parts';

/** One event of the audit log as the page sends it: strings only. */
export type AuditRowData = [
  id: string,
  createdIso: string,
  createdUtc: string,
  actorType: string,
  actorLabel: string,
  action: string,
  targetType: string,
  target: string,
  ip: string,
];

/**
 * The audit log's rows, built as markup from a compact array (as the user list's, see
 * components/ui/markup-rows.tsx and docs/performance.md, "Pages").
 */
export function AuditRows({ rows }: { rows: AuditRowData[] }) {
  return (
    <MarkupRows
      rows={rows.map(
        ([id, createdIso, createdUtc, actorType, actorLabel, action, targetType, target, ip]) => {
          const name = `Event ${id}, ${action}, ${createdUtc}`;
          const cells = [
            html`<td class="whitespace-nowrap"><a href="/organisation/audit/${id}" class="row-link font-normal" aria-label="${name}"><time datetime="${createdIso}">${createdUtc}</time></a></td>`,
            html`<td>${auditActorHtml(actorType, actorLabel)}</td>`,
            html`<td><code>${action}</code></td>`,
            html`<td>${auditTargetHtml(targetType, target)}</td>`,
            html`<td class="cell-time">${ip}</td>`,
          ];
          // No buttons: the row needs no label.
          return [id, undefined, html`${cells}`] as const;
        },
      )}
    />
  );
}
