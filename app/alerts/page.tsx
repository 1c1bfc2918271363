import { AlertList } from '@/components/alerts/AlertList';
import { PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { requireView } from '@/lib/auth/page';
import { concerns, mayTakeAction } from '@/lib/auth/policy';
import { listAlerts } from '@/lib/queries/listAlerts';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** The alerts that concern the signed-in user, for every role (planners: reason spikes, accuracy drops). */
export default async function AlertsPage() {
  const p = await requireView('alerts');
  const reader = getRuntime().store.reader;
  const [open, acknowledged] = await Promise.all([
    listAlerts(reader, { status: 'open', limit: 2000 }),
    listAlerts(reader, { status: 'acknowledged', limit: 2000 }),
  ]);
  const mine = [...open, ...acknowledged]
    .filter((a) => concerns(p, { type: a.type, warehouse_id: a.warehouse_id ?? null, category: a.category ?? null }))
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  return (
    <>
      <PageHeader title="Alerts" />
      <ViewFreshness />
      <AlertList alerts={mine} mayAcknowledge={mayTakeAction(p, 'alert.acknowledge')} />
    </>
  );
}
