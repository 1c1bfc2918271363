import { cookies } from 'next/headers';
import { Board } from '@/components/board/Board';
import { windowOf } from '@/lib/window';
import { WindowFilters } from '@/components/filters/WindowFilters';
import { Freshness } from '@/components/Freshness';
import { PageHeader } from '@/components/ui';
import { requireView } from '@/lib/auth/page';
import { scopeFor } from '@/lib/auth/scope';
import { getKpis, getKpiTrendBase } from '@/lib/kpis';
import { getDimensions } from '@/lib/queries/getDimensions';
import { getKpiSeries } from '@/lib/queries/getKpiSeries';
import { getRuntime } from '@/lib/runtime';
import { historyLoad } from '@/lib/live/history';
import { nowDate } from '@/lib/clock';

export const dynamic = 'force-dynamic';

export default async function BoardPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const p = await requireView('board');
  const rt = getRuntime();
  const w = windowOf(await searchParams, nowDate(), (await cookies()).get('tz')?.value);
  const opts = {
    tolerance: { units: rt.config.counts.toleranceUnits, pct: rt.config.counts.tolerancePct },
    slaMinutes: rt.config.slaMinutes,
  };
  const filters = { channel: w.channel, warehouse: w.warehouse, scope: scopeFor(p, w.warehouse) };
  const [kpis, previous, series, dims] = await Promise.all([
    getKpis(rt.store.reader, { from: w.from, to: w.to, ...filters }, opts),
    getKpiTrendBase(rt.store.reader, { ...w.previous, ...filters }, opts),
    getKpiSeries(rt.store.reader, { from: w.from, to: w.to, ...filters }, 24),
    getDimensions(rt.store.reader, filters.scope),
  ]);
  return (
    <>
      <PageHeader title="Executive board">
        <WindowFilters channels={dims.channels} warehouses={dims.warehouses} />
      </PageHeader>
      <div className="mb-3">
        <Freshness initial={kpis.freshness} history={historyLoad(rt)} renderedAt={nowDate().toISOString()} />
      </div>
      <Board kpis={kpis} previous={previous} series={series} context={{ tolerance: opts.tolerance }} />
    </>
  );
}
