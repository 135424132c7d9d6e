'use client';

import { startTransition, useEffect, useRef, type FormEvent } from 'react';
import { useSafeAction } from '@/components/ui/use-safe-action';
import type { ActionState } from '@/lib/action-state';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * A form action that keeps what was typed when the server refuses it (React would reset
 * the form after every action) and clears the form only on success. Without JavaScript
 * the form still posts to the action.
 */
export function useFormAction(action: Action) {
  const [state, formAction, pending] = useSafeAction(action);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };
  return { state, formAction, pending, form, onSubmit };
}
