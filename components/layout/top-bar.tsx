import Link from 'next/link';
import { can, type Permission } from '@/lib/rbac';
import type { Actor } from '@/lib/services/actor';
import { MobileMenu, ProfileMenu } from './menus';
import type { NavLink } from './nav-links';

const NAV: (NavLink & { permission?: Permission })[] = [
  { href: '/organisation', label: 'Organisation' },
  { href: '/streams', label: 'Streams', permission: 'streams:read' },
];

export function TopBar({ actor }: { actor: Actor }) {
  const others = actor.otherOrganisations ?? [];
  const links = NAV.filter((l) => !l.permission || can(actor, l.permission)).map(
    ({ href, label }) => ({
      href,
      label,
    }),
  );
  return (
    <header className="border-b border-slate-200 bg-surface">
      {/* One form for every "Sign out" button: a POST outside /organisation. */}
      <form id="sign-out-form" action="/sign-out" method="post" hidden />
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4">
        <Link href="/organisation" className="font-semibold text-slate-900">
          <span className="text-brand-600">▶</span> {actor.organisationName}
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
            <ProfileMenu
              email={actor.label}
              organisations={others.map(({ id, name }) => ({ id, name }))}
            />
          </div>
          <MobileMenu links={links} email={actor.label} />
        </div>
      </div>
    </header>
  );
}
