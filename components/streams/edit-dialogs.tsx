'use client';

import { Field } from '@/components/ui/field';
import type { ActionState } from '@/lib/action-state';
import { TAG_NAME_MAX } from '@/lib/validation/stream-limits';
import { FormDialog } from './form-dialog';
import { TagCheckboxes } from './tag-checkboxes';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Edit tags: the organisation's tags as checkboxes, the stream's own ticked. */
export function EditStreamTagsDialog({
  stream,
  allTags,
  action,
}: {
  stream: { id: string; name: string; tags: string[] };
  allTags: string[];
  action: Action;
}) {
  return (
    <FormDialog
      triggerLabel="Edit tags"
      title="Edit tags"
      description={
        <>
          Choose the tags of <strong>{stream.name}</strong>.
        </>
      }
      action={action}
      fields={{ streamId: stream.id }}
    >
      {(errors) => <TagCheckboxes tags={allTags} checked={stream.tags} error={errors.tags} />}
    </FormDialog>
  );
}

export function RenameTagDialog({
  tag,
  action,
}: {
  tag: { id: string; name: string };
  action: Action;
}) {
  return (
    <FormDialog
      triggerLabel="Rename"
      title="Rename tag"
      description={
        <>
          A new name for <strong>{tag.name}</strong>. Streams keep the tag under its new name.
        </>
      }
      submitLabel="Rename"
      action={action}
      fields={{ tagId: tag.id }}
    >
      {(errors) => (
        <Field
          label="Tag name"
          name="name"
          defaultValue={tag.name}
          required
          maxLength={TAG_NAME_MAX}
          autoComplete="off"
          error={errors.name}
        />
      )}
    </FormDialog>
  );
}
