'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { RoleSelect } from '@/components/roles/role-select';
import { announce } from '@/components/ui/announcer';
import { buttonClass } from '@/components/ui/button';
import { Modal, ModalClose } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import type { BulkActionState } from '@/lib/action-state';
import type { RoleChoice } from '@/lib/roles-view';
import type { BulkMemberAction, MemberStatus } from '@/lib/validation/members';

// Bulk actions (docs/product.md, "Bulk actions"): the selected members, or every member
// matching the list's filter, one change behind one confirm dialog. The dialog calls the
// action again with the answer's `next` until every member has been seen, shows how far
// it has got, and ends with what changed and what was refused, and why.

/** The server action of each bulk change (app/(dashboard)/organisation/users/actions.ts). */
export type BulkHandlers = Partial<
  Record<BulkMemberAction, (prev: BulkActionState, form: FormData) => Promise<BulkActionState>>
>;

export interface BulkMember {
  id: string;
  email: string;
}

/** Every member matching the list's filter and search. */
export interface MatchingMembers {
  total: number;
  /** True when `total` is a search's cap and more match. */
  capped: boolean;
  filter: { q?: string; role?: string; status?: MemberStatus };
}

const LABELS: Record<BulkMemberAction, string> = {
  change_role: 'Update Permission',
  suspend: 'Suspend',
  reactivate: 'Reactivate',
  reset_token: 'Reset User Token',
  remove: 'Delete User',
};

const PLAYBACK_NOTE = 'Playback tokens they issued stay valid until they expire.';

function whatChanges(action: BulkMemberAction): string {
  switch (action) {
    case 'change_role':
      return 'Each gets the role below on their next request, and a new Token Key: their bintu tokens stop working.';
    case 'suspend':
      return 'Each keeps their role and history but loses access on their next request: the dashboard, the REST API and new playback tokens, until reactivated.';
    case 'reactivate':
      return 'Each suspended member gets their access back at once, with the role they kept.';
    case 'reset_token':
      return 'Each gets a new Token Key: all of their bintu tokens stop working at once.';
    case 'remove':
      return 'Each is removed from this organisation and loses access on their next request; their accounts stay. Their bintu tokens stop working.';
  }
}

const count = (n: number, capped = false) =>
  `${n.toLocaleString('en')}${capped ? '+' : ''} member${n === 1 && !capped ? '' : 's'}`;

type Phase =
  | { at: 'confirm'; error?: string; fieldErrors?: Record<string, string> }
  | { at: 'running'; done: number }
  | { at: 'done'; error?: string };

interface Tally {
  succeeded: number;
  refused: number;
  /** The refused rows, and the first changed ones, to show. */
  refusedRows: { id: string; email: string | null; reason: string }[];
  changedRows: string[];
}

const SHOWN = 100;

/**
 * The bulk action buttons for a selection, each opening the confirm dialog. `matching`,
 * when given and chosen, stands for every member matching the list's filter instead.
 */
export function BulkMemberActions({
  members,
  matching,
  actions,
  handlers,
  roles = [],
  onDone,
}: {
  members: BulkMember[];
  matching?: MatchingMembers | null;
  actions: BulkMemberAction[];
  handlers: BulkHandlers;
  /** The roles to choose from for Update Permission. */
  roles?: RoleChoice[];
  onDone?: () => void;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<BulkMemberAction | null>(null);
  const [phase, setPhase] = useState<Phase>({ at: 'confirm' });
  const [roleId, setRoleId] = useState('');
  const [tally, setTally] = useState<Tally | null>(null);
  const stopped = useRef(false);
  // The button that opened the dialog gets the focus back when it closes.
  const opener = useRef<HTMLButtonElement | null>(null);
  const size = matching ? matching.total : members.length;
  const who = matching
    ? `all ${count(matching.total, matching.capped)} matching this filter`
    : count(members.length);
  const nothing = !matching && members.length === 0;

  async function run(action: BulkMemberAction, form: FormData) {
    const handler = handlers[action]!;
    const total: Tally = { succeeded: 0, refused: 0, refusedRows: [], changedRows: [] };
    stopped.current = false;
    setPhase({ at: 'running', done: 0 });
    let after: string | null = null;
    do {
      const body = new FormData();
      for (const [k, v] of form) body.append(k, v);
      if (matching) {
        body.set('scope', 'filter');
        for (const [k, v] of Object.entries(matching.filter)) if (v) body.set(k, v);
        if (after) body.set('after', after);
      } else {
        body.set('scope', 'members');
        for (const m of members) body.append('members', m.id);
      }
      let state: BulkActionState;
      try {
        state = await handler({}, body);
      } catch {
        state = { ok: false, error: 'The server could not be reached. Try again.' };
      }
      if (!state.ok || !state.answer) {
        // Refused before any member: the whole request (permission, input) or the network.
        if (total.succeeded + total.refused === 0) {
          setPhase({ at: 'confirm', error: state.error, fieldErrors: state.fieldErrors });
          return;
        }
        setTally({ ...total });
        setPhase({ at: 'done', error: state.error ?? 'The server stopped answering.' });
        return;
      }
      const { answer } = state;
      total.succeeded += answer.succeeded;
      total.refused += answer.refused;
      for (const row of answer.results) {
        if (!row.ok) total.refusedRows.push({ id: row.id, email: row.email, reason: row.reason });
        else if (total.changedRows.length < SHOWN) total.changedRows.push(row.email);
      }
      setPhase({ at: 'running', done: total.succeeded + total.refused });
      after = answer.next;
    } while (after && !stopped.current);
    setTally(total);
    setPhase({
      at: 'done',
      error: after ? 'Stopped: the members not yet reached are unchanged.' : undefined,
    });
    announce(`${count(total.succeeded)} changed, ${total.refused.toLocaleString('en')} refused.`);
  }

  function close() {
    if (phase.at === 'running') return;
    const wasDone = phase.at === 'done';
    setOpen(null);
    setPhase({ at: 'confirm' });
    setTally(null);
    if (wasDone) {
      onDone?.();
      router.refresh();
    }
  }

  const action = open;
  return (
    <>
      {actions.map((a) => (
        <button
          key={a}
          type="button"
          disabled={nothing}
          onClick={(e) => {
            opener.current = e.currentTarget;
            setRoleId(roles.find((r) => r.assignable)?.id ?? '');
            setPhase({ at: 'confirm' });
            setOpen(a);
          }}
          className={buttonClass(
            a === 'remove' || a === 'suspend' ? 'danger-outline' : 'secondary',
            'sm',
          )}
        >
          {actions.length === 1 && a === 'suspend' ? 'Suspend selected' : LABELS[a]}
        </button>
      ))}
      {action ? (
        <Modal
          alert
          size="md"
          open
          onOpenChange={(next) => next || close()}
          onCloseAutoFocus={(event) => {
            if (!opener.current?.isConnected) return;
            event.preventDefault();
            opener.current.focus();
          }}
          title={`${LABELS[action]}: ${who}`}
          description={
            <>
              <p>{whatChanges(action)}</p>
              {action !== 'reactivate' ? <p className="font-medium">{PLAYBACK_NOTE}</p> : null}
              <p>
                Each member is checked as if changed alone: members above your role, yourself where
                it does not apply, and the last active admin are refused, with the reason.
              </p>
            </>
          }
        >
          {phase.at === 'confirm' ? (
            <form
              className="mt-4 space-y-4"
              onSubmit={(e) => {
                e.preventDefault();
                void run(action, new FormData(e.currentTarget));
              }}
            >
              {!matching && members.length <= 10 ? (
                <ul className="list-inside list-disc text-sm text-slate-700">
                  {members.map((m) => (
                    <li key={m.id}>{m.email}</li>
                  ))}
                </ul>
              ) : null}
              {action === 'change_role' ? (
                <RoleSelect
                  roles={roles}
                  value={roleId}
                  onChange={setRoleId}
                  error={phase.fieldErrors?.roleId}
                />
              ) : null}
              {action === 'suspend' ? (
                <Field
                  label="Reason (optional)"
                  name="reason"
                  maxLength={500}
                  hint="For the admins and the audit log."
                  error={phase.fieldErrors?.reason}
                />
              ) : null}
              {phase.error ? (
                <p role="alert" className="text-sm text-red-700">
                  {phase.error}
                </p>
              ) : null}
              <div className="flex justify-end gap-2">
                <ModalClose className={buttonClass('secondary')}>Cancel</ModalClose>
                <button
                  type="submit"
                  className={buttonClass(
                    action === 'remove' || action === 'suspend' ? 'danger' : 'primary',
                  )}
                >
                  {LABELS[action]} {count(size, !!matching?.capped)}
                </button>
              </div>
            </form>
          ) : phase.at === 'running' ? (
            <div className="mt-4 space-y-3" role="status">
              <p className="text-sm">
                Working… {phase.done.toLocaleString('en')} of {count(size, !!matching?.capped)}
              </p>
              <progress
                className="w-full"
                max={Math.max(size, phase.done, 1)}
                value={phase.done}
                aria-label="Members done"
              />
              {matching ? (
                <button
                  type="button"
                  className={buttonClass('secondary', 'sm')}
                  onClick={() => (stopped.current = true)}
                >
                  Stop after this part
                </button>
              ) : null}
            </div>
          ) : (
            <BulkResult tally={tally!} error={phase.error} />
          )}
          {phase.at === 'done' ? (
            <div className="mt-4 flex justify-end">
              <ModalClose className={buttonClass('primary')}>Done</ModalClose>
            </div>
          ) : null}
        </Modal>
      ) : null}
    </>
  );
}

function BulkResult({ tally, error }: { tally: Tally; error?: string }) {
  return (
    <div className="mt-4 space-y-3 text-sm">
      <p className="font-medium" role="status">
        {count(tally.succeeded)} changed, {tally.refused.toLocaleString('en')} refused.
      </p>
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
      {tally.refusedRows.length ? (
        <div className="max-h-60 overflow-auto rounded border border-slate-200">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Refused members</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Refused
                </th>
                <th scope="col" className="px-3 py-2">
                  Why
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tally.refusedRows.slice(0, SHOWN).map((r) => (
                <tr key={r.id}>
                  <td className="px-3 py-2 break-all">{r.email ?? r.id}</td>
                  <td className="px-3 py-2">{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {tally.refusedRows.length > SHOWN ? (
            <p className="px-3 py-2 text-slate-600">
              and {(tally.refusedRows.length - SHOWN).toLocaleString('en')} more refused.
            </p>
          ) : null}
        </div>
      ) : null}
      {tally.changedRows.length ? (
        <details>
          <summary className="cursor-pointer">Changed</summary>
          <ul className="mt-2 max-h-40 list-inside list-disc overflow-auto text-slate-700">
            {tally.changedRows.map((email) => (
              <li key={email} className="break-all">
                {email}
              </li>
            ))}
          </ul>
          {tally.succeeded > tally.changedRows.length ? (
            <p className="text-slate-600">
              and {(tally.succeeded - tally.changedRows.length).toLocaleString('en')} more.
            </p>
          ) : null}
        </details>
      ) : null}
    </div>
  );
}
