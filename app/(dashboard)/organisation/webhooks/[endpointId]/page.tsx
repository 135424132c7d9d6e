import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NoAccess } from '@/components/organisation/no-access';
import { ActionButton } from '@/components/ui/action-button';
import { Badge } from '@/components/ui/badge';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { LiveRefresh } from '@/components/ui/live-refresh';
import { Details, Panel } from '@/components/ui/panel';
import { EndpointFormDialog, RotateSecretDialog } from '@/components/webhooks/endpoint-dialogs';
import { EndpointStatus } from '@/components/webhooks/endpoint-status';
import { requireDashboardActor } from '@/lib/auth/actor';
import { formatUtc } from '@/lib/format';
import { can } from '@/lib/rbac';
import {
  pendingDeliveries,
  getWebhookEndpoint,
  listDeliveryAttempts,
} from '@/lib/services/webhooks';
import {
  deleteWebhookAction,
  redeliverWebhookAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  updateWebhookAction,
} from '../actions';
import { Timestamp } from '@/components/ui/timestamp';

export const metadata: Metadata = { title: 'Webhook endpoint' };

export default async function WebhookEndpointPage({
  params,
}: {
  params: Promise<{ endpointId: string }>;
}) {
  const { endpointId } = await params;
  const actor = await requireDashboardActor(`/organisation/webhooks/${endpointId}`);
  if (!can(actor, 'webhook:write'))
    return <NoAccess what="the webhook endpoints" permission="webhook:write" />;
  const endpoint = await getWebhookEndpoint(actor, endpointId);
  if (!endpoint) notFound();
  const [attempts, { pending, dueSoon }] = await Promise.all([
    listDeliveryAttempts(actor, endpoint.id),
    pendingDeliveries(actor, endpoint.id),
  ]);
  const fields = { endpointId: endpoint.id };

  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href="/organisation/webhooks" className="text-brand-600 underline">
          ← Webhooks
        </Link>
      </p>
      {endpoint.disabledReason === 'failing' ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm">
          <p className="font-semibold text-red-900">This endpoint was disabled</p>
          <p className="text-red-900">
            Every delivery failed for a day, so nothing more is sent. Fix the receiver (the log
            below says what it answered), then enable the endpoint again.
          </p>
        </div>
      ) : endpoint.enabled && endpoint.failingSince ? (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm">
          Deliveries have failed since {formatUtc(endpoint.failingSince)}; they are retried. An
          endpoint failing for a day is disabled.
        </div>
      ) : null}
      <Panel id="endpoint" title="Endpoint">
        <Details
          items={[
            [
              'URL',
              <code key="url" className="break-all">
                {endpoint.url}
              </code>,
            ],
            ['Description', endpoint.description || '—'],
            ['Status', <EndpointStatus key="status" endpoint={endpoint} />],
            [
              'Events',
              <span key="events" className="flex flex-wrap gap-1">
                {endpoint.eventTypes.map((type) => (
                  <Badge key={type}>{type}</Badge>
                ))}
              </span>,
            ],
            ['Created At (UTC)', <Timestamp key="created" at={endpoint.createdAt} />],
          ]}
        />
        <div className="flex flex-wrap items-start gap-2">
          <EndpointFormDialog
            endpoint={{
              id: endpoint.id,
              url: endpoint.url,
              description: endpoint.description,
              eventTypes: endpoint.eventTypes,
            }}
            action={updateWebhookAction}
          />
          <ActionButton
            action={updateWebhookAction}
            fields={{ ...fields, enabled: endpoint.enabled ? 'false' : 'true' }}
            label={endpoint.enabled ? 'Disable' : 'Enable'}
            variant="secondary"
            size="sm"
          />
          {endpoint.enabled ? (
            <ActionButton
              action={sendTestWebhookAction}
              fields={fields}
              label="Send test event"
              variant="secondary"
              size="sm"
            />
          ) : null}
          <RotateSecretDialog endpointId={endpoint.id} action={rotateWebhookSecretAction} />
          <ConfirmDialog
            triggerLabel="Delete endpoint"
            title="Delete endpoint"
            destructive
            description={
              <p>
                Nothing more is sent to <strong className="break-all">{endpoint.url}</strong>, and
                its delivery log is deleted.
              </p>
            }
            action={deleteWebhookAction}
            fields={fields}
            successHref="/organisation/webhooks"
          />
        </div>
      </Panel>

      <section aria-labelledby="deliveries-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="deliveries-heading" className="text-lg font-semibold">
            Delivery log
          </h2>
          <p className="flex items-center gap-2 text-sm text-slate-600">
            {pending ? `${pending} waiting to be sent.` : null}
            <LiveRefresh active={dueSoon > 0} />
          </p>
        </div>
        {attempts.length === 0 ? (
          <EmptyState title="No deliveries yet">
            Events this endpoint subscribes to appear here as they are sent.
          </EmptyState>
        ) : (
          <DataTable
            caption={`Delivery log of ${endpoint.url}`}
            columns={[
              'Time (UTC)',
              'Event',
              'Answer',
              'Duration',
              'Next retry',
              { label: 'Actions', align: 'right' },
            ]}
          >
            {attempts.map((a) => (
              <tr key={a.id}>
                <td className="whitespace-nowrap text-slate-600">
                  <Timestamp at={a.attemptedAt} />
                </td>
                <td>
                  <code className="text-xs">{a.eventType}</code>
                </td>
                <td>
                  <span className={a.statusCode && a.statusCode < 300 ? '' : 'text-red-700'}>
                    {a.statusCode ?? 'No answer'}
                  </span>
                  {a.error ? <span className="block text-xs text-slate-600">{a.error}</span> : null}
                  {a.responseExcerpt ? (
                    <details className="text-xs">
                      <summary className="cursor-pointer text-slate-600">Response</summary>
                      <pre className="max-w-md overflow-x-auto whitespace-pre-wrap break-all">
                        {a.responseExcerpt}
                      </pre>
                    </details>
                  ) : null}
                </td>
                <td className="whitespace-nowrap">{a.durationMs} ms</td>
                <td className="whitespace-nowrap text-slate-600">
                  {a.nextRetryAt ? <Timestamp at={a.nextRetryAt} /> : '—'}
                </td>
                <td className="text-right">
                  {endpoint.enabled ? (
                    <ActionButton
                      action={redeliverWebhookAction}
                      fields={{ ...fields, eventId: a.eventId }}
                      label="Redeliver"
                      variant="secondary"
                      size="sm"
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
