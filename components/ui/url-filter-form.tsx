'use client';

import { useRouter } from 'next/navigation';
import { navigationStarted } from '@/components/layout/pending-page';

/**
 * Filters as a plain GET form: everything lands in the URL, so a view can be shared and
 * the back button works. With JavaScript, empty fields stay out of the URL and a changed
 * select applies at once.
 */
export function UrlFilterForm({
  path,
  label,
  children,
}: {
  path: string;
  label: string;
  children: React.ReactNode;
}) {
  const router = useRouter();
  return (
    <form
      role="search"
      aria-label={label}
      action={path}
      method="get"
      onSubmit={(e) => {
        e.preventDefault();
        const params = new URLSearchParams();
        for (const [k, v] of new FormData(e.currentTarget))
          if (typeof v === 'string' && v.trim()) params.set(k, v.trim());
        const qs = params.toString();
        const href = qs ? `${path}?${qs}` : path;
        navigationStarted(href);
        router.push(href);
      }}
      onChange={(e) => {
        if ((e.target as HTMLElement).tagName === 'SELECT') e.currentTarget.requestSubmit();
      }}
      className="flex flex-wrap items-end gap-3"
    >
      {children}
    </form>
  );
}
