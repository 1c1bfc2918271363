import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import {
  ExplainCounts,
  ExplainExceptions,
  ExplainMargin,
  ExplainRefunds,
  ExplainShipped,
} from '@/components/explain/ExplainTables';
import { A, PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { requireView } from '@/lib/auth/page';
import { scopeFor } from '@/lib/auth/scope';
import { nowDate } from '@/lib/clock';
import { explainCounts } from '@/lib/queries/explainCounts';
import { explainShipped } from '@/lib/queries/explainShipped';
import { explainRefunds } from '@/lib/queries/explainRefunds';
import { explainMargin } from '@/lib/queries/explainMargin';
import { listExceptions } from '@/lib/queries/listExceptions';
import { getRuntime } from '@/lib/runtime';
import { windowOf } from '@/lib/window';

export const dynamic = 'force-dynamic';

const TITLES = {
  'on-time-ship-rate': 'Orders behind the on-time ship rate',
  'inventory-accuracy': 'Counts behind inventory accuracy',
  'refund-cycle-time': 'Returns behind refund cycle time',
  'open-exceptions': 'Exceptions open now',
  'channel-margin': 'Orders and returns behind channel margin',
} as const;

const CAP = 5000;

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
  const span = { from: w.from.toISOString(), to: w.to.toISOString() };
  // A page holds at most CAP records (the browser gets them all, for sorting and CSV); beyond that
  // it says so, and the figure's own API or a narrower window gives the rest.
  const body = async (f: keyof typeof TITLES): Promise<[React.ReactNode, number]> => {
    const r = rt.store.reader;
    switch (f) {
      case 'on-time-ship-rate': {
        const rows = await explainShipped(r, win, CAP);
        return [<ExplainShipped key={f} rows={rows} {...span} />, rows.length];
      }
      case 'inventory-accuracy': {
        const rows = await explainCounts(r, win, tol, CAP);
        return [<ExplainCounts key={f} rows={rows} {...span} />, rows.length];
      }
      case 'refund-cycle-time': {
        const rows = await explainRefunds(r, win, CAP);
        return [<ExplainRefunds key={f} rows={rows} {...span} />, rows.length];
      }
      case 'channel-margin': {
        const rows = await explainMargin(r, win, CAP);
        return [<ExplainMargin key={f} rows={rows} {...span} />, rows.length];
      }
      case 'open-exceptions': {
        const rows = await listExceptions(r, { status: 'open', scope: win.scope, limit: CAP }, rt.config.slaMinutes);
        return [<ExplainExceptions key={f} rows={rows} />, rows.length];
      }
    }
  };
  const [list, n] = await body(figure as keyof typeof TITLES);
  return (
    <>
      <PageHeader title={TITLES[figure as keyof typeof TITLES]}>
        <A href={back}>Back to the board</A>
      </PageHeader>
      <ViewFreshness />
      {n >= CAP && (
        <p role="note" className="mb-2 text-sm text-amber-900">
          More than {CAP.toLocaleString('en-US')} records: the first {CAP.toLocaleString('en-US')} are listed. Narrow
          the window or filters to see them all.
        </p>
      )}
      {list}
    </>
  );
}
