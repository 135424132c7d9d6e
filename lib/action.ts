import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getActionActor, getSessionAccount } from '@/lib/auth/actor';
import { SIGNED_OUT, type ActionState } from '@/lib/action-state';
import { ACTION_GATES, can, type ActionName } from '@/lib/rbac';
import type { Actor } from '@/lib/services/actor';
import { returnPathSchema } from '@/lib/validation/auth';

// Every server action is built here, with one shape, `(previous state, form data) =>
// state`, so each one checks the same things in the same order (docs/security.md, "Two
// gates"): the shape of what was posted (anyone can post any arguments to an action id,
// not only our forms), the caller its gate in lib/rbac/gates.ts names, then the action's
// own service, which checks the exact permission; pages named in `refresh` are
// revalidated after a success, and a form's `redirectTo` (a path of this site) is where
// the browser goes next. The previous state a client sends is never read.

export const BAD_REQUEST: ActionState = {
  ok: false,
  error: 'This request was not understood. Reload the page and try again.',
};
export const FORBIDDEN: ActionState = { ok: false, error: 'Your role does not allow this.' };

/** Paths to revalidate after a success; `[path, 'layout']` for a whole subtree. */
export type Refresh = readonly (string | readonly [string, 'layout' | 'page'])[];

/** The signed-in account of an `account` action. */
export interface SessionAccount {
  id: string;
  email: string;
  /** Whether the holder proved the address (docs/email.md, "Verified addresses"). */
  emailVerified: boolean;
  sessionId: string;
}

/** Who runs an action, by its gate: a member's actor, an account, or nobody in particular. */
export type CallerOf<N extends ActionName> = (typeof ACTION_GATES)[N]['caller'] extends 'member'
  ? Actor
  : (typeof ACTION_GATES)[N]['caller'] extends 'account'
    ? SessionAccount
    : null;

/** A server action as a form calls it (React's useActionState). */
export type FormAction<S extends ActionState = ActionState> = (
  prev: S,
  form: FormData,
) => Promise<S>;

function revalidate(refresh: Refresh | undefined) {
  for (const entry of refresh ?? []) {
    if (typeof entry === 'string') revalidatePath(entry);
    else revalidatePath(entry[0], entry[1]);
  }
}

type Resolved = { caller: Actor | SessionAccount | null } | { refused: ActionState };

async function callerFor(name: ActionName): Promise<Resolved> {
  const gate: (typeof ACTION_GATES)[ActionName] = ACTION_GATES[name];
  if (gate.caller === 'anyone') return { caller: null };
  if (gate.caller === 'account') {
    const account = await getSessionAccount();
    return account ? { caller: account } : { refused: SIGNED_OUT };
  }
  // A member acting in the dashboard: the `dashboard` audience and the gate's permission.
  const actor = await getActionActor();
  if (!actor) return { refused: SIGNED_OUT };
  if ('permission' in gate && !can(actor, gate.permission)) return { refused: FORBIDDEN };
  return { caller: actor };
}

/** The server action `name`, for the caller its gate names. */
export function action<N extends ActionName, S extends ActionState = ActionState>(
  name: N,
  run: (caller: CallerOf<N>, form: FormData) => Promise<S>,
  opts: { refresh?: Refresh } = {},
): FormAction<S> {
  return async (_prev: unknown, form: unknown) => {
    if (!(form instanceof FormData)) return BAD_REQUEST as S;
    const resolved = await callerFor(name);
    if ('refused' in resolved) return resolved.refused as S;
    const state = await run(resolved.caller as CallerOf<N>, form);
    if (state.ok) {
      revalidate(opts.refresh);
      // A dialog on the page of what it deletes goes on to the list: the server answers
      // with the list rather than re-rendering a page whose subject is gone (a 404).
      const next = field(form, 'redirectTo');
      if (next !== undefined) redirect(returnPathSchema.parse(next));
    }
    return state;
  };
}

/** A string field of a form, or undefined when absent or a file. */
export function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** Every string value of a repeated field (checkboxes); files are dropped. */
export function fields(form: FormData, name: string): string[] {
  return form.getAll(name).filter((v): v is string => typeof v === 'string');
}
