import { Badge } from '@/components/ui/badge';
import { Timestamp } from '@/components/ui/timestamp';
import type { StreamView } from '@/lib/services/streams';
import { StreamStateBadge } from './state-badge';
import { StreamRowActions, type StreamActions } from './stream-row-actions';
import { DataTable } from '@/components/ui/data-table';

/** The streams of one page. Only safe fields of each stream reach the client dialogs. */
export function StreamsTable({
  caption,
  streams,
  allTags,
  actions,
}: {
  caption: string;
  streams: StreamView[];
  allTags: string[];
  actions: StreamActions;
}) {
  const withActions = Object.values(actions).some(Boolean);
  return (
    <DataTable
      caption={caption}
      columns={[
        'Name',
        'State',
        'Tags',
        'Creator',
        'Created At (UTC)',
        withActions && { label: 'Actions', align: 'right' },
      ]}
    >
      {streams.map((s) => (
        <tr key={s.id}>
          <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
            {s.name}
          </th>
          <td className="px-4 py-3">
            <StreamStateBadge state={s.state} />
          </td>
          <td className="px-4 py-3">
            {s.tags.length ? (
              <ul className="flex flex-wrap gap-1" aria-label={`Tags of ${s.name}`}>
                {s.tags.map((t) => (
                  <li key={t}>
                    <Badge>{t}</Badge>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-slate-500">No tags</span>
            )}
          </td>
          <td className="px-4 py-3 text-slate-700">{s.creator}</td>
          <td className="whitespace-nowrap px-4 py-3 text-slate-600">
            <Timestamp at={s.createdAt} />
          </td>
          {withActions ? (
            <td className="px-4 py-3">
              <StreamRowActions
                stream={{ id: s.id, name: s.name, state: s.state, tags: s.tags }}
                allTags={allTags}
                actions={actions}
              />
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
