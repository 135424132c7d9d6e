import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import type { ActionState } from '@/lib/action-state';
import type { TagView } from '@/lib/services/tags';
import { CreateTagForm } from './create-forms';
import { RenameTagDialog } from './edit-dialogs';
import { DataTable } from '@/components/ui/data-table';

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
        <EmptyState>
          No tags yet.{' '}
          {createAction
            ? 'Create one above to group streams.'
            : 'Members who may write tags can create them.'}
        </EmptyState>
      ) : (
        <DataTable
          caption="Tags of this organisation"
          columns={['Tag', 'Streams', withActions && { label: 'Actions', align: 'right' }]}
        >
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
                            {t.streamCount === 1 ? '1 stream' : `${t.streamCount} streams`}, locked
                            ones included.
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
        </DataTable>
      )}
    </section>
  );
}
