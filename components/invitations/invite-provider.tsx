'use client';

import dynamic from 'next/dynamic';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import type { InviteActions } from './invite-dialog';

// Invite New User opens in place from every entry point: the button on the user list, the
// profile menu and the small screens' menu, on every dashboard page (docs/product.md,
// "Invitations"). The dialog's script loads the first time it opens.

const InviteDialog = dynamic(() => import('./invite-dialog').then((m) => m.InviteDialog), {
  ssr: false,
});

const OpenInvite = createContext<(() => void) | null>(null);

/** Opens Invite New User, or null when the viewer may not invite. */
export function useOpenInvite() {
  return useContext(OpenInvite);
}

export function InviteProvider({
  actions,
  children,
}: {
  /** Absent when the viewer may not invite. */
  actions: InviteActions | null;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  // Focus goes back to what opened the dialog: the button, or the trigger of the menu
  // whose item did (the item itself is gone by then).
  const opener = useRef<HTMLElement | null>(null);
  const openInvite = () => {
    opener.current =
      document.querySelector<HTMLElement>('[aria-haspopup][aria-expanded="true"]') ??
      (document.activeElement as HTMLElement | null);
    setUsed(true);
    setOpen(true);
  };
  const returnFocus = (event: Event) => {
    if (!opener.current?.isConnected) return;
    event.preventDefault();
    opener.current.focus();
  };
  return (
    <OpenInvite value={actions ? openInvite : null}>
      {children}
      {actions && used ? (
        <InviteDialog
          open={open}
          onOpenChange={setOpen}
          onCloseAutoFocus={returnFocus}
          actions={actions}
        />
      ) : null}
    </OpenInvite>
  );
}

/** The user list's Invite New User button. */
export function InviteButton() {
  const openInvite = useOpenInvite();
  if (!openInvite) return null;
  return (
    <button type="button" className={buttonClass('primary')} onClick={openInvite}>
      Invite New User
    </button>
  );
}

/** Opens the dialog once the page has loaded (a link to `/organisation/users?invite=1`). */
export function OpenInviteOnLoad() {
  const openInvite = useOpenInvite();
  useEffect(() => {
    openInvite?.();
    // Once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}
