import type { Metadata } from 'next';
import Link from 'next/link';
import { NoAccess } from '@/components/organisation/no-access';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { EndpointFormDialog } from '@/components/webhooks/endpoint-dialogs';
import { EndpointStatus } from '@/components/webhooks/endpoint-status';
import { requireDashboardActor } from '@/lib/auth/actor';
import { can } from '@/lib/rbac';
import { listWebhookEndpoints } from '@/lib/services/webhooks';
import { WEBHOOK_ENDPOINTS_MAX } from '@/lib/validation/webhooks';
import { createWebhookAction } from './actions';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const actor = await requireDashboardActor('/organisation/webhooks');
  if (!can(actor, 'webhook:write'))
    return <NoAccess what="the webhook endpoints" permission="webhook:write" />;
  const endpoints = await listWebhookEndpoints(actor);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Webhooks</h2>
          <p className="text-sm text-slate-600">
            Each change to members, invitations, roles and the API key is sent to the endpoints that
            subscribe to it, signed per Standard Webhooks, and retried for a day.
          </p>
        </div>
        {endpoints.length < WEBHOOK_ENDPOINTS_MAX ? (
          <EndpointFormDialog action={createWebhookAction} />
        ) : null}
      </div>
      {endpoints.length === 0 ? (
        <EmptyState title="No endpoints yet">
          Add an endpoint to receive membership events in your own systems.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {endpoints.map((endpoint) => (
            <li
              key={endpoint.id}
              aria-label={endpoint.url}
              className="space-y-2 rounded-lg border border-slate-200 bg-surface p-5"
            >
              <div className="flex flex-wrap items-center gap-3">
                <Link
                  href={`/organisation/webhooks/${endpoint.id}`}
                  className="text-brand-600 font-mono text-sm break-all underline"
                >
                  {endpoint.url}
                </Link>
                <EndpointStatus endpoint={endpoint} />
              </div>
              {endpoint.description ? (
                <p className="text-sm text-slate-700">{endpoint.description}</p>
              ) : null}
              <p className="flex flex-wrap gap-1">
                {endpoint.eventTypes.map((type) => (
                  <Badge key={type}>{type}</Badge>
                ))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
