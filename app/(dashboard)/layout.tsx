import { TopBar } from '@/components/layout/top-bar';
import { requireDashboardActor } from '@/lib/auth/actor';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireDashboardActor('/organisation');
  return (
    <>
      <TopBar actor={actor} />
      <div className="mx-auto max-w-6xl px-4 py-6">{children}</div>
    </>
  );
}
