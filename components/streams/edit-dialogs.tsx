'use client';

import { buttonClass } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormDialog } from '@/components/ui/form-dialog';
import type { ActionState } from '@/lib/action-state';
import { TAG_NAME_MAX } from '@/lib/validation/stream-limits';
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
      trigger={<button className={buttonClass('secondary', 'sm')}>Edit tags</button>}
      title="Edit tags"
      description={
        <>
          Choose the tags of <strong>{stream.name}</strong>.
        </>
      }
      action={action}
      fields={{ streamId: stream.id }}
    >
      {({ fieldErrors }) => (
        <TagCheckboxes tags={allTags} checked={stream.tags} error={fieldErrors?.tags} />
      )}
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
      trigger={<button className={buttonClass('secondary', 'sm')}>Rename</button>}
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
      {({ fieldErrors }) => (
        <Field
          label="Tag name"
          name="name"
          defaultValue={tag.name}
          required
          maxLength={TAG_NAME_MAX}
          autoComplete="off"
          error={fieldErrors?.name}
        />
      )}
    </FormDialog>
  );
}
