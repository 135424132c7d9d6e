'use client';

import { useRouter } from 'next/navigation';

/**
 * A table row that opens `href` when clicked anywhere but its own buttons and links.
 * Keyboard users reach the same page through the email link in the row.
 */
export function ClickableRow({ href, children }: { href: string; children: React.ReactNode }) {
  const router = useRouter();
  return (
    <tr
      className="cursor-pointer hover:bg-slate-50"
      onClick={(e) => {
        const el = e.target as HTMLElement;
        // Clicks inside dialogs (portals) bubble through React but are not in the row.
        if (!e.currentTarget.contains(el) || el.closest('a,button,input,select')) return;
        router.push(href);
      }}
    >
      {children}
    </tr>
  );
}
