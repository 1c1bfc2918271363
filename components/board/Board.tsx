'use client';
import { marginPctOf } from '@/lib/boardFigures';
import { useSearchParams } from 'next/navigation';
import type { KpiTrendBase, Kpis } from '@/lib/kpis';
import type { KpiPoint } from '@/lib/queries/getKpiSeries';
import { Bars } from '../charts';
import { fmtMoney, fmtNumber, fmtPct } from '../format';
import { categoryLabel } from '@/lib/events/categories';
import { humanDuration } from '@/lib/text/duration';
import { useLiveRefresh } from '../live';
import { DataTable, type Column } from '../table/DataTable';
import { MARGIN_COMPONENTS, moneyColumn } from '../table/cells';
import { Card, EmptyState } from '../ui';
import { KpiTile } from './KpiTile';
import { Definition } from './Definition';
import { LocalTime } from '../LocalTime';
import { DEFINITIONS, type DefinitionContext, type DefinitionKey } from '@/lib/text/definitions';

type Margin = Kpis['channel_margin'][number];
type Queue = Kpis['exception_queues']['by_category'][number];

const num =
  (d = 0) =>
  (n: number | null) =>
    fmtNumber(n, d);

/** A duration given in minutes, as people say it ("13 d 20 h"), or — when there is none. */
const minutes = (m: number | null) => (m === null || m === undefined ? '—' : humanDuration(m * 60_000));

export function Board({
  kpis,
  previous,
  series,
  context,
}: {
  kpis: Kpis;
  previous: KpiTrendBase;
  series: KpiPoint[];
  context: DefinitionContext;
}) {
  useLiveRefresh(['kpi:update'], 5000);
  const window = (
    <>
      <LocalTime iso={kpis.window.from} /> to <LocalTime iso={kpis.window.to} /> (your time), compared with the same
      length of time just before it.
    </>
  );
  const query = useSearchParams().toString();
  const explain = (figure: string, label: string) => ({ href: `/explain/${figure}${query ? `?${query}` : ''}`, label });
  const define = (key: DefinitionKey, label: string) => (
    <Definition of={DEFINITIONS[key](context)} label={label} window={window} />
  );
  const totalRevenue = kpis.channel_margin.reduce((s, c) => s + c.revenue, 0);
  const totalMargin = kpis.channel_margin.reduce((s, c) => s + c.margin, 0);
  const marginPct = marginPctOf(kpis.channel_margin);
  const prevMarginPct = marginPctOf(previous.channel_margin);
  const pick = <K extends keyof KpiPoint>(k: K) => series.map((p) => p[k] as number | null);
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-5">
        <KpiTile
          label="Inventory accuracy"
          definition={define('inventory_accuracy', 'Inventory accuracy')}
          explain={explain('inventory-accuracy', 'See the counts')}
          value={kpis.inventory_accuracy.pct}
          previous={previous.inventory_accuracy.pct}
          format={num(1)}
          unit="%"
          better="up"
          series={pick('accuracy_pct')}
          emptyNote="No cycle counts in this window."
          sub={
            <>
              {fmtNumber(kpis.inventory_accuracy.counts)} counts · value accuracy{' '}
              {fmtPct(kpis.inventory_accuracy.value_accuracy_pct)}
            </>
          }
        />
        <KpiTile
          label="Refund cycle time"
          definition={define('refund_cycle_time', 'Refund cycle time')}
          explain={explain('refund-cycle-time', 'See the returns')}
          value={kpis.refund_cycle_time.received_to_refund_hours.p50}
          previous={previous.refund_cycle_time.received_to_refund_hours.p50}
          format={num(1)}
          unit=" h"
          better="down"
          series={pick('refund_p50_hours')}
          emptyNote="No refunds of received returns in this window."
          sub={
            <>
              p50 receipt → refund · p90 {fmtNumber(kpis.refund_cycle_time.received_to_refund_hours.p90, 1)} h ·{' '}
              {fmtNumber(kpis.refund_cycle_time.refunds)} refunds
            </>
          }
        />
        <KpiTile
          label="Open exceptions"
          definition={define('exception_queues', 'Open exceptions')}
          explain={explain('open-exceptions', 'See the exceptions')}
          value={kpis.exception_queues.open}
          previous={previous.exception_queues.open_at_end}
          format={num(0)}
          better="down"
          series={pick('exceptions_opened')}
          sub={
            <>
              {fmtNumber(kpis.exception_queues.breached)} past SLA · {fmtNumber(kpis.exception_queues.opened)} opened in
              window
            </>
          }
        />
        <KpiTile
          label="Channel margin"
          definition={define('channel_margin', 'Channel margin')}
          explain={explain('channel-margin', 'See the orders and returns')}
          value={marginPct}
          previous={prevMarginPct}
          format={num(1)}
          unit="%"
          better="up"
          series={pick('margin_pct')}
          emptyNote={
            totalRevenue === 0
              ? `No orders shipped in this window, so no revenue to take a margin of${totalMargin < 0 ? `; returns and refunds still cost ${fmtMoney(-totalMargin)}` : ''}.`
              : undefined
          }
          sub={
            <>
              {fmtMoney(totalMargin)} on {fmtMoney(totalRevenue)} revenue
            </>
          }
        />
        <KpiTile
          label="On-time ship rate"
          definition={define('on_time_ship_rate', 'On-time ship rate')}
          explain={explain('on-time-ship-rate', 'See the orders')}
          value={kpis.fulfilment.on_time_ship_pct}
          previous={previous.fulfilment.on_time_ship_pct}
          format={num(1)}
          unit="%"
          better="up"
          series={pick('on_time_ship_pct')}
          emptyNote="No orders shipped in this window."
          sub={
            <>
              {fmtNumber(kpis.fulfilment.shipped)} shipped · {fmtNumber(kpis.fulfilment.created)} created ·{' '}
              {fmtNumber(kpis.fulfilment.cancelled)} cancelled
            </>
          }
        />
      </div>

      <Card title="Channel margin by component" actions={define('channel_margin', 'Channel margin')}>
        {kpis.channel_margin.length === 0 ? (
          <EmptyState>No shipments or returns in this window.</EmptyState>
        ) : (
          <>
            {/* Margin % per channel: readable when one channel sells 40× the others (money is in the table). */}
            <Bars
              label="Margin % by channel"
              rows={kpis.channel_margin.map((c) => ({ channel: c.channel, margin_pct: c.margin_pct }))}
              x="channel"
              series={[{ key: 'margin_pct', label: 'Margin %' }]}
              unit="%"
              yLabel="margin %"
            />
            <DataTable
              label="channel margin"
              filename="channel-margin.csv"
              rows={kpis.channel_margin}
              columns={[
                { accessorKey: 'channel', header: 'Channel' },
                { accessorKey: 'orders', header: 'Orders' },
                ...MARGIN_COMPONENTS.map(([k, h]) => moneyColumn<Margin>(k, h)),
                { accessorKey: 'margin_pct', header: 'Margin %', cell: (c) => fmtPct(c.getValue() as number | null) },
              ]}
            />
          </>
        )}
      </Card>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Card title="Exception queues" actions={define('exception_queues', 'Exception queues')}>
          <DataTable
            label="exception queues"
            filename="exception-queues.csv"
            rows={kpis.exception_queues.by_category}
            initialSort={[{ id: 'open', desc: true }]}
            columns={
              [
                { accessorKey: 'category', header: 'Category', cell: (c) => categoryLabel(String(c.getValue())) },
                { accessorKey: 'open', header: 'Open' },
                { accessorKey: 'breached', header: 'Past SLA' },
                {
                  accessorKey: 'oldest_age_minutes',
                  header: 'Oldest open',
                  cell: (c) => minutes(c.getValue() as number | null),
                },
                { accessorKey: 'opened', header: 'Opened' },
                { accessorKey: 'resolved', header: 'Resolved' },
                {
                  accessorKey: 'mean_time_to_resolve_minutes',
                  header: 'Mean time to resolve',
                  cell: (c) => minutes(c.getValue() as number | null),
                },
              ] as Column<Queue>[]
            }
          />
        </Card>
        <Card title="Returns" actions={define('returns', 'Returns')}>
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-slate-700">Return rate</dt>
              <dd className="text-xl font-semibold">{fmtPct(kpis.returns.return_rate_pct)}</dd>
            </div>
            <div>
              <dt className="text-slate-700">Returns</dt>
              <dd className="text-xl font-semibold">{fmtNumber(kpis.returns.returns)}</dd>
            </div>
            <div>
              <dt className="text-slate-700">Refunds</dt>
              <dd className="text-xl font-semibold">{fmtMoney(kpis.returns.refunds)}</dd>
            </div>
            <div>
              <dt className="text-slate-700">Refunded before receipt</dt>
              <dd className="text-xl font-semibold">{fmtNumber(kpis.refund_cycle_time.refunded_before_receipt)}</dd>
            </div>
          </dl>
          <h3 className="mt-4 text-sm font-medium text-slate-800">Top reasons</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {kpis.returns.by_reason.slice(0, 5).map((r) => (
              <li key={r.reason} className="flex justify-between">
                <span>{r.reason.replace(/_/g, ' ')}</span>
                <span className="tabular-nums">
                  {fmtNumber(r.returns)} ({fmtPct(r.share_pct)})
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
