import type { Metadata } from 'next';
import Link from 'next/link';
import { RoleBadge } from '@/components/ui/badge';
import { requireDashboardActor } from '@/lib/auth/actor';
import { formatUtc } from '@/lib/format';
import { getOrganisationOverview } from '@/lib/services/organisations';
import { getApiKey } from '@/lib/services/tokens';
import { can } from '@/lib/rbac';
import { Announcer } from '@/components/ui/announcer';
import { CopyField } from '@/components/ui/copy-field';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { WebhookForm } from '@/components/organisation/webhook-form';
import { rotateApiKeyAction, setWebhookAction } from './actions';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const actor = await requireDashboardActor('/organisation');
  const org = await getOrganisationOverview(actor);
  const apiKey = can(actor, 'apikey:read') ? await getApiKey(actor) : null;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Announcer />
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Organisation</h2>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-500">Name</dt>
          <dd>{org.name}</dd>
          <dt className="text-slate-500">Slug</dt>
          <dd>
            <code>{org.slug}</code>
          </dd>
          <dt className="text-slate-500">Members</dt>
          <dd>
            <Link href="/organisation/users" className="text-brand-600 underline">
              {org.memberCount.toLocaleString('en')}
            </Link>
          </dd>
          <dt className="text-slate-500">Created At</dt>
          <dd>{formatUtc(org.createdAt)}</dd>
        </dl>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">You</h2>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-500">Email</dt>
          <dd>{actor.label}</dd>
          <dt className="text-slate-500">Permission Level</dt>
          <dd>
            <RoleBadge role={actor.role} />
          </dd>
          <dt className="text-slate-500">Token Key</dt>
          <dd>
            <code>{actor.tokenKey}</code>
          </dd>
          {org.playerKey ? (
            <>
              <dt className="text-slate-500">Player key</dt>
              <dd>
                <code className="break-all">{org.playerKey}</code>
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      {apiKey ? (
        <section
          aria-labelledby="apikey-heading"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="apikey-heading" className="text-lg font-semibold">
            API key
          </h2>
          <p className="text-sm text-slate-600">
            The organisation’s master key (<code>X-API-Key</code>). It acts as Admin: keep it
            secret.
          </p>
          <details>
            <summary className="cursor-pointer text-sm text-brand-600">Show API key</summary>
            <div className="mt-2">
              <CopyField label="API key" value={apiKey} />
            </div>
          </details>
          <ConfirmDialog
            triggerLabel="Rotate API key"
            title="Rotate API key"
            destructive
            description={<p>A new key replaces the current one, which stops working at once.</p>}
            action={rotateApiKeyAction}
            fields={{}}
          />
        </section>
      ) : null}
      {can(actor, 'webhook:write') ? (
        <section
          aria-labelledby="webhook-heading"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
        >
          <h2 id="webhook-heading" className="text-lg font-semibold">
            Webhook
          </h2>
          <WebhookForm value={org.webhookUrl} action={setWebhookAction} />
        </section>
      ) : null}
    </div>
  );
}
