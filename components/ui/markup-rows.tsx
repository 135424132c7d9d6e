import type { Html } from '@/lib/html';

/** A row: its key (the record's id), the label its dialogs name it by (if any), its cells. */
export type MarkupRow = readonly [id: string, label: string | undefined, cells: Html];

/**
 * A table's rows as markup: one keyed `<tr>` per row, its cells built with `html`
 * (lib/html.ts) by the table's rows component from the compact arrays the page sends.
 * A cell as a string costs a fraction of the same cell as React elements, which the
 * server renders once for the page and once more into HTML, and every byte of a row is
 * paid for again on its way out: rows carry their id and label once, on the `<tr>`, for
 * their buttons and checkbox (docs/performance.md, "Pages"). Rows keep their place
 * between renders by key, so a refresh leaves unchanged rows, their checkboxes and focus
 * alone. The cells hold no script: links and buttons work through the table's delegation
 * (row-links.tsx, row-actions.tsx).
 */
export function MarkupRows({ rows }: { rows: MarkupRow[] }) {
  return rows.map(([id, label, cells]) => (
    <tr
      key={id}
      data-row-id={id}
      data-row-label={label}
      dangerouslySetInnerHTML={{ __html: cells.markup }}
    />
  ));
}
