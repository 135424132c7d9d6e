import { PageSlot } from '@/components/layout/pending-page';
import { OrganisationTabs, type Tab } from '@/components/organisation/tabs';
import { requireDashboardActor } from '@/lib/auth/actor';
import { can } from '@/lib/rbac';

export default async function OrganisationLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireDashboardActor('/organisation');
  const tabs: Tab[] = [
    { href: '/organisation', label: 'Overview' },
    { href: '/organisation/users', label: 'User Management' },
    { href: '/organisation/roles', label: 'Roles' },
    ...(can(actor, 'users:read')
      ? [{ href: '/organisation/access-review', label: 'Access review' }]
      : []),
    ...(can(actor, 'audit:read') ? [{ href: '/organisation/audit', label: 'Audit log' }] : []),
    ...(can(actor, 'webhook:write') ? [{ href: '/organisation/webhooks', label: 'Webhooks' }] : []),
  ];
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">My Organisation</p>
        <h1 className="text-2xl font-semibold">{actor.organisationName}</h1>
      </div>
      <OrganisationTabs tabs={tabs} />
      <PageSlot scope="/organisation">{children}</PageSlot>
    </div>
  );
}
