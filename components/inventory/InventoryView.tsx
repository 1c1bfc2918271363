'use client';
import type { AccuracyPoint, StockRow, Variance } from '@/lib/queries/getInventoryView';
import { Bars, TimeLines } from '../charts';
import { fmtMoney, fmtNumber } from '../format';
import { useLiveRefresh } from '../live';
import { LocalTime } from '../LocalTime';
import { DataTable, type Column } from '../table/DataTable';
import { Card, EmptyState } from '../ui';

export function InventoryView({
  accuracy,
  variances,
  stock,
}: {
  accuracy: AccuracyPoint[];
  variances: Variance[];
  stock: StockRow[];
}) {
  useLiveRefresh(['kpi:update'], 10_000);
  const locations = [...new Set(accuracy.map((a) => a.location))].sort();
  const buckets = [...new Set(accuracy.map((a) => a.bucket))].sort();
  const lines = buckets.map((b) => ({
    bucket: b,
    ...Object.fromEntries(
      locations.map((l) => [l, accuracy.find((a) => a.bucket === b && a.location === l)?.pct ?? null]),
    ),
  }));
  const states = [...new Set(stock.map((s) => s.state))].sort();
  const byLocation = [...new Set(stock.map((s) => s.location))].sort().map((l) => ({
    location: l,
    ...Object.fromEntries(states.map((st) => [st, stock.find((s) => s.location === l && s.state === st)?.units ?? 0])),
  }));
  const varianceColumns: Column<Variance>[] = [
    { accessorKey: 't', header: 'Counted at', cell: (c) => <LocalTime iso={String(c.getValue())} /> },
    { accessorKey: 'sku', header: 'SKU' },
    { accessorKey: 'location', header: 'Location' },
    { accessorKey: 'expected', header: 'Expected' },
    { accessorKey: 'counted', header: 'Counted' },
    { accessorKey: 'diff', header: 'Difference', cell: (c) => fmtNumber(c.getValue() as number) },
    { accessorKey: 'value', header: 'Value off', cell: (c) => fmtMoney(c.getValue() as number | null) },
  ];
  const stockColumns: Column<StockRow>[] = [
    { accessorKey: 'location', header: 'Location' },
    { accessorKey: 'state', header: 'State', cell: (c) => String(c.getValue()).replace(/_/g, ' ') },
    { accessorKey: 'units', header: 'Units', cell: (c) => fmtNumber(c.getValue() as number) },
    { accessorKey: 'value', header: 'Value', cell: (c) => fmtMoney(c.getValue() as number) },
  ];
  return (
    <div className="space-y-4">
      <Card title="Count accuracy by location">
        {lines.length === 0 ? (
          <EmptyState>No cycle counts in this window.</EmptyState>
        ) : (
          <TimeLines rows={lines} series={locations} label="Count accuracy by location over time" unit="%" />
        )}
      </Card>
      <Card title={`Variances (${variances.length})`}>
        <DataTable
          label="count variances"
          filename="variances.csv"
          rows={variances}
          columns={varianceColumns}
          initialSort={[{ id: 't', desc: true }]}
          empty="Every count matched the record."
        />
      </Card>
      <Card title="Stock by state (now)">
        {stock.length === 0 ? (
          <EmptyState>No stock recorded.</EmptyState>
        ) : (
          <>
            <Bars
              rows={byLocation}
              x="location"
              series={states.map((s) => ({ key: s, label: s.replace(/_/g, ' ') }))}
              label="Units by state per location"
              stacked
            />
            <DataTable label="stock by state" filename="stock-by-state.csv" rows={stock} columns={stockColumns} />
          </>
        )}
      </Card>
    </div>
  );
}
