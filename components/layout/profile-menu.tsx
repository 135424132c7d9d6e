'use client';

import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import Link from 'next/link';
import { THEMES } from '@/lib/theme';
import { useOpenInvite } from '@/components/invitations/invite-provider';
import { PROFILE_TRIGGER_CLASS, UserIcon } from './icons';
import { THEME_LABELS, useTheme } from './use-theme';

const itemClass =
  'block w-full cursor-pointer rounded px-3 py-2 text-left text-sm text-slate-800 outline-none data-[highlighted]:bg-slate-100';

/**
 * The user icon at the top right: My Organisation, Invite New User, Account, the theme,
 * the organisation switcher, Sign out.
 */
export function ProfileMenu({
  email,
  organisations,
}: {
  email: string;
  /** The account's other organisations, for the switcher. */
  organisations: { id: string; name: string }[];
}) {
  const openInvite = useOpenInvite();
  const [theme, chooseTheme] = useTheme();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger aria-label="Profile menu" className={PROFILE_TRIGGER_CLASS}>
        <UserIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={8}
          className="z-50 min-w-56 rounded-lg border border-slate-200 bg-surface p-1 shadow-lg"
        >
          <DropdownMenu.Label className="truncate px-3 py-2 text-xs text-slate-500">
            {email}
          </DropdownMenu.Label>
          <DropdownMenu.Item asChild className={itemClass}>
            <Link href="/organisation/users">My Organisation</Link>
          </DropdownMenu.Item>
          {openInvite ? (
            <DropdownMenu.Item className={itemClass} onSelect={openInvite}>
              Invite New User
            </DropdownMenu.Item>
          ) : null}
          <DropdownMenu.Item asChild className={itemClass}>
            <Link href="/account">Account</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Label className="px-3 py-1 text-xs text-slate-500">
            Theme
          </DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={theme} onValueChange={chooseTheme}>
            {THEMES.map((t) => (
              <DropdownMenu.RadioItem
                key={t}
                value={t}
                onSelect={(e) => e.preventDefault()}
                className={`${itemClass} flex items-center justify-between`}
              >
                {THEME_LABELS[t]}
                <DropdownMenu.ItemIndicator aria-hidden>✓</DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          {organisations.length ? (
            <>
              <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
              <DropdownMenu.Label className="px-3 py-1 text-xs text-slate-500">
                Switch organisation
              </DropdownMenu.Label>
              {organisations.map((o) => (
                <DropdownMenu.Item
                  key={o.id}
                  className={itemClass}
                  onSelect={() =>
                    postThenGo('/account/organisation', { organisationId: o.id }, '/organisation')
                  }
                >
                  {o.name}
                </DropdownMenu.Item>
              ))}
            </>
          ) : null}
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item
            className={itemClass}
            onSelect={() => postThenGo('/sign-out', {}, '/sign-in')}
          >
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/**
 * POSTs to one of the routes outside /organisation (every role may use them), then loads
 * the page it leads to. Done with fetch rather than a form inside the menu, which closes
 * (and unmounts) on select.
 */
async function postThenGo(action: string, fields: Record<string, string>, then: string) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  await fetch(action, { method: 'POST', body }).catch(() => undefined);
  window.location.assign(then);
}
