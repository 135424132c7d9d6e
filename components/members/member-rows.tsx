'use client';

import { Badge, RoleBadge } from '@/components/ui/badge';
import { RowActionButton } from '@/components/ui/row-action-button';
import { Timestamp } from '@/components/ui/timestamp';

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
 * The user list's rows, rendered from a compact array rather than as server-rendered
 * elements: a page of 100 rows then costs the server one small array to send instead of
 * a thousand elements to serialise and render again (docs/performance.md, "Pages"). The
 * rows are plain markup: the table's links and buttons work through delegation
 * (row-links.tsx, row-actions.tsx).
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
  return rows.map(([id, email, tokenKey, createdIso, role, actions, suspended]) => (
    <tr key={id}>
      {selectable ? (
        <td className="w-8">
          {actions ? (
            <input
              type="checkbox"
              value={id}
              data-select-member=""
              data-email={email}
              aria-label={`Select ${email}`}
            />
          ) : null}
        </td>
      ) : null}
      <td>
        <RoleBadge role={roles[role]!} />
      </td>
      <td>
        <a href={`/organisation/users/${id}`} className="row-link">
          {email}
        </a>
      </td>
      <td>
        <code className="text-xs">{tokenKey}</code>
      </td>
      <td className="whitespace-nowrap text-slate-600">
        <Timestamp at={createdIso} />
      </td>
      <td>
        {suspended ? <Badge tone="readonly">suspended</Badge> : <Badge tone="admin">active</Badge>}
      </td>
      {canReset || canDelete ? (
        <td className="text-right whitespace-nowrap">
          {canReset && actions ? (
            <RowActionButton action="reset" id={id} label={email}>
              Reset User Token
            </RowActionButton>
          ) : null}
          {canDelete && actions ? (
            <RowActionButton action="delete" id={id} label={email} destructive>
              Delete User
            </RowActionButton>
          ) : null}
        </td>
      ) : null}
    </tr>
  ));
}
