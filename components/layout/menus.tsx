'use client';

import dynamic from 'next/dynamic';
import { MENU_TRIGGER_CLASS, MenuIcon, PROFILE_TRIGGER_CLASS, UserIcon } from './icons';

// The profile menu and the narrow screens' menu are rendered in the browser only: on the
// server the two cost every dashboard page about a third of what the whole sign-in page
// costs (Radix's providers, on every request), for menus that stay closed until someone
// opens them (docs/performance.md, "Pages"). Their script loads right after the page's;
// until then their buttons stand where they will be, disabled.

export const ProfileMenu = dynamic(() => import('./profile-menu').then((m) => m.ProfileMenu), {
  ssr: false,
  loading: () => (
    <button type="button" aria-label="Profile menu" disabled className={PROFILE_TRIGGER_CLASS}>
      <UserIcon />
    </button>
  ),
});

export const MobileMenu = dynamic(() => import('./mobile-menu').then((m) => m.MobileMenu), {
  ssr: false,
  loading: () => (
    <button type="button" aria-label="Open menu" disabled className={MENU_TRIGGER_CLASS}>
      <MenuIcon />
    </button>
  ),
});
