'use client';

import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { FormMessage } from '@/components/ui/form-message';
import { useSafeAction } from '@/components/ui/use-safe-action';
import type { ActionState } from '@/lib/action-state';
import { formatUtc } from '@/lib/format';

type State = ActionState & { token?: string; expiresAt?: string };

/** Get your own bintu token: shown once, with a copy button. */
export function BintuToken({
  action,
}: {
  action: (prev: State, form: FormData) => Promise<State>;
}) {
  const [state, formAction, pending] = useSafeAction(action);
  return (
    <div className="space-y-3">
      {state.ok && state.token ? (
        <CopyField
          label="Bintu token"
          value={state.token}
          note={`Shown only once. Valid until ${formatUtc(state.expiresAt!)}, or until your token is reset, your role changes or you leave the organisation.`}
        />
      ) : null}
      <form action={formAction}>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : state.token ? 'Get another token' : 'Get bintu token'}
        </Button>
      </form>
      <FormMessage error={state.ok === false ? state.error : null} />
    </div>
  );
}
