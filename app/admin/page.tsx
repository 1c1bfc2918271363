import { AdminNav } from '@/components/admin/AdminNav';
import { SystemHealth } from '@/components/admin/SystemHealth';
import { PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { systemStatus } from '@/lib/admin/system';
import { requireView } from '@/lib/auth/page';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Admin: system health (processor lag, store and bus, versions). */
export default async function AdminPage() {
  await requireView('admin');
  return (
    <>
      <PageHeader title="Admin" />
      <AdminNav />
      <ViewFreshness />
      <SystemHealth status={systemStatus(getRuntime())} />
    </>
  );
}
