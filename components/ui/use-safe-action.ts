'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/action-state';

export const REFUSED =
  'The server refused this request. Your role may have changed: reload the page to see what you can do now.';

/**
 * useActionState around a server action, turning a refused or failed request (the
 * middleware's 403, a network error) into a message in place instead of an error page.
 */
export function useSafeAction<S extends ActionState>(
  action: (prev: S, form: FormData) => Promise<S>,
) {
  return useActionState<S, FormData>(async (prev, form) => {
    try {
      return await action(prev, form);
    } catch (err) {
      // Navigation signals (redirect) must pass through.
      if (
        err &&
        typeof err === 'object' &&
        'digest' in err &&
        String(err.digest).startsWith('NEXT_')
      )
        throw err;
      return { ok: false, error: REFUSED } as S;
    }
  }, {} as Awaited<S>);
}
