import { cookies } from 'next/headers';
import { windowOf } from '@/lib/window';
import { WindowFilters } from '@/components/filters/WindowFilters';
import { ReturnsAnalysis } from '@/components/returns/ReturnsAnalysis';
import { PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { requireView } from '@/lib/auth/page';
import { scopeFor } from '@/lib/auth/scope';
import { getDimensions } from '@/lib/queries/getDimensions';
import { getHeldInventory } from '@/lib/queries/getHeldInventory';
import { getRefundCycleTime } from '@/lib/queries/getRefundCycleTime';
import { getReturnReasons } from '@/lib/queries/getReturnReasons';
import { getReturnsSummary } from '@/lib/queries/getReturnsSummary';
import { getRuntime } from '@/lib/runtime';
import { nowDate } from '@/lib/clock';
import { drillOf } from '@/lib/drill';

export const dynamic = 'force-dynamic';

export default async function ReturnsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const p = await requireView('returns');
  const rt = getRuntime();
  const asked = await searchParams;
  // Planners think in weeks: without a window of their own they see the last four, by week.
  const sp = p.role === 'planner' && !asked.range && !asked.from && !asked.to ? { range: '28d', ...asked } : asked;
  const w = windowOf(sp, nowDate(), (await cookies()).get('tz')?.value);
  const win = { from: w.from, to: w.to, channel: w.channel, warehouse: w.warehouse, scope: scopeFor(p, w.warehouse) };
  // Every figure follows the drill: the table's level, and the cards and charts its slice.
  const drill = drillOf(sp);
  const slice = { ...win, reason: drill.reason, category: drill.category };
  const [reasons, summary, cycle, held, dims] = await Promise.all([
    getReturnReasons(rt.store.reader, { ...slice, group_by: drill.level }),
    getReturnsSummary(rt.store.reader, slice),
    getRefundCycleTime(rt.store.reader, slice),
    getHeldInventory(rt.store.reader, win.scope),
    getDimensions(rt.store.reader, win.scope),
  ]);
  return (
    <>
      <PageHeader title="Returns analysis">
        <WindowFilters
          channels={dims.channels}
          warehouses={dims.warehouses}
          defaultRange={p.role === 'planner' ? '28d' : '24h'}
        />
      </PageHeader>
      <ViewFreshness />
      <ReturnsAnalysis reasons={reasons} summary={summary} cycle={cycle} held={held} drill={drill} query={sp} />
    </>
  );
}
