'use client';

import dynamic from 'next/dynamic';
import { MENU_TRIGGER_CLASS, MenuIcon, PROFILE_TRIGGER_CLASS, UserIcon } from './icons';

// The profile menu and the narrow screens' menu are rendered in the browser only: on the
// server the two cost every dashboard page about a third of what the whole sign-in page
// costs (Radix's providers, on every request), for menus that stay closed until someone
// opens them (docs/performance.md, "Pages"). Their script loads right after the page's;
// until then their buttons stand where they will be, disabled.

/** A menu's button as the server renders it, before the menu's script has loaded. */
function waiting(label: string, className: string, Icon: () => React.ReactNode) {
  return function MenuLoading() {
    return (
      <button type="button" aria-label={label} disabled className={className}>
        <Icon />
      </button>
    );
  };
}

export const ProfileMenu = dynamic(() => import('./profile-menu').then((m) => m.ProfileMenu), {
  ssr: false,
  loading: waiting('Profile menu', PROFILE_TRIGGER_CLASS, UserIcon),
});

export const MobileMenu = dynamic(() => import('./mobile-menu').then((m) => m.MobileMenu), {
  ssr: false,
  loading: waiting('Open menu', MENU_TRIGGER_CLASS, MenuIcon),
});
