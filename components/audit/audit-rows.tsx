'use client';

import { AuditActor, AuditTarget } from './event-parts';

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
 * The audit log's rows, rendered from a compact array (as the user list's, see
 * components/members/member-rows.tsx and docs/performance.md, "Pages").
 */
export function AuditRows({ rows }: { rows: AuditRowData[] }) {
  return rows.map(
    ([id, createdIso, createdUtc, actorType, actorLabel, action, targetType, target, ip]) => (
      <tr key={id}>
        <td className="whitespace-nowrap">
          <a
            href={`/organisation/audit/${id}`}
            className="row-link font-normal"
            aria-label={`Event ${id}, ${action}, ${createdUtc}`}
          >
            <time dateTime={createdIso}>{createdUtc}</time>
          </a>
        </td>
        <td>
          <AuditActor type={actorType} label={actorLabel} />
        </td>
        <td>
          <code className="text-xs">{action}</code>
        </td>
        <td>
          <AuditTarget type={targetType} label={target} />
        </td>
        <td className="whitespace-nowrap text-slate-600">{ip}</td>
      </tr>
    ),
  );
}
