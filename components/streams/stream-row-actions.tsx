import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ActionState } from '@/lib/action-state';
import type { StreamState } from '@/lib/services/streams';
import { EditStreamTagsDialog } from './edit-dialogs';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export interface StreamActions {
  stop?: Action;
  lock?: Action;
  unlock?: Action;
  delete?: Action;
  setTags?: Action;
}

/**
 * The actions a viewer may take on one stream, in its current state: only those their
 * role allows are passed in, and only those the state permits are shown. The services
 * refuse the rest anyway.
 */
export function StreamRowActions({
  stream,
  allTags,
  actions,
}: {
  stream: { id: string; name: string; state: StreamState; tags: string[] };
  allTags: string[];
  actions: StreamActions;
}) {
  const fields = { streamId: stream.id };
  const locked = stream.state === 'locked';
  const name = <strong>{stream.name}</strong>;
  return (
    <div className="flex flex-wrap justify-end gap-2">
      {actions.setTags && !locked ? (
        <EditStreamTagsDialog stream={stream} allTags={allTags} action={actions.setTags} />
      ) : null}
      {actions.stop && (stream.state === 'created' || stream.state === 'live') ? (
        <ConfirmDialog
          triggerLabel="Stop"
          title="Stop stream"
          description={<p>{name} ends now. An ended stream cannot be started again.</p>}
          confirmLabel="Stop stream"
          action={actions.stop}
          fields={fields}
        />
      ) : null}
      {actions.lock && !locked ? (
        <ConfirmDialog
          triggerLabel="Lock"
          title="Lock stream"
          description={
            <p>{name} is locked: nobody can stop, retag or delete it until an admin unlocks it.</p>
          }
          confirmLabel="Lock stream"
          action={actions.lock}
          fields={fields}
        />
      ) : null}
      {actions.unlock && locked ? (
        <ConfirmDialog
          triggerLabel="Unlock"
          title="Unlock stream"
          description={
            <p>
              {name} can be changed again. It returns to Ended if it had ended before it was locked,
              else to Created.
            </p>
          }
          confirmLabel="Unlock stream"
          action={actions.unlock}
          fields={fields}
        />
      ) : null}
      {actions.delete && !locked ? (
        <ConfirmDialog
          triggerLabel="Delete"
          title="Delete stream"
          destructive
          description={
            <p>
              {name} is deleted and disappears from the list. This cannot be undone here; the audit
              log keeps a record.
            </p>
          }
          confirmLabel="Delete stream"
          action={actions.delete}
          fields={fields}
        />
      ) : null}
    </div>
  );
}
