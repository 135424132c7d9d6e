'use client';

import { useRouter } from 'next/navigation';

/**
 * Client-side navigation for a table's row links without a <Link> per row: rows carry
 * plain `<a className="row-link">`s, which work without script, and a plain click on one
 * is handed to the router here, so a page of 100 rows renders no per-row component
 * (docs/performance.md, "Pages"). Clicks with a modifier key or another button, and links
 * to another window, stay the browser's.
 */
export function RowLinks({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  return (
    <div
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0) return;
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a.row-link');
        if (!link || !e.currentTarget.contains(link) || link.target) return;
        const url = new URL(link.href);
        if (url.origin !== window.location.origin) return;
        e.preventDefault();
        router.push(url.pathname + url.search + url.hash);
      }}
    >
      {children}
    </div>
  );
}
