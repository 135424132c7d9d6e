'use client';

import { useState } from 'react';

/** What a row's action button names: the action, the row's id and a label for the dialog. */
export interface RowTarget {
  action: string;
  id: string;
  label: string;
}

/**
 * One dialog of each kind for a whole table instead of one per row, so a page of 100
 * rows renders no per-row script (docs/performance.md, "Pages"). Rows carry plain
 * <RowActionButton>s (row-action-button.tsx); a click on one names its row, and `render`
 * shows that action's dialog for it. Closing the dialog returns focus to the button.
 */
export function RowActions({
  children,
  render,
}: {
  children: React.ReactNode;
  render: (target: RowTarget, close: () => void) => React.ReactNode;
}) {
  const [target, setTarget] = useState<RowTarget | null>(null);
  return (
    // Clicks bubble here from the rows' buttons: those are the keyboard-usable controls.
    <div
      onClick={(e) => {
        const button = (e.target as HTMLElement).closest<HTMLElement>('[data-row-action]');
        if (!button || !e.currentTarget.contains(button)) return;
        const { rowAction, rowId, rowLabel } = button.dataset;
        if (rowAction && rowId) setTarget({ action: rowAction, id: rowId, label: rowLabel ?? '' });
      }}
    >
      {children}
      {target ? render(target, () => setTarget(null)) : null}
    </div>
  );
}
