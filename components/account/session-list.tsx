'use client';

import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { useSafeAction } from '@/components/ui/use-safe-action';
import type { ActionState } from '@/lib/action-state';

export interface SessionRow {
  id: string;
  current: boolean;
  device: string;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
}

/** The account's active sessions, each with a button that ends it. */
export function SessionList({
  sessions,
  action,
}: {
  sessions: SessionRow[];
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useSafeAction(action);
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label="Active sessions">
          <thead className="text-xs text-slate-600 uppercase">
            <tr>
              <th className="py-2 pr-3">Device</th>
              <th className="py-2 pr-3">Address</th>
              <th className="py-2 pr-3">Signed in (UTC)</th>
              <th className="py-2 pr-3">Last seen (UTC)</th>
              <th className="py-2">
                <span className="sr-only">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((s) => (
              <tr key={s.id}>
                <td className="py-2 pr-3">
                  {s.device}
                  {s.current ? (
                    <span className="ml-2 text-xs text-emerald-700">This session</span>
                  ) : null}
                </td>
                <td className="py-2 pr-3 font-mono text-xs">{s.ip ?? 'unknown'}</td>
                <td className="py-2 pr-3">{s.createdAt}</td>
                <td className="py-2 pr-3">{s.lastSeenAt}</td>
                <td className="py-2 text-right">
                  <form action={formAction}>
                    <input type="hidden" name="sessionId" value={s.id} />
                    <Button
                      type="submit"
                      variant="secondary"
                      size="sm"
                      disabled={pending}
                      aria-label={`Revoke session: ${s.device}, ${s.ip ?? 'unknown address'}, signed in ${s.createdAt}`}
                    >
                      Revoke
                    </Button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormMessage
        error={state.ok === false ? state.error : null}
        success={state.ok ? state.message : null}
      />
    </div>
  );
}
