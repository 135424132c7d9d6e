'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useOpenInvite } from '@/components/invitations/invite-provider';
import { Modal } from '@/components/ui/dialog';
import { MENU_TRIGGER_CLASS, MenuIcon } from './icons';
import type { NavLink } from './nav-links';
import { THEMES } from '@/lib/theme';
import { THEME_LABELS, useTheme } from './use-theme';

/** The menu of narrow screens; its Account section leads to the organisation's users. */
export function MobileMenu({ links, email }: { links: NavLink[]; email: string }) {
  const [open, setOpen] = useState(false);
  const openInvite = useOpenInvite();
  const [theme, chooseTheme] = useTheme();
  const close = () => setOpen(false);
  const linkClass = 'block rounded px-3 py-2 text-base text-slate-800 hover:bg-slate-100';
  return (
    <Modal
      size="sheet"
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" aria-label="Open menu" className={MENU_TRIGGER_CLASS}>
          <MenuIcon />
        </button>
      }
      title="Menu"
      description="Navigation and account"
      hideDescription
    >
      <nav aria-label="Main">
        {links.map((l) => (
          <Link key={l.href} href={l.href} className={linkClass} onClick={close}>
            {l.label}
          </Link>
        ))}
      </nav>
      <section
        aria-labelledby="mobile-account-heading"
        className="mt-6 border-t border-slate-200 pt-4"
      >
        <h2
          id="mobile-account-heading"
          className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-500"
        >
          Account
        </h2>
        <p className="truncate px-3 py-1 text-sm text-slate-500">{email}</p>
        <Link href="/organisation/users" className={linkClass} onClick={close}>
          My Organisation
        </Link>
        {openInvite ? (
          <button
            type="button"
            className={`${linkClass} w-full text-left`}
            onClick={() => {
              close();
              openInvite();
            }}
          >
            Invite New User
          </button>
        ) : null}
        <Link href="/account" className={linkClass} onClick={close}>
          Account
        </Link>
        <fieldset className="px-3 py-2">
          <legend className="text-sm text-slate-500">Theme</legend>
          <div className="mt-1 flex gap-4">
            {THEMES.map((t) => (
              <label key={t} className="flex items-center gap-1.5 text-base text-slate-800">
                <input
                  type="radio"
                  name="theme"
                  value={t}
                  checked={theme === t}
                  onChange={(e) => chooseTheme(e.target.value)}
                />
                {THEME_LABELS[t]}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" form="sign-out-form" className={`${linkClass} w-full text-left`}>
          Sign out
        </button>
      </section>
    </Modal>
  );
}
