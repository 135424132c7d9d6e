'use client';

import { buttonClass } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { FormDialog } from '@/components/ui/form-dialog';
import { RowActions } from '@/components/ui/row-actions';
import type { ActionState } from '@/lib/action-state';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

const PLAYBACK_NOTE = 'Playback tokens issued by this user stay valid until they expire.';

/** Opened by its own button, or by a row's button (`opened`) in MemberRowDialogs. */
type Opened = { open: boolean; onOpenChange: (open: boolean) => void };

export function ResetUserTokenDialog({
  member,
  action,
  opened,
}: {
  member: { id: string; email: string };
  action: Action;
  opened?: Opened;
}) {
  return (
    <ConfirmDialog
      {...(opened ?? { triggerLabel: 'Reset User Token' })}
      title="Reset User Token"
      description={
        <>
          <p>
            This issues a new Token Key for <strong>{member.email}</strong>. All of their active
            bintu tokens stop working at once.
          </p>
          <p className="font-medium">{PLAYBACK_NOTE}</p>
        </>
      }
      action={action}
      fields={{ membershipId: member.id }}
    />
  );
}

export function DeleteUserDialog({
  member,
  action,
  successHref,
  opened,
}: {
  member: { id: string; email: string };
  action: Action;
  successHref?: string;
  opened?: Opened;
}) {
  return (
    <ConfirmDialog
      {...(opened ?? { triggerLabel: 'Delete User' })}
      title="Delete User"
      destructive
      description={
        <>
          <p>
            <strong>{member.email}</strong> is removed from this organisation and loses access on
            their next request. Their account stays and can still sign in to other organisations.
          </p>
          <p>This invalidates all of their existing bintu tokens.</p>
          <p className="font-medium">{PLAYBACK_NOTE}</p>
        </>
      }
      action={action}
      fields={{ membershipId: member.id }}
      successHref={successHref}
    />
  );
}

/**
 * Suspend User, or Reactivate User once suspended: one dialog whose labels follow the
 * member's status, so it stays mounted (and announces its answer) when the page refreshes
 * with the new status.
 */
export function SuspensionDialog({
  member,
  suspended,
  suspendAction,
  reactivateAction,
}: {
  member: { id: string; email: string };
  suspended: boolean;
  suspendAction: Action;
  reactivateAction: Action;
}) {
  const label = suspended ? 'Reactivate User' : 'Suspend User';
  return (
    <FormDialog
      alert
      trigger={
        <button
          type="button"
          className={buttonClass(suspended ? 'secondary' : 'danger-outline', 'sm')}
        >
          {label}
        </button>
      }
      title={label}
      description={
        suspended
          ? `${member.email} gets their access back at once, with the role they kept.`
          : `${member.email} keeps their role and history but loses access on their next request: the dashboard, the REST API (their bintu tokens are refused) and new playback tokens, until you reactivate them.`
      }
      action={suspended ? reactivateAction : suspendAction}
      fields={{ membershipId: member.id }}
      submitLabel={label}
      pendingLabel="Working…"
      destructive={!suspended}
    >
      {(state) =>
        suspended ? null : (
          <>
            <p className="text-sm font-medium">{PLAYBACK_NOTE}</p>
            <Field
              label="Reason (optional)"
              name="reason"
              maxLength={500}
              hint="For the admins and the audit log."
              error={state.fieldErrors?.reason}
            />
          </>
        )
      }
    </FormDialog>
  );
}

/**
 * The user list's Reset User Token and Delete User dialogs, once for the whole table:
 * rows (member-rows.tsx) carry buttons with action `reset` or `delete` and name the member
 * by id and email.
 */
export function MemberRowDialogs({
  resetAction,
  deleteAction,
  children,
}: {
  resetAction: Action;
  deleteAction: Action;
  children: React.ReactNode;
}) {
  return (
    <RowActions
      render={(row, close) => {
        const member = { id: row.id, email: row.label };
        const opened = { open: true, onOpenChange: (open: boolean) => open || close() };
        if (row.action === 'reset')
          return (
            <ResetUserTokenDialog
              key={row.id}
              member={member}
              action={resetAction}
              opened={opened}
            />
          );
        if (row.action === 'delete')
          return (
            <DeleteUserDialog key={row.id} member={member} action={deleteAction} opened={opened} />
          );
        return null;
      }}
    >
      {children}
    </RowActions>
  );
}
