'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useTransition } from 'react';
import { Button } from './button';

/**
 * A Refresh button for a page whose data changes on its own (a delivery log), which also
 * refreshes the page every few seconds while `active` (something is still under way).
 */
export function LiveRefresh({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => startTransition(() => router.refresh()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={() => startTransition(() => router.refresh())}
      aria-busy={pending}
    >
      Refresh
    </Button>
  );
}
