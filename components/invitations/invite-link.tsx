'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatUtc } from '@/lib/format';

/** The one-time display of an invite link, with a copy button. */
export function InviteLink({ link, expiresAt }: { link: string; expiresAt?: string }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3">
      <label htmlFor={id} className="block text-sm font-medium text-emerald-900">
        Invite link
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-xs"
        />
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(link).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className="text-xs text-emerald-900" aria-live="polite">
        {copied ? 'Copied to the clipboard. ' : ''}This link is shown only once
        {expiresAt ? ` and works until ${formatUtc(expiresAt)}` : ''}. Anyone with it can join with
        this role.
      </p>
    </div>
  );
}
