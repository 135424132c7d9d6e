import type { BulkAnswer } from '@/lib/services/bulk-members';

/** What a server action returns to its form: safe fields only. */
export interface ActionState {
  ok?: boolean;
  error?: string;
  fieldErrors?: Record<string, string>;
  message?: string;
}

/** A bulk action's answer (lib/services/bulk-members.ts): per member, and where to go on. */
export interface BulkActionState extends ActionState {
  answer?: Omit<BulkAnswer, 'action'>;
}

/** The outcome of a service call, as a form shows it. */
export function toActionState(
  result: { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string> },
  message?: string,
): ActionState {
  return result.ok
    ? { ok: true, message }
    : { ok: false, error: result.error, fieldErrors: result.fieldErrors };
}

/** What every action returns when the session ended between page and click. */
export const SIGNED_OUT: ActionState = {
  ok: false,
  error: 'Your session has ended. Sign in again.',
};
