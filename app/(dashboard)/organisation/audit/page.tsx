import { DataTable } from '@/components/ui/data-table';
import type { Metadata } from 'next';
import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditRows } from '@/components/audit/audit-rows';
import { targetText } from '@/components/audit/event-parts';
import { NoAccess } from '@/components/organisation/no-access';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Pager } from '@/components/ui/pager';
import { requireDashboardActor } from '@/lib/auth/actor';
import { formatUtc } from '@/lib/format';
import { can } from '@/lib/rbac';
import { listAuditActions, listAuditEvents, listAuditTargetTypes } from '@/lib/services/audit';
import {
  AUDIT_PAGE_SIZE,
  auditFilters,
  auditSearchParams,
  hasAuditFilters,
  type AuditQuery,
} from '@/lib/validation/audit';

export const metadata: Metadata = { title: 'Audit log' };

type Search = Record<string, string | string[] | undefined>;

function withQuery(path: string, params: URLSearchParams): string {
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** This view with another cursor (undefined: the newest events). */
function pageHref(query: AuditQuery, before?: number): string {
  const size = query.size === AUDIT_PAGE_SIZE.default ? undefined : query.size;
  return withQuery(
    '/organisation/audit',
    auditSearchParams({ ...auditFilters(query), size, before }),
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireDashboardActor('/organisation/audit');
  if (!can(actor, 'audit:read')) return <NoAccess what="the audit log" permission="audit:read" />;

  const params = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const [{ rows, nextCursor, query }, actions, targetTypes] = await Promise.all([
    listAuditEvents(actor, params),
    listAuditActions(actor),
    listAuditTargetTypes(actor),
  ]);
  const filters = auditFilters(query);
  const filtered = hasAuditFilters(query);
  const exportHref = withQuery('/organisation/audit/export.csv', auditSearchParams(filters));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Audit log</h2>
          <p className="text-sm text-slate-600">
            Every change in the organisation, newest first. Times are in UTC. Events are never
            changed or deleted.
          </p>
        </div>
        {/* A plain link: the file comes from a route handler, not a page. */}
        <a href={exportHref} className={buttonClass('secondary')}>
          Export CSV
        </a>
      </div>
      <AuditFilters
        key={JSON.stringify(filters)}
        actions={actions}
        targetTypes={targetTypes}
        value={filters}
      />

      {rows.length === 0 ? (
        query.before ? (
          <EmptyState
            title="No older events"
            link={{ href: pageHref(query), label: 'Back to the newest events' }}
          >
            You have reached the first event{filtered ? ' matching these filters' : ''}.
          </EmptyState>
        ) : filtered ? (
          <EmptyState
            title="No events match these filters"
            link={{ href: '/organisation/audit', label: 'Clear filters' }}
          >
            Try fewer filters or a wider time range.
          </EmptyState>
        ) : (
          <EmptyState title="No events yet">
            Invitations, role changes, token resets, removals and failed sign-ins will appear here
            as they happen.
          </EmptyState>
        )
      ) : (
        <DataTable
          caption={`Audit events of ${actor.organisationName}`}
          columns={['Time (UTC)', 'Actor', 'Action', 'Target', 'IP']}
        >
          <AuditRows
            rows={rows.map((e) => [
              String(e.id),
              e.createdAt.toISOString(),
              formatUtc(e.createdAt),
              e.actorType,
              e.actorLabel,
              e.action,
              e.targetType,
              targetText(e),
              e.ip ?? '—',
            ])}
          />
        </DataTable>
      )}

      <Pager
        links={[
          query.before ? { href: pageHref(query), label: 'Newest events' } : null,
          nextCursor
            ? { href: pageHref(query, nextCursor), label: 'Older events', rel: 'next' }
            : null,
        ]}
      />
    </div>
  );
}
