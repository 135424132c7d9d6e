'use client';

import { useRef, useState } from 'react';

/** What a row's action button names: the action, the row's id and a label for the dialog. */
export interface RowTarget {
  action: string;
  id: string;
  label: string;
}

/**
 * One dialog of each kind for a whole table instead of one per row, so a page of 100
 * rows renders no per-row script (docs/performance.md, "Pages"). Rows carry plain buttons
 * (row-action-button.tsx); a click on one names its row, and `render` shows that action's
 * dialog for it. Closing the dialog returns focus to the button, as
 * the table holds it then: the row may have been rendered anew while the dialog was open
 * (a reset changes its Token Key), and the button the dialog remembers with it.
 */
export function RowActions({
  children,
  render,
}: {
  children: React.ReactNode;
  render: (target: RowTarget, close: () => void) => React.ReactNode;
}) {
  const [target, setTarget] = useState<RowTarget | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const close = ({ action, id }: RowTarget) => {
    setTarget(null);
    // Runs before the dialog's own return of focus, which then finds its button gone (and
    // does nothing) or in place (and focuses it again).
    setTimeout(() => {
      if (document.activeElement && document.activeElement !== document.body) return;
      box.current
        ?.querySelector<HTMLElement>(
          `[data-row-id="${CSS.escape(id)}"] [data-row-action="${CSS.escape(action)}"]`,
        )
        ?.focus();
    });
  };
  return (
    // Clicks bubble here from the rows' buttons: those are the keyboard-usable controls.
    <div
      ref={box}
      onClick={(e) => {
        const button = (e.target as HTMLElement).closest<HTMLElement>('[data-row-action]');
        if (!button || !e.currentTarget.contains(button)) return;
        // The row's id and label are on its <tr> (markup-rows.tsx); a button may name its
        // own label.
        const row = button.closest<HTMLElement>('[data-row-id]');
        const action = button.dataset.rowAction;
        const id = row?.dataset.rowId;
        const label = button.dataset.rowLabel ?? row?.dataset.rowLabel ?? '';
        if (action && id) setTarget({ action, id, label });
      }}
    >
      {children}
      {target ? render(target, () => close(target)) : null}
    </div>
  );
}
