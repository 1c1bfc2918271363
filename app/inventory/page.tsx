import { ViewFreshness } from '@/components/ViewFreshness';
import { cookies } from 'next/headers';
import { windowOf } from '@/lib/window';
import { WindowFilters } from '@/components/filters/WindowFilters';
import { InventoryView } from '@/components/inventory/InventoryView';
import { PageHeader } from '@/components/ui';
import { requireView } from '@/lib/auth/page';
import { scopeFor } from '@/lib/auth/scope';
import { getDimensions } from '@/lib/queries/getDimensions';
import { getInventoryView } from '@/lib/queries/getInventoryView';
import { getRuntime } from '@/lib/runtime';
import { nowDate } from '@/lib/clock';

export const dynamic = 'force-dynamic';

export default async function InventoryPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const p = await requireView('inventory');
  const rt = getRuntime();
  const w = windowOf({ range: '7d', ...(await searchParams) }, nowDate(), (await cookies()).get('tz')?.value);
  const scope = scopeFor(p, w.warehouse);
  const [view, dims] = await Promise.all([
    getInventoryView(
      rt.store.reader,
      { from: w.from, to: w.to, scope },
      { units: rt.config.counts.toleranceUnits, pct: rt.config.counts.tolerancePct },
    ),
    getDimensions(rt.store.reader, scope),
  ]);
  return (
    <>
      <PageHeader title="Inventory">
        <WindowFilters channels={[]} warehouses={dims.warehouses} showChannel={false} />
      </PageHeader>
      <ViewFreshness />
      <InventoryView accuracy={view.accuracy} variances={view.variances} stock={view.stock} />
    </>
  );
}
