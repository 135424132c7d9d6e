import type { Metadata } from 'next';
import Link from 'next/link';
import { RoleBadge } from '@/components/ui/badge';
import { requireDashboardActor } from '@/lib/auth/actor';
import { getOrganisationOverview } from '@/lib/services/organisations';
import { getApiKey } from '@/lib/services/api-key';
import { can } from '@/lib/rbac';
import { CopyField } from '@/components/ui/copy-field';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Details, Panel } from '@/components/ui/panel';
import { rotateApiKeyAction } from './actions';
import { Timestamp } from '@/components/ui/timestamp';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const actor = await requireDashboardActor('/organisation');
  const org = await getOrganisationOverview(actor);
  const apiKey = can(actor, 'apikey:read') ? await getApiKey(actor) : null;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Panel id="organisation" title="Organisation">
        <Details
          items={[
            ['Name', org.name],
            ['Slug', <code key="slug">{org.slug}</code>],
            [
              'Members',
              <Link key="members" href="/organisation/users" className="text-brand-600 underline">
                {org.memberCount.toLocaleString('en')}
              </Link>,
            ],
            ['Created At', <Timestamp key="created" at={org.createdAt} />],
          ]}
        />
      </Panel>
      <Panel id="you" title="You">
        <Details
          items={[
            ['Email', actor.label],
            ['Permission Level', <RoleBadge key="role" role={actor.role} />],
            ['Token Key', <code key="token-key">{actor.tokenKey}</code>],
            ...(org.playerKey
              ? ([
                  [
                    'Player key',
                    <code key="player-key" className="break-all">
                      {org.playerKey}
                    </code>,
                  ],
                ] as [string, React.ReactNode][])
              : []),
          ]}
        />
      </Panel>
      <Panel id="api" title="REST API">
        <p className="text-sm text-slate-600">
          Work with users, invitations, streams, tags and playback tokens from your own code, with a
          bintu token (Account page) or the API key.
        </p>
        <p className="text-sm">
          <Link href="/api-reference" className="text-brand-600 underline">
            API reference
          </Link>{' '}
          ·{' '}
          <a href="/api/v1/openapi.json" className="text-brand-600 underline">
            OpenAPI document
          </a>
        </p>
      </Panel>
      {apiKey ? (
        <Panel id="apikey" title="API key">
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
        </Panel>
      ) : null}
      {can(actor, 'webhook:write') ? (
        <Panel id="webhooks" title="Webhooks">
          <p className="text-sm text-slate-600">
            Membership events, signed, sent to your own endpoints as they happen, with a delivery
            log and retries.
          </p>
          <Link href="/organisation/webhooks" className="text-brand-600 text-sm underline">
            Manage webhook endpoints
          </Link>
        </Panel>
      ) : null}
    </div>
  );
}
