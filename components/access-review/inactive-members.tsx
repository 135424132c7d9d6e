'use client';

import Link from 'next/link';
import { Timestamp } from '@/components/ui/timestamp';
import { useState } from 'react';
import { BulkMemberActions, type BulkHandlers } from '@/components/members/bulk-member-actions';
import { RoleBadge } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';

/** A row: id, email, last active ("never" or UTC), role key, role name, created at (UTC). */
export type InactiveRow = [
  id: string,
  email: string,
  lastActiveIso: string | null,
  roleKey: string | null,
  roleName: string,
  createdIso: string,
];

/**
 * The access review's inactive members, with a checkbox per row and one for the whole
 * page when the viewer may suspend: the selection goes to the bulk member actions.
 */
export function InactiveMembers({
  caption,
  rows,
  suspendAction,
  empty,
}: {
  caption: string;
  rows: InactiveRow[];
  /** Shown in place of the table when there are no rows. */
  empty: React.ReactNode;
  /** Bulk Suspend, for viewers who may suspend: the rows become selectable. */
  suspendAction?: BulkHandlers['suspend'];
}) {
  const selectable = !!suspendAction;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // The page renders this with a key per page: a new page starts with nothing selected.
  const onPage = rows.filter(([id]) => selected.has(id));
  const all = rows.length > 0 && onPage.length === rows.length;
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <div className="space-y-3">
      {selectable ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={all}
              ref={(el) => {
                if (el) el.indeterminate = onPage.length > 0 && !all;
              }}
              onChange={(e) => setSelected(new Set(e.target.checked ? rows.map(([id]) => id) : []))}
            />
            Select all on this page
          </label>
          <span className="text-slate-600" aria-live="polite">
            {onPage.length} selected
          </span>
          <BulkMemberActions
            members={onPage.map(([id, email]) => ({ id, email }))}
            actions={['suspend']}
            handlers={{ suspend: suspendAction }}
            onDone={() => setSelected(new Set())}
          />
        </div>
      ) : null}
      {rows.length === 0 ? (
        empty
      ) : (
        <DataTable
          caption={caption}
          columns={[
            selectable && 'Select',
            'Email',
            'Permission Level',
            'Last active (UTC)',
            'Created At (UTC)',
          ]}
        >
          {rows.map(([id, email, lastActiveIso, roleKey, roleName, createdIso]) => (
            <tr key={id}>
              {selectable ? (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${email}`}
                    checked={selected.has(id)}
                    onChange={(e) => toggle(id, e.target.checked)}
                  />
                </td>
              ) : null}
              <td className="break-all">
                <Link className="text-brand-600 underline" href={`/organisation/users/${id}`}>
                  {email}
                </Link>
              </td>
              <td>
                <RoleBadge role={{ key: roleKey, name: roleName }} />
              </td>
              <td className="whitespace-nowrap">
                {lastActiveIso ? <Timestamp at={lastActiveIso} /> : 'never'}
              </td>
              <td className="whitespace-nowrap">
                <Timestamp at={createdIso} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
