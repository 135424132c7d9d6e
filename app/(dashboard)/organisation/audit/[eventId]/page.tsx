import type { Metadata } from 'next';
import Link from 'next/link';
import { Details, Panel } from '@/components/ui/panel';
import { notFound } from 'next/navigation';
import { AuditActor, AuditJson } from '@/components/audit/event-parts';
import { NoAccess } from '@/components/organisation/no-access';
import { requireDashboardActor } from '@/lib/auth/actor';
import { formatUtc } from '@/lib/format';
import { can } from '@/lib/rbac';
import { getAuditEvent } from '@/lib/services/audit';
import { auditSearchParams } from '@/lib/validation/audit';

export const metadata: Metadata = { title: 'Audit event' };

export default async function AuditEventPage({ params }: { params: Promise<{ eventId: string }> }) {
  const { eventId } = await params;
  const actor = await requireDashboardActor(`/organisation/audit/${eventId}`);
  if (!can(actor, 'audit:read')) return <NoAccess what="the audit log" permission="audit:read" />;
  const event = await getAuditEvent(actor, eventId);
  if (!event) notFound();

  const sameTarget = `/organisation/audit?${auditSearchParams({
    targetType: event.targetType,
    targetId: event.targetId ?? undefined,
  })}`;
  const sameActor = `/organisation/audit?${auditSearchParams({ actor: event.actorLabel })}`;
  const fields: [string, React.ReactNode][] = [
    ['Event ID', <code key="id">{event.id}</code>],
    [
      'Time (UTC)',
      <time key="time" dateTime={event.createdAt.toISOString()}>
        {formatUtc(event.createdAt)}{' '}
        <span className="text-slate-500">({event.createdAt.toISOString()})</span>
      </time>,
    ],
    ['Action', <code key="action">{event.action}</code>],
    ['Actor', <AuditActor key="actor" type={event.actorType} label={event.actorLabel} />],
    ['Actor type', event.actorType],
    ['Actor account ID', event.actorAccountId ? <code>{event.actorAccountId}</code> : '—'],
    ['Actor membership ID', event.actorMembershipId ? <code>{event.actorMembershipId}</code> : '—'],
    ['Target type', event.targetType],
    ['Target ID', event.targetId ? <code>{event.targetId}</code> : '—'],
    ['Target', event.targetLabel ?? '—'],
    ['IP address', event.ip ?? '—'],
    ['User agent', event.userAgent ?? '—'],
    ['Request ID', event.requestId ? <code>{event.requestId}</code> : '—'],
  ];

  return (
    <div className="space-y-6">
      <Link href="/organisation/audit" className="text-sm text-brand-600 underline">
        ← Audit log
      </Link>
      <div>
        <h2 className="text-xl font-semibold">
          <code>{event.action}</code>
        </h2>
        <p className="text-sm text-slate-600">
          by {event.actorLabel} on {formatUtc(event.createdAt)}
        </p>
      </div>

      <Panel id="event" title="Event details" level={3} hideTitle>
        <Details items={fields} />
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href={sameTarget} className="text-brand-600 underline">
            Events for this target
          </Link>
          <Link href={sameActor} className="text-brand-600 underline">
            Events by this actor
          </Link>
        </p>
      </Panel>

      <div className="grid gap-4 md:grid-cols-2">
        <AuditJson title="Before" value={event.before} />
        <AuditJson title="After" value={event.after} />
      </div>
    </div>
  );
}
