'use client';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionState } from '@/lib/action-state';
import { STREAM_NAME_MAX, TAG_NAME_MAX } from '@/lib/validation/stream-limits';
import { TagCheckboxes } from './tag-checkboxes';
import { useFormAction } from '@/components/ui/use-form-action';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Create stream: a name and, for roles that may tag, the organisation's tags. */
export function CreateStreamForm({
  action,
  tags,
}: {
  action: Action;
  /** Null when the viewer may not tag streams (no tags:write). */
  tags: string[] | null;
}) {
  const { state, formAction, pending, form, onSubmit } = useFormAction(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={onSubmit}
      aria-labelledby="create-stream-heading"
      className="space-y-3 rounded-lg border border-slate-200 bg-surface p-4"
    >
      <h3 id="create-stream-heading" className="font-semibold">
        Create stream
      </h3>
      <Field
        label="Stream name"
        name="name"
        required
        maxLength={STREAM_NAME_MAX}
        autoComplete="off"
        error={errors.name}
      />
      {tags ? <TagCheckboxes tags={tags} error={errors.tags} /> : null}
      <FormMessage
        error={state.ok === false && !state.fieldErrors ? state.error : null}
        success={state.ok ? state.message : null}
      />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? 'Creating…' : 'Create stream'}
      </Button>
    </form>
  );
}

/** Create tag: one name, unique in the organisation ignoring case. */
export function CreateTagForm({ action }: { action: Action }) {
  const { state, formAction, pending, form, onSubmit } = useFormAction(action);
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={onSubmit}
      aria-label="Create tag"
      className="flex flex-wrap items-start gap-3"
    >
      <div className="min-w-56 flex-1">
        <Field
          label="New tag name"
          name="name"
          required
          maxLength={TAG_NAME_MAX}
          autoComplete="off"
          hint="Letters, digits, spaces, dots, dashes and underscores; up to 40 characters."
          error={state.fieldErrors?.name}
        />
      </div>
      <Button type="submit" className="mt-6" disabled={pending} aria-busy={pending}>
        {pending ? 'Creating…' : 'Create tag'}
      </Button>
      <div className="basis-full">
        <FormMessage
          error={state.ok === false && !state.fieldErrors ? state.error : null}
          success={state.ok ? state.message : null}
        />
      </div>
    </form>
  );
}
