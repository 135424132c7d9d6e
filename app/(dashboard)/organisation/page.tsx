import type { Metadata } from 'next';
import Link from 'next/link';
import { RoleBadge } from '@/components/ui/badge';
import { requireDashboardActor } from '@/lib/auth/actor';
import { formatUtc } from '@/lib/format';
import { getOrganisationOverview } from '@/lib/services/organisations';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const actor = await requireDashboardActor('/organisation');
  const org = await getOrganisationOverview(actor);
  return (
    <div className="grid gap-4 md:grid-cols-2">
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
    </div>
  );
}
