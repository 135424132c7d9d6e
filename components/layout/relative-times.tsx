'use client';

import { useEffect } from 'react';
import { relativeTime } from '@/lib/format';

/**
 * Gives every <time> the relative time ("3 days ago") as its title when the pointer
 * reaches it: one listener for the page, computed at that moment, instead of a script per
 * table row or a title that would differ between the server and the browser.
 */
export function RelativeTimes() {
  useEffect(() => {
    const onOver = (e: PointerEvent) => {
      const time = (e.target as Element | null)?.closest?.('time[datetime]');
      if (time) time.setAttribute('title', relativeTime(time.getAttribute('datetime')!));
    };
    document.addEventListener('pointerover', onOver);
    return () => document.removeEventListener('pointerover', onOver);
  }, []);
  return null;
}
