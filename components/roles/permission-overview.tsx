import { groupByArea, type Permission } from '@/lib/rbac';

/**
 * The one Permission Overview: a role's permissions grouped by area, with labels.
 * `gained` and `lost` mark the difference to another role (Update Permission).
 */
export function PermissionOverview({
  permissions,
  gained = [],
  lost = [],
  collapsible = false,
  title = 'Permission Overview',
}: {
  permissions: readonly Permission[];
  gained?: readonly Permission[];
  lost?: readonly Permission[];
  collapsible?: boolean;
  title?: string;
}) {
  const gainedSet = new Set(gained);
  const groups = groupByArea([...permissions, ...lost]);
  const body =
    groups.length === 0 ? (
      <p className="text-sm text-slate-600">This role has no permissions.</p>
    ) : (
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
        {groups.map((g) => (
          <div key={g.area}>
            <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">
              {g.area}
            </dt>
            {g.permissions.map((p) => {
              const mark = gainedSet.has(p.key) ? 'gained' : lost.includes(p.key) ? 'lost' : null;
              return (
                <dd
                  key={p.key}
                  className={`flex items-baseline gap-2 text-sm ${mark === 'lost' ? 'text-red-700 line-through' : mark === 'gained' ? 'text-emerald-700' : 'text-slate-800'}`}
                >
                  <span aria-hidden="true">
                    {mark === 'gained' ? '+' : mark === 'lost' ? '−' : '✓'}
                  </span>
                  <span>
                    {p.label} <code className="text-xs text-slate-500">{p.key}</code>
                    {mark ? <span className="sr-only"> ({mark})</span> : null}
                  </span>
                </dd>
              );
            })}
          </div>
        ))}
      </dl>
    );
  if (!collapsible) {
    return (
      <section aria-label={title} className="rounded-lg border border-slate-200 bg-surface p-4">
        <h3 className="mb-3 text-sm font-semibold">{title}</h3>
        {body}
      </section>
    );
  }
  return (
    <details className="group rounded-lg border border-slate-200 bg-surface">
      <summary className="cursor-pointer list-none px-4 py-3 text-sm font-semibold">
        <span
          className="mr-2 inline-block transition-transform group-open:rotate-90"
          aria-hidden="true"
        >
          ▸
        </span>
        {title}
      </summary>
      <div className="border-t border-slate-200 p-4">{body}</div>
    </details>
  );
}
