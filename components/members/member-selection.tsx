'use client';

import { useEffect, useRef, useState } from 'react';
import type { RoleChoice } from '@/lib/roles-view';
import type { BulkMemberAction } from '@/lib/validation/members';
import {
  BulkMemberActions,
  type BulkHandlers,
  type BulkMember,
  type MatchingMembers,
} from './bulk-member-actions';

/**
 * The user list's selection: rows carry plain checkboxes (`data-select-member`, see
 * member-rows.tsx) read here by delegation, so a page of 100 rows renders no per-row
 * component. Above the table: select the page, or every member matching the filter, and
 * the bulk actions for the selection.
 */
export function MemberSelection({
  actions,
  handlers,
  roles,
  matching,
  pageSize,
  children,
}: {
  actions: BulkMemberAction[];
  handlers: BulkHandlers;
  roles: RoleChoice[];
  /** Every member matching the list's filter, offered once the whole page is selected. */
  matching: MatchingMembers;
  /** Rows on this page that can be selected. */
  pageSize: number;
  children: React.ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<BulkMember[]>([]);
  const [allMatching, setAllMatching] = useState(false);
  const boxes = () => [
    ...(box.current?.querySelectorAll<HTMLInputElement>('input[data-select-member]') ?? []),
  ];
  // A checkbox's member is its row's: the id and the email (the row's label) sit on the
  // <tr> (markup-rows.tsx, member-rows.tsx).
  const memberOf = (b: HTMLInputElement) => {
    const row = b.closest<HTMLElement>('tr');
    return { id: row?.dataset.rowId ?? '', email: row?.dataset.rowLabel ?? '' };
  };
  const read = () => {
    setSelected(
      boxes()
        .filter((b) => b.checked)
        .map(memberOf),
    );
    setAllMatching(false);
  };
  const setAll = (checked: boolean) => {
    for (const b of boxes()) b.checked = checked;
    read();
  };
  // A row rendered anew (a refresh after its Token Key or status changed) comes with its
  // checkbox clear: the selection puts its check back.
  useEffect(() => {
    const ids = new Set(selected.map((m) => m.id));
    for (const b of boxes()) if (ids.has(memberOf(b).id)) b.checked = true;
  });
  // The rows' checkboxes are markup, not React's (markup-rows.tsx): React reports no
  // change of theirs, so the browser's own event is listened to.
  useEffect(() => {
    const el = box.current;
    const onChange = (e: Event) => {
      if ((e.target as Element).matches('input[data-select-member]')) read();
    };
    el?.addEventListener('change', onChange);
    return () => el?.removeEventListener('change', onChange);
  });
  const wholePage = pageSize > 0 && selected.length === pageSize;
  return (
    <div className="space-y-2">
      <div
        role="toolbar"
        aria-label="Bulk actions"
        className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-surface px-3 py-2 text-sm"
      >
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={wholePage}
            disabled={pageSize === 0}
            onChange={(e) => setAll(e.target.checked)}
          />
          Select all on this page
        </label>
        <span aria-live="polite" className="text-slate-600">
          {allMatching
            ? `All ${matching.total.toLocaleString('en')}${matching.capped ? '+' : ''} matching selected`
            : `${selected.length} selected`}
        </span>
        {wholePage && !allMatching && matching.total > pageSize ? (
          <button
            type="button"
            className="text-brand-700 underline"
            onClick={() => setAllMatching(true)}
          >
            Select all {matching.total.toLocaleString('en')}
            {matching.capped ? '+' : ''} members matching this filter
          </button>
        ) : null}
        {selected.length ? (
          <button type="button" className="text-brand-700 underline" onClick={() => setAll(false)}>
            Clear selection
          </button>
        ) : null}
        <span className="flex flex-wrap gap-2 sm:ml-auto">
          <BulkMemberActions
            members={selected}
            matching={allMatching ? matching : null}
            actions={actions}
            handlers={handlers}
            roles={roles}
            onDone={() => setAll(false)}
          />
        </span>
      </div>
      <div ref={box}>{children}</div>
    </div>
  );
}
