'use client';
import type { CountRow } from '@/lib/queries/explainCounts';
import type { ShippedOrder } from '@/lib/queries/explainShipped';
import type { RefundRow } from '@/lib/queries/explainRefunds';
import type { MarginRecord } from '@/lib/queries/explainMargin';
import type { ExceptionView } from '@/lib/queries/listExceptions';
import { categoryLabel } from '@/lib/events/categories';
import { humanDuration } from '@/lib/text/duration';
import { fmtMoney, fmtNumber, fmtPct } from '../format';
import { LocalTime } from '../LocalTime';
import { DataTable, type Column } from '../table/DataTable';
import { MARGIN_COMPONENTS, moneyColumn, OrderLink } from '../table/cells';
import { Badge, EmptyState } from '../ui';

const share = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);

function Summary({ children, from, to }: { children: React.ReactNode; from: string; to: string }) {
  return (
    <p className="mb-3 text-sm text-slate-800">
      {children} From <LocalTime iso={from} /> to <LocalTime iso={to} /> (your time). Export the list as CSV below.
    </p>
  );
}

/** Every order shipped in the window, on time or late by how much: the on-time ship rate is their share. */
export function ExplainShipped({ rows, from, to }: { rows: ShippedOrder[]; from: string; to: string }) {
  const onTime = rows.filter((r) => r.on_time).length;
  const columns: Column<ShippedOrder>[] = [
    {
      accessorKey: 'order_id',
      header: 'Order',
      cell: (c) => <OrderLink id={c.row.original.order_id} />,
    },
    { accessorKey: 'channel', header: 'Channel' },
    { accessorKey: 'warehouse_id', header: 'Warehouse' },
    { accessorKey: 'ship_by', header: 'Ship by', cell: (c) => <LocalTime iso={c.row.original.ship_by} /> },
    { accessorKey: 'shipped_at', header: 'Shipped', cell: (c) => <LocalTime iso={c.row.original.shipped_at} /> },
    {
      id: 'on_time',
      header: 'On time',
      accessorFn: (o) => (o.on_time ? 'on time' : 'late'),
      cell: (c) => {
        const o = c.row.original;
        if (o.on_time) return <Badge tone="good">on time</Badge>;
        const late = o.ship_by ? Date.parse(o.shipped_at) - Date.parse(o.ship_by) : null;
        return <Badge tone="warning">late{late !== null && late > 0 ? ` by ${humanDuration(late)}` : ''}</Badge>;
      },
    },
  ];
  if (rows.length === 0) return <EmptyState>No orders shipped in this window.</EmptyState>;
  return (
    <>
      <Summary from={from} to={to}>
        {fmtNumber(rows.length)} orders shipped, {fmtNumber(onTime)} on time: {fmtPct(share(onTime, rows.length))}.
      </Summary>
      <DataTable
        rows={rows}
        columns={columns}
        label="Shipped orders"
        filename="on-time-ship-rate"
        rowKey={(o) => o.order_id}
      />
    </>
  );
}

/** Every cycle count in the window, within tolerance or not: inventory accuracy is their share. */
export function ExplainCounts({ rows, from, to }: { rows: CountRow[]; from: string; to: string }) {
  const accurate = rows.filter((r) => r.accurate).length;
  const columns: Column<CountRow>[] = [
    { accessorKey: 'counted_at', header: 'Counted', cell: (c) => <LocalTime iso={c.row.original.counted_at} /> },
    { accessorKey: 'location', header: 'Location' },
    { accessorKey: 'sku', header: 'SKU' },
    { accessorKey: 'expected_qty', header: 'Expected' },
    { accessorKey: 'counted_qty', header: 'Counted qty' },
    {
      id: 'accurate',
      header: 'Within tolerance',
      accessorFn: (r) => (r.accurate ? 'yes' : 'no'),
      cell: (c) => (c.row.original.accurate ? <Badge tone="good">yes</Badge> : <Badge tone="warning">no</Badge>),
    },
  ];
  if (rows.length === 0) return <EmptyState>No cycle counts in this window.</EmptyState>;
  return (
    <>
      <Summary from={from} to={to}>
        {fmtNumber(rows.length)} counts, {fmtNumber(accurate)} within tolerance: {fmtPct(share(accurate, rows.length))}.
      </Summary>
      <DataTable rows={rows} columns={columns} label="Cycle counts" filename="inventory-accuracy" />
    </>
  );
}

/** Every return refunded in the window, with receipt-to-refund hours (none if refunded before receipt). */
export function ExplainRefunds({ rows, from, to }: { rows: RefundRow[]; from: string; to: string }) {
  const before = rows.filter((r) => r.refunded_before_receipt).length;
  const columns: Column<RefundRow>[] = [
    { accessorKey: 'rma_id', header: 'Return' },
    {
      accessorKey: 'order_id',
      header: 'Order',
      cell: (c) => <OrderLink id={c.row.original.order_id} />,
    },
    {
      id: 'hours',
      header: 'Receipt → refund',
      accessorFn: (r) => r.received_to_refund_hours ?? -1,
      cell: (c) => {
        const h = c.row.original.received_to_refund_hours;
        return h === null ? 'refunded before receipt' : humanDuration(h * 3_600_000);
      },
      csv: (r) => r.received_to_refund_hours ?? '',
    },
  ];
  if (rows.length === 0) return <EmptyState>No refunds in this window.</EmptyState>;
  return (
    <>
      <Summary from={from} to={to}>
        {fmtNumber(rows.length)} returns refunded, {fmtNumber(before)} of them before receipt (left out of the
        receipt-based hours).
      </Summary>
      <DataTable rows={rows} columns={columns} label="Refunded returns" filename="refund-cycle-time" />
    </>
  );
}

/** Every exception open now, oldest first: the open-exceptions tile is their count. */
export function ExplainExceptions({ rows }: { rows: ExceptionView[] }) {
  const breached = rows.filter((x) => x.breached).length;
  const columns: Column<ExceptionView>[] = [
    { accessorKey: 'category', header: 'Category', cell: (c) => categoryLabel(String(c.getValue())) },
    { id: 'record', header: 'Record', accessorFn: (x) => x.order_id ?? x.entity.id },
    { accessorKey: 'warehouse_id', header: 'Warehouse', cell: (c) => String(c.getValue() ?? '—') },
    { accessorKey: 'opened_at', header: 'Opened', cell: (c) => <LocalTime iso={c.row.original.opened_at} /> },
    {
      id: 'sla',
      header: 'SLA',
      accessorFn: (x) => (x.breached ? 'past SLA' : 'within SLA'),
      cell: (c) =>
        c.row.original.breached ? <Badge tone="critical">past SLA</Badge> : <Badge tone="good">within SLA</Badge>,
    },
    { accessorKey: 'detail', header: 'Detail' },
  ];
  if (rows.length === 0) return <EmptyState>No exceptions are open.</EmptyState>;
  return (
    <>
      <p className="mb-3 text-sm text-slate-800">
        {fmtNumber(rows.length)} exceptions open now, {fmtNumber(breached)} past their SLA. Export the list as CSV
        below.
      </p>
      <DataTable
        rows={rows}
        columns={columns}
        label="Open exceptions"
        filename="open-exceptions"
        rowKey={(x) => x.exception_id}
      />
    </>
  );
}

/** Every order shipped and return costed in the window, with its components: channel margin is their sum. */
export function ExplainMargin({ rows, from, to }: { rows: MarginRecord[]; from: string; to: string }) {
  const total = rows.reduce((t, r) => ({ revenue: t.revenue + r.revenue, margin: t.margin + r.margin }), {
    revenue: 0,
    margin: 0,
  });
  const columns: Column<MarginRecord>[] = [
    { accessorKey: 'kind', header: 'Kind' },
    {
      accessorKey: 'record',
      header: 'Record',
      cell: (c) => <OrderLink id={c.row.original.order_id}>{c.row.original.record}</OrderLink>,
    },
    { accessorKey: 'channel', header: 'Channel' },
    ...MARGIN_COMPONENTS.map(([k, h]) => moneyColumn<MarginRecord>(k, h)),
  ];
  if (rows.length === 0) return <EmptyState>No shipments or returns in this window.</EmptyState>;
  return (
    <>
      <Summary from={from} to={to}>
        {fmtNumber(rows.filter((r) => r.kind === 'order').length)} orders shipped and{' '}
        {fmtNumber(rows.filter((r) => r.kind === 'return').length)} returns costed: margin {fmtMoney(total.margin)} on{' '}
        {fmtMoney(total.revenue)} revenue.
      </Summary>
      <DataTable rows={rows} columns={columns} label="Margin records" filename="channel-margin" />
    </>
  );
}
