'use client';

import Link from 'next/link';
import { MobileMenu, ProfileMenu } from './menus';
import type { NavLink } from './nav-links';

/**
 * The dashboard's top bar. A client component for its size on the wire, not for any
 * state: the server sends these few props rather than the bar's elements, and the bar is
 * rendered once, into the page's HTML (docs/performance.md, "Pages"). The layout decides
 * which links the viewer sees.
 */
export function TopBar({
  organisationName,
  email,
  links,
  organisations,
}: {
  organisationName: string;
  email: string;
  links: NavLink[];
  /** The viewer's other organisations, for the profile menu's switcher. */
  organisations: { id: string; name: string }[];
}) {
  return (
    <header className="border-b border-slate-200 bg-surface">
      {/* One form for every "Sign out" button: a POST outside /organisation. */}
      <form id="sign-out-form" action="/sign-out" method="post" hidden />
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4">
        <Link href="/organisation" className="font-semibold text-slate-900">
          <span className="text-brand-600">▶</span> {organisationName}
        </Link>
        <nav aria-label="Main" className="hidden gap-4 md:flex">
          {links.map((l) => (
            <Link
              key={l.href}
              href={l.href}
              className="text-sm text-slate-600 hover:text-slate-900"
            >
              {l.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <div className="hidden md:block">
            <ProfileMenu email={email} organisations={organisations} />
          </div>
          <MobileMenu links={links} email={email} />
        </div>
      </div>
    </header>
  );
}
