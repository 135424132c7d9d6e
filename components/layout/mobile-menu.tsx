'use client';

import * as Dialog from '@radix-ui/react-dialog';
import Link from 'next/link';
import { useState } from 'react';
import { MENU_TRIGGER_CLASS, MenuIcon } from './icons';
import type { NavLink } from './nav-links';

/** The menu of narrow screens; its Account section leads to the organisation's users. */
export function MobileMenu({
  links,
  email,
  canInvite,
}: {
  links: NavLink[];
  email: string;
  canInvite: boolean;
}) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  const linkClass = 'block rounded px-3 py-2 text-base text-slate-800 hover:bg-slate-100';
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger aria-label="Open menu" className={MENU_TRIGGER_CLASS}>
        <MenuIcon />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed inset-y-0 right-0 z-50 w-72 max-w-full overflow-y-auto bg-white p-4 shadow-xl">
          <div className="mb-4 flex items-center justify-between">
            <Dialog.Title className="text-lg font-semibold">Menu</Dialog.Title>
            <Dialog.Close
              aria-label="Close menu"
              className="rounded p-1 text-slate-600 hover:bg-slate-100"
            >
              ✕
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">Navigation and account</Dialog.Description>
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
            {canInvite ? (
              <Link href="/organisation/users?invite=1" className={linkClass} onClick={close}>
                Invite New User
              </Link>
            ) : null}
            <Link href="/account" className={linkClass} onClick={close}>
              Account
            </Link>
            <button type="submit" form="sign-out-form" className={`${linkClass} w-full text-left`}>
              Sign out
            </button>
          </section>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
