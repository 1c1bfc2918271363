import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { ExplainCounts, ExplainShipped } from '@/components/explain/ExplainTables';
import { A, PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { requireView } from '@/lib/auth/page';
import { scopeFor } from '@/lib/auth/scope';
import { nowDate } from '@/lib/clock';
import { explainCounts } from '@/lib/queries/explainCounts';
import { explainShipped } from '@/lib/queries/explainShipped';
import { getRuntime } from '@/lib/runtime';
import { windowOf } from '@/lib/window';

export const dynamic = 'force-dynamic';

const TITLES = {
  'on-time-ship-rate': 'Orders behind the on-time ship rate',
  'inventory-accuracy': 'Counts behind inventory accuracy',
} as const;

/** "Explain this number": the records a board figure is made of, in the same window and filters. */
export default async function ExplainPage({
  params,
  searchParams,
}: {
  params: Promise<{ figure: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  const p = await requireView('board');
  const { figure } = await params;
  if (!(figure in TITLES)) notFound();
  const sp = await searchParams;
  const rt = getRuntime();
  const w = windowOf(sp, nowDate(), (await cookies()).get('tz')?.value);
  const win = { from: w.from, to: w.to, channel: w.channel, scope: scopeFor(p, w.warehouse) };
  const back = `/?${new URLSearchParams(sp)}`;
  const tol = { units: rt.config.counts.toleranceUnits, pct: rt.config.counts.tolerancePct };
  return (
    <>
      <PageHeader title={TITLES[figure as keyof typeof TITLES]}>
        <A href={back}>Back to the board</A>
      </PageHeader>
      <ViewFreshness />
      {figure === 'on-time-ship-rate' ? (
        <ExplainShipped
          rows={await explainShipped(rt.store.reader, win)}
          from={w.from.toISOString()}
          to={w.to.toISOString()}
        />
      ) : (
        <ExplainCounts
          rows={await explainCounts(rt.store.reader, win, tol)}
          from={w.from.toISOString()}
          to={w.to.toISOString()}
        />
      )}
    </>
  );
}
