'use client';

import Link from 'next/link';

export interface PageLink {
  href: string;
  label: string;
  rel?: 'prev' | 'next';
}

/**
 * A list's page links (keyset pages: first, previous, next, last), with a summary. A
 * client component for its size on the wire: the page sends the links, not their
 * elements (docs/performance.md, "Pages").
 */
export function Pager({
  summary,
  links,
}: {
  summary?: string;
  /** Absent links (no previous page, say) are given as null. */
  links: (PageLink | null)[];
}) {
  const shown = links.filter((l): l is PageLink => l !== null);
  if (!summary && shown.length === 0) return null;
  return (
    <nav
      aria-label="Pagination"
      className={`flex flex-wrap items-center gap-3 text-sm ${summary ? 'justify-between' : 'justify-end'}`}
    >
      {summary ? <p className="text-slate-600">{summary}</p> : null}
      <div className="flex gap-2">
        {shown.map((l) => (
          <Link
            key={l.label}
            className="rounded-md border border-slate-300 bg-surface px-3 py-1.5"
            href={l.href}
            rel={l.rel}
          >
            {l.label}
          </Link>
        ))}
      </div>
    </nav>
  );
}
