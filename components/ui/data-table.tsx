'use client';

import { RowLinks } from './row-links';

export interface Column {
  label: string;
  align?: 'right';
}

/**
 * The product's tables: a scrolling frame, a caption that names the table for assistive
 * technology (and for tests), column headers, and the rows given as children. Cells get
 * their padding from `.data-table` (app/globals.css); a row holding a `.row-link` (a plain
 * <a>, see row-links.tsx) opens that link when clicked anywhere. A client component for
 * its size on the wire: a page sends the caption and column names, not the table's frame
 * and header elements (docs/performance.md, "Pages").
 */
export function DataTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  /** `false` or `null` entries are left out (columns the viewer may not use). */
  columns: (Column | string | false | null)[];
  children: React.ReactNode;
}) {
  const cols = columns
    .filter((c): c is Column | string => !!c)
    .map((c) => (typeof c === 'string' ? { label: c } : c));
  return (
    <RowLinks>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-surface">
        <table className="data-table min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              {cols.map((c) => (
                <th
                  key={c.label}
                  scope="col"
                  className={`px-4 py-3 ${c.align === 'right' ? 'text-right' : ''}`}
                >
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">{children}</tbody>
        </table>
      </div>
    </RowLinks>
  );
}
