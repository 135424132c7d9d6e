'use client';

import { startTransition, useEffect, useId, useState, type FormEvent } from 'react';
import { RoleSelect } from '@/components/roles/role-select';
import { Button, buttonClass } from '@/components/ui/button';
import { ModalClose } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useSafeAction } from '@/components/ui/use-safe-action';
import type { ActionState } from '@/lib/action-state';
import { BULK_OUTCOMES, type BulkInviteRowView } from '@/lib/bulk-invite-view';
import { csvLine } from '@/lib/csv';
import { formatUtc } from '@/lib/format';
import type { RoleChoice } from '@/lib/roles-view';

export type BulkInviteState = ActionState & { rows?: BulkInviteRowView[]; expiresAt?: string };
type BulkAction = (prev: BulkInviteState, form: FormData) => Promise<BulkInviteState>;

/** A CSV file larger than this cannot hold 1,000 sensible rows (docs/product.md). */
const MAX_FILE_BYTES = 1_000_000;

/**
 * Bulk invite, inside Invite New User (docs/product.md, "Bulk invite"): paste addresses or
 * upload a CSV file, choose the default role, Preview (nothing changes), then Send
 * invitations; the result lists every row and offers the new links as a CSV download,
 * once. The list sent is the one previewed: editing it hides the preview.
 */
export function BulkInvite({
  roles,
  initialRoleId,
  previewAction,
  sendAction,
  onResult,
}: {
  roles: RoleChoice[];
  initialRoleId: string;
  previewAction: BulkAction;
  sendAction: BulkAction;
  /** Called once a result is shown (its links are shown only then). */
  onResult: () => void;
}) {
  const [list, setList] = useState('');
  const [roleId, setRoleId] = useState(initialRoleId);
  const [days, setDays] = useState('7');
  const [fileNote, setFileNote] = useState<{ error?: string; success?: string }>({});
  const [preview, runPreview, previewing] = useSafeAction(previewAction);
  const [result, runSend, sending] = useSafeAction(sendAction);
  const [previewedKey, setPreviewedKey] = useState<string | null>(null);
  const listId = useId();

  const key = JSON.stringify([list, roleId, days]);
  const input = () => {
    const data = new FormData();
    data.set('list', list);
    data.set('roleId', roleId);
    data.set('lifetimeDays', days);
    return data;
  };
  const current = previewedKey === key;
  const shown = current && preview.ok ? preview : null;
  const errors = (current && preview.ok === false ? preview.fieldErrors : undefined) ?? {};
  const toInvite = shown?.rows?.filter((r) => r.outcome === 'invited').length ?? 0;

  useEffect(() => {
    if (result.ok) onResult();
    // onResult changes with every render of the dialog; a new result is what counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);

  if (result.ok && result.rows) return <BulkResult state={result} />;

  const onPreview = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setPreviewedKey(key);
    const data = input();
    startTransition(() => runPreview(data));
  };
  const onSend = () => {
    const data = input();
    startTransition(() => runSend(data));
  };
  const onFile = async (file: File | undefined) => {
    setFileNote({});
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileNote({ error: 'This file is too large: invite at most 1,000 addresses at once.' });
      return;
    }
    setList((await file.text()).replace(/^\uFEFF/, ''));
    setFileNote({ success: `Read ${file.name}: its rows are in the list above.` });
  };

  return (
    <form onSubmit={onPreview} className="mt-4 space-y-4" aria-label="Bulk invite">
      <div className="space-y-1">
        <label htmlFor={listId} className="block text-sm font-medium text-slate-800">
          Email addresses
        </label>
        <textarea
          id={listId}
          name="list"
          rows={6}
          value={list}
          onChange={(e) => setList(e.target.value)}
          aria-invalid={errors.list ? true : undefined}
          aria-describedby={`${listId}-hint${errors.list ? ` ${listId}-error` : ''}`}
          spellCheck={false}
          autoCapitalize="off"
          className={`block w-full rounded-md border px-3 py-2 font-mono text-sm shadow-sm ${
            errors.list ? 'border-red-500' : 'border-slate-300'
          }`}
        />
        <p id={`${listId}-hint`} className="text-xs text-slate-500">
          One per line, or separated by commas or semicolons; up to 1,000. A line{' '}
          <code>name@example.com,ReadOnly</code> gives that address its own role.
        </p>
        {errors.list ? (
          <p id={`${listId}-error`} className="text-sm text-red-700">
            {errors.list}
          </p>
        ) : null}
      </div>
      <div className="space-y-1">
        <Field
          label="Or upload a CSV file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          hint="Rows of email and, optionally, role (by name or id); a header row email,role is skipped."
          onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-surface file:px-3 file:py-1.5 file:text-sm"
        />
        <FormMessage error={fileNote.error} success={fileNote.success} />
      </div>
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <RoleSelect
          roles={roles}
          value={roleId}
          onChange={setRoleId}
          label="Default role"
          hint="For every row that names no role."
          error={errors.roleId}
        />
        <Field
          label="Valid for (days)"
          name="lifetimeDays"
          type="number"
          min={1}
          max={30}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          hint="1 to 30 days."
          error={errors.lifetimeDays}
        />
      </div>
      <FormMessage
        error={
          current && preview.ok === false && !Object.keys(preview.fieldErrors ?? {}).length
            ? preview.error
            : null
        }
      />
      {shown?.rows ? (
        <div className="space-y-3">
          <p role="status" className="text-sm text-slate-700">
            {shown.message}
          </p>
          <BulkRows rows={shown.rows} phase="preview" />
        </div>
      ) : null}
      <FormMessage error={result.ok === false ? result.error : null} />
      <div className="flex flex-wrap justify-end gap-2">
        <ModalClose className={buttonClass('secondary')} disabled={previewing || sending}>
          Cancel
        </ModalClose>
        <Button
          type="submit"
          variant={shown ? 'secondary' : 'primary'}
          disabled={previewing || sending || !roleId}
          aria-busy={previewing}
        >
          {previewing ? 'Checking…' : 'Preview'}
        </Button>
        {shown ? (
          <Button
            onClick={onSend}
            disabled={sending || previewing || toInvite === 0}
            aria-busy={sending}
          >
            {sending
              ? 'Sending…'
              : toInvite === 1
                ? 'Send 1 invitation'
                : `Send ${toInvite.toLocaleString('en')} invitations`}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** The rows of a preview or a result, in a box of its own that scrolls. */
function BulkRows({ rows, phase }: { rows: BulkInviteRowView[]; phase: 'preview' | 'result' }) {
  const caption =
    phase === 'preview'
      ? 'Preview: what sending the invitations will do, row by row'
      : 'Result: what happened to each row';
  return (
    <div
      role="region"
      aria-label={phase === 'preview' ? 'Preview' : 'Result'}
      tabIndex={0}
      className="max-h-72 overflow-auto rounded-lg border border-slate-200 bg-surface"
    >
      <table className="data-table min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-3">
              Line
            </th>
            <th scope="col" className="px-4 py-3">
              Email
            </th>
            <th scope="col" className="px-4 py-3">
              Role
            </th>
            <th scope="col" className="px-4 py-3">
              Outcome
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, i) => {
            const outcome = BULK_OUTCOMES[row.outcome];
            return (
              <tr key={i}>
                <td className="tabular-nums text-slate-500">{row.line}</td>
                <td className="break-all">{row.email}</td>
                <td className="break-words">{row.role}</td>
                <td className={outcome.ok ? 'text-emerald-700' : 'text-amber-800'}>
                  <span aria-hidden="true">{outcome.ok ? '✓ ' : '✕ '}</span>
                  {outcome[phase]}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The result: every row, and the new links as a CSV file (they are shown only now). */
function BulkResult({ state }: { state: BulkInviteState }) {
  const rows = state.rows ?? [];
  const links = rows.filter((r) => r.link);
  const download = () => {
    const csv =
      csvLine(['email', 'role', 'link', 'expires_at_utc']) +
      links
        .map((r) =>
          csvLine([r.email, r.role, r.link, state.expiresAt ? formatUtc(state.expiresAt) : '']),
        )
        .join('');
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `invitation-links-${new Date().toISOString().slice(0, 16).replace(':', '')}Z.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="mt-4 space-y-4">
      <p role="status" className="text-sm text-emerald-700">
        {state.message}
        {links.length ? ' Each invited address was mailed its link.' : ''}
      </p>
      <BulkRows rows={rows} phase="result" />
      {links.length ? (
        <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3">
          <p className="text-xs text-emerald-900">
            The links are shown only this once
            {state.expiresAt ? ` and work until ${formatUtc(state.expiresAt)}` : ''}: download them
            now if you want to send them yourself.
          </p>
          <Button variant="secondary" onClick={download}>
            Download links as CSV
          </Button>
        </div>
      ) : null}
      <div className="flex justify-end">
        <ModalClose className={buttonClass('secondary')}>Done</ModalClose>
      </div>
    </div>
  );
}
