import { WarehouseConsole } from '@/components/warehouse/WarehouseConsole';
import { ViewFreshness } from '@/components/ViewFreshness';
import { PageHeader } from '@/components/ui';
import { requireView } from '@/lib/auth/page';
import { concerns } from '@/lib/auth/policy';
import { scopeFor } from '@/lib/auth/scope';
import { listAlerts } from '@/lib/queries/listAlerts';
import { listExceptions } from '@/lib/queries/listExceptions';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

export default async function WarehousePage({ searchParams }: { searchParams: Promise<{ warehouse?: string }> }) {
  const p = await requireView('warehouse');
  const rt = getRuntime();
  const { warehouse } = await searchParams;
  const [alerts, exceptions] = await Promise.all([
    listAlerts(rt.store.reader, { status: 'open', limit: 2000 }).then(async (open) => [
      ...open,
      ...(await listAlerts(rt.store.reader, { status: 'acknowledged', limit: 2000 })),
    ]),
    listExceptions(
      rt.store.reader,
      { status: 'open', scope: scopeFor(p, warehouse), limit: 2000 },
      rt.config.slaMinutes,
    ),
  ]);
  const mine = alerts.filter(
    (a) =>
      concerns(p, { type: a.type, warehouse_id: a.warehouse_id ?? null, category: a.category ?? null }) &&
      (!warehouse || a.warehouse_id === warehouse),
  );
  const warehouses = p.role === 'warehouse_manager' ? p.warehouses : Object.keys(rt.config.warehouseTimeZones);
  return (
    <>
      <PageHeader title="Warehouse console">
        <p className="text-sm text-slate-700">
          {p.role === 'warehouse_manager' ? `Your warehouses: ${p.warehouses.join(', ')}` : 'All warehouses'}
        </p>
      </PageHeader>
      <ViewFreshness />
      <WarehouseConsole
        risks={mine.filter((a) => a.type === 'cutoff_risk')}
        alerts={mine.filter((a) => a.type !== 'cutoff_risk')}
        exceptions={exceptions}
        warehouses={warehouses}
      />
    </>
  );
}
