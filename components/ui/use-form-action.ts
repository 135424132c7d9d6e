'use client';

import { startTransition, useEffect, useRef, type FormEvent } from 'react';
import type { ActionState } from '@/lib/action-state';
import { useSafeAction } from './use-safe-action';

/**
 * A submit handler that keeps what was typed when the server refuses the form: React
 * resets a form after its action, so the form data is sent from here instead. Without
 * JavaScript the form still posts to its action.
 */
export function keepingInput(formAction: (data: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };
}

/** A form's server action that keeps the input on refusal and clears it on success. */
export function useFormAction<S extends ActionState>(
  action: (prev: S, form: FormData) => Promise<S>,
) {
  const [state, formAction, pending] = useSafeAction(action);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);

  return { state, formAction, pending, form, onSubmit: keepingInput(formAction) };
}
