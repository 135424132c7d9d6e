import 'server-only';
import { revalidatePath } from 'next/cache';
import { getActionActor, getSessionAccount } from '@/lib/auth/actor';
import { SIGNED_OUT, type ActionState } from '@/lib/action-state';
import { ACTION_GATES, can, type ActionName } from '@/lib/rbac';
import type { Actor } from '@/lib/services/actor';

// Every server action is built here, so each one checks the same things in the same
// order (docs/security.md, "Two gates"): the shape of what was posted (anyone can
// post any arguments to an action id, not only our forms), the caller its gate in
// lib/rbac/gates.ts names, then the action's own service, which checks the exact
// permission; pages named in `refresh` are revalidated after a success.

export const BAD_REQUEST: ActionState = {
  ok: false,
  error: 'This request was not understood. Reload the page and try again.',
};
export const FORBIDDEN: ActionState = { ok: false, error: 'Your role does not allow this.' };

/** Paths to revalidate after a success; `[path, 'layout']` for a whole subtree. */
export type Refresh = readonly (string | readonly [string, 'layout' | 'page'])[];

function revalidate(refresh: Refresh | undefined) {
  for (const entry of refresh ?? []) {
    if (typeof entry === 'string') revalidatePath(entry);
    else revalidatePath(entry[0], entry[1]);
  }
}

/**
 * A form action of the dashboard, `(previous state, form data) => state`, for a member
 * with the `dashboard` audience and the gate's permission. The previous state a client
 * sends is never read.
 */
export function memberAction<S extends ActionState = ActionState>(
  name: ActionName,
  run: (actor: Actor, form: FormData) => Promise<S>,
  opts: { refresh?: Refresh } = {},
): (prev: S, form: FormData) => Promise<S> {
  const gate = ACTION_GATES[name];
  return async (_prev: unknown, form: unknown) => {
    if (!(form instanceof FormData)) return BAD_REQUEST as S;
    const actor = await getActionActor();
    if (!actor) return SIGNED_OUT as S;
    if ('permission' in gate && !can(actor, gate.permission)) return FORBIDDEN as S;
    const state = await run(actor, form);
    if (state.ok) revalidate(opts.refresh);
    return state;
  };
}

/** A form action of the signed-in account itself, member of any organisation or none. */
export function accountAction<S extends ActionState = ActionState>(
  run: (account: { id: string; email: string; sessionId: string }, form: FormData) => Promise<S>,
  opts: { refresh?: Refresh } = {},
): (prev: S, form: FormData) => Promise<S> {
  return async (_prev: unknown, form: unknown) => {
    if (!(form instanceof FormData)) return BAD_REQUEST as S;
    const account = await getSessionAccount();
    if (!account) return SIGNED_OUT as S;
    const state = await run(account, form);
    if (state.ok) revalidate(opts.refresh);
    return state;
  };
}

/** A form action open to anyone (sign-in, sign-up): only the shape is checked here. */
export function publicAction<S extends ActionState = ActionState>(
  run: (form: FormData) => Promise<S>,
): (prev: S, form: FormData) => Promise<S> {
  return async (_prev: unknown, form: unknown) => {
    if (!(form instanceof FormData)) return BAD_REQUEST as S;
    return run(form);
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
