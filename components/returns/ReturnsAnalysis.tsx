'use client';
import Link from 'next/link';
import { chooseAt, type Drill, LEVEL_NAMES } from '@/lib/drill';
import { DrillNav, drillHref, label } from './DrillNav';
import type { HeldInventory } from '@/lib/queries/getHeldInventory';
import type { RefundCycleTime } from '@/lib/queries/getRefundCycleTime';
import type { ReasonRow, ReturnReasons } from '@/lib/queries/getReturnReasons';
import type { ReturnsSummary } from '@/lib/queries/getReturnsSummary';
import { Bars, TimeLines } from '../charts';
import { fmtMoney, fmtNumber, fmtPct } from '../format';
import { useLiveRefresh } from '../live';
import { SimpleTable } from '../table/SimpleTable';
import { DataTable, type Column } from '../table/DataTable';
import { Card, EmptyState, linkClass } from '../ui';

/** A legend name as people write it: "changed_mind" → "Changed mind". */
const legendName = (s: string) => (s ? `${s[0].toUpperCase()}${label(s.slice(1))}` : s);

export function ReturnsAnalysis({
  reasons,
  summary,
  cycle,
  held,
  drill,
  query,
}: {
  reasons: ReturnReasons;
  summary: ReturnsSummary;
  cycle: RefundCycleTime;
  held: HeldInventory[];
  drill: Drill;
  /** The page's search params, to build drill-down links that keep window and filters. */
  query: Record<string, string>;
}) {
  useLiveRefresh(['kpi:update'], 10_000);
  const level = drill.level;
  const levelName = LEVEL_NAMES[level];
  const href = (change: Record<string, string | null>) => drillHref(query, change);
  const columns: Column<ReasonRow>[] = [
    {
      accessorKey: 'key',
      header: levelName,
      cell: (c) => {
        const choose = chooseAt(drill, String(c.getValue()));
        return choose ? (
          <Link className={linkClass} href={href(choose)}>
            {label(String(c.getValue()))}
          </Link>
        ) : (
          String(c.getValue())
        );
      },
    },
    { accessorKey: 'returns', header: 'Returns' },
    { accessorKey: 'units', header: 'Units' },
    { accessorKey: 'share_pct', header: 'Share', cell: (c) => fmtPct(c.getValue() as number | null) },
    { accessorKey: 'return_rate_pct', header: 'Return rate', cell: (c) => fmtPct(c.getValue() as number | null) },
    { accessorKey: 'refunds', header: 'Refunds', cell: (c) => fmtMoney(c.getValue() as number) },
  ];
  const keys = [...new Set(reasons.rows.slice(0, 6).map((r) => r.key))];
  const buckets = [...new Set(reasons.trend.map((t) => t.bucket))].sort();
  const trend = buckets.map((b) => ({
    bucket: b,
    ...Object.fromEntries(keys.map((k) => [k, reasons.trend.find((t) => t.bucket === b && t.key === k)?.returns ?? 0])),
  }));
  const stage = (name: string, d: RefundCycleTime['received_to_refund_hours']) => ({
    stage: name,
    p50: d.p50,
    p90: d.p90,
  });
  return (
    <div className="space-y-4">
      <DrillNav drill={drill} href={href} />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Figure
          name="Return rate"
          value={fmtPct(summary.return_rate_pct)}
          note={
            summary.units_shipped > 0
              ? `${fmtNumber(summary.units_returned)} of ${fmtNumber(summary.units_shipped)} units shipped`
              : `${fmtNumber(summary.units_returned)} units returned; no units shipped in this window and slice to compare with`
          }
        />
        <Figure name="Returns" value={fmtNumber(summary.returns)} />
        <Figure name="Refunds" value={fmtMoney(summary.refunds)} />
        <Figure
          name="Refund p50 (receipt → refund)"
          value={`${fmtNumber(cycle.received_to_refund_hours.p50, 1)} h`}
          note={`over ${fmtNumber(cycle.received_to_refund_hours.n)} refunds after receipt`}
        />
      </div>
      <Card title={`Returns by ${levelName.toLowerCase()}${drill.steps.map((s) => ` · ${label(s.value)}`).join('')}`}>
        <DataTable
          label={`returns by ${levelName.toLowerCase()}`}
          filename={`returns-by-${level}.csv`}
          rows={reasons.rows}
          columns={columns}
          initialSort={[{ id: 'returns', desc: true }]}
          rowKey={(r) => r.key}
          empty="No returns in this window and slice."
        />
      </Card>
      <Card title="Trend">
        {trend.length === 0 ? (
          <EmptyState>No returns to chart.</EmptyState>
        ) : (
          <TimeLines
            rows={trend}
            series={keys}
            nameOf={level === 'reason' ? legendName : label}
            yLabel="returns"
            label={`Returns over time by ${levelName.toLowerCase()}`}
          />
        )}
      </Card>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
        <Card title="Disposition mix (units inspected)">
          {summary.disposition_mix.length === 0 ? (
            <EmptyState>Nothing inspected.</EmptyState>
          ) : (
            <Bars
              rows={summary.disposition_mix.map((d) => ({ ...d, disposition: label(d.disposition) }))}
              x="disposition"
              series={[{ key: 'units', label: 'Units' }]}
              yLabel="units"
              label="Disposition mix"
            />
          )}
        </Card>
        <Card title="Refund cycle time by stage (hours)">
          <Bars
            rows={[
              stage('requested → received', cycle.stages.requested_to_received_hours),
              stage('received → inspected', cycle.stages.received_to_inspected_hours),
              stage('inspected → refunded', cycle.stages.inspected_to_refunded_hours),
            ]}
            x="stage"
            series={[
              { key: 'p50', label: 'p50' },
              { key: 'p90', label: 'p90' },
            ]}
            yLabel="hours"
            label="Refund cycle time by stage"
            unit=" h"
          />
          <p className="text-xs text-slate-700">
            {fmtNumber(cycle.refunded_before_receipt)} of {fmtNumber(cycle.refunds)} refunds were paid before the return
            was received and are left out of the receipt-based stages.
          </p>
        </Card>
        <Card title="Stock held from returns (now)">
          <SimpleTable
            label="Stock held in non-sellable states"
            rows={held}
            rowKey={(h) => h.state}
            columns={[
              { header: 'State', cell: (h) => label(h.state) },
              { header: 'Units', cell: (h) => fmtNumber(h.units), num: true },
              { header: 'Value', cell: (h) => fmtMoney(h.value), num: true },
            ]}
          />
        </Card>
      </div>
    </div>
  );
}

/** A summary card, named for screen readers and tests by its label. */
function Figure({ name, value, note }: { name: string; value: string; note?: string }) {
  return (
    <Card>
      <div role="group" aria-label={name}>
        <p className="text-sm text-slate-700">{name}</p>
        <p className="text-2xl font-semibold">{value}</p>
        {note && <p className="text-xs text-slate-700">{note}</p>}
      </div>
    </Card>
  );
}
