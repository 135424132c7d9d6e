'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface Tab {
  href: string;
  label: string;
}

export function OrganisationTabs({ tabs }: { tabs: Tab[] }) {
  const pathname = usePathname();
  const active = (href: string) =>
    href === '/organisation'
      ? pathname === href
      : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav
      aria-label="Organisation"
      className="-mb-px flex gap-1 overflow-x-auto border-b border-slate-200"
    >
      {tabs.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={active(t.href) ? 'page' : undefined}
          className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
            active(t.href)
              ? 'border-brand-600 text-brand-700'
              : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
          }`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
