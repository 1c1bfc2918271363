import { AlertList } from '@/components/alerts/AlertList';
import { LinkedAlert } from '@/components/alerts/LinkedAlert';
import type { Alert } from '@/lib/alerts/types';
import { PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { requireView } from '@/lib/auth/page';
import { concerns, mayTakeAction } from '@/lib/auth/policy';
import { listAlerts } from '@/lib/queries/listAlerts';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** The alerts that concern the signed-in user, for every role (planners: reason spikes, accuracy drops). */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const p = await requireView('alerts');
  const reader = getRuntime().store.reader;
  const linkedId = (await searchParams).alert;
  const [open, acknowledged, linked] = await Promise.all([
    listAlerts(reader, { status: 'open', limit: 2000 }),
    listAlerts(reader, { status: 'acknowledged', limit: 2000 }),
    linkedId ? listAlerts(reader, { id: linkedId, limit: 1 }) : Promise.resolve([]),
  ]);
  const mayRead = (a: Alert) =>
    concerns(p, { type: a.type, warehouse_id: a.warehouse_id ?? null, category: a.category ?? null });
  const mine = [...open, ...acknowledged].filter(mayRead).sort((a, b) => b.created_at.localeCompare(a.created_at));
  const mayAcknowledge = mayTakeAction(p, 'alert.acknowledge');
  return (
    <>
      <PageHeader title="Alerts" />
      <ViewFreshness />
      {linkedId && (
        <LinkedAlert alert={linked[0] && mayRead(linked[0]) ? linked[0] : null} mayAcknowledge={mayAcknowledge} />
      )}
      <AlertList alerts={mine} mayAcknowledge={mayAcknowledge} />
    </>
  );
}
