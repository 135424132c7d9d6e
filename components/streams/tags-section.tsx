import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ActionState } from '@/lib/action-state';
import type { TagView } from '@/lib/services/tags';
import { CreateTagForm } from './create-forms';
import { RenameTagDialog } from './edit-dialogs';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** The organisation's tags; create and rename with tags:write, delete with tags:delete. */
export function TagsSection({
  tags,
  createAction,
  renameAction,
  deleteAction,
}: {
  tags: TagView[];
  createAction?: Action;
  renameAction?: Action;
  deleteAction?: Action;
}) {
  const withActions = !!(renameAction || deleteAction);
  return (
    <section aria-labelledby="tags-heading" className="space-y-3">
      <h2 id="tags-heading" className="text-lg font-semibold">
        Tags
      </h2>
      {createAction ? <CreateTagForm action={createAction} /> : null}
      {tags.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No tags yet.{' '}
          {createAction
            ? 'Create one above to group streams.'
            : 'Members who may write tags can create them.'}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Tags of this organisation</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Tag
                </th>
                <th scope="col" className="px-4 py-3">
                  Streams
                </th>
                {withActions ? (
                  <th scope="col" className="px-4 py-3 text-right">
                    Actions
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tags.map((t) => (
                <tr key={t.id}>
                  <th scope="row" className="px-4 py-3 text-left font-medium">
                    {t.name}
                  </th>
                  <td className="px-4 py-3 text-slate-700">{t.streamCount.toLocaleString('en')}</td>
                  {withActions ? (
                    <td className="px-4 py-3">
                      <div className="flex justify-end gap-2">
                        {renameAction ? (
                          <RenameTagDialog tag={{ id: t.id, name: t.name }} action={renameAction} />
                        ) : null}
                        {deleteAction ? (
                          <ConfirmDialog
                            triggerLabel="Delete"
                            title="Delete tag"
                            destructive
                            description={
                              <p>
                                The tag <strong>{t.name}</strong> is deleted and removed from{' '}
                                {t.streamCount === 1 ? '1 stream' : `${t.streamCount} streams`},
                                locked ones included.
                              </p>
                            }
                            confirmLabel="Delete tag"
                            action={deleteAction}
                            fields={{ tagId: t.id }}
                          />
                        ) : null}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
