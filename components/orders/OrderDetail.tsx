'use client';
import type { Alert } from '@/lib/alerts/types';
import type { Order } from '@/lib/queries/getOrder';
import type { OrderReturn } from '@/lib/queries/getOrderReturns';
import type { TimelineEvent } from '@/lib/queries/getOrderTimeline';
import type { ExceptionView } from '@/lib/queries/listExceptions';
import { fmtCents, fmtNumber } from '../format';
import { categoryLabel } from '@/lib/events/categories';
import { humanDuration } from '@/lib/text/duration';
import { useLiveRefresh } from '../live';
import { useOrderActions, type OrderPermissions } from './OrderActions';
import { LocalTime } from '../LocalTime';
import { useSession } from '../session';
import { SimpleTable } from '../table/SimpleTable';
import { DataTable, type Column } from '../table/DataTable';
import { Badge, Card, EmptyState } from '../ui';

const STATUS_TONE: Record<string, 'good' | 'warning' | 'critical' | 'info' | 'neutral'> = {
  delivered: 'good',
  shipped: 'good',
  cancelled: 'critical',
  held: 'warning',
};

/**
 * An event's data as a person reads it: "carrier: UPS · tracking id: 1Z999 · shipping cost: $7.10";
 * lines as "2 × APP-1001"; times in UTC. The order id is the page's own and left out.
 */
/** A late record (a scan uploaded hours later, a backlog) says when the record learned of it. */
function EventTime({ occurred, recorded }: { occurred: string; recorded: string }) {
  const late = Date.parse(recorded) - Date.parse(occurred);
  return (
    <span>
      <LocalTime iso={occurred} />
      {late >= 60_000 && <span className="block text-xs text-slate-600">recorded {humanDuration(late)} later</span>}
    </span>
  );
}

function describeEvent(data: Record<string, unknown>): string {
  const value = (k: string, v: unknown): string => {
    if (Array.isArray(v))
      return v
        .map((x) =>
          x && typeof x === 'object' && 'sku' in x
            ? `${(x as { qty?: number }).qty ?? ''} × ${(x as { sku: string }).sku}`
            : value(k, x),
        )
        .join(', ');
    if (typeof v === 'number' && /cost|price|amount|charged|fee/.test(k)) return fmtCents(v);
    if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v)) return `${v.slice(0, 16).replace('T', ' ')} UTC`;
    if (v && typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
  return Object.entries(data)
    .filter(([k, v]) => k !== 'order_id' && v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${value(k, v)}`)
    .join(' · ');
}

export function OrderDetail({
  order,
  timeline,
  returns,
  exceptions,
  alerts,
  may,
}: {
  order: Partial<Order> & { order_id: string; status: string };
  may: OrderPermissions;
  timeline: TimelineEvent[];
  returns: OrderReturn[];
  exceptions: ExceptionView[];
  alerts: Alert[];
}) {
  useLiveRefresh(['exception:update', 'alert:new', 'alert:update', 'kpi:update', 'action:done'], 1000);
  const actions = useOrderActions(order.order_id);
  const priceOf = (sku: string) => order.lines?.find((l) => l.sku === sku)?.unit_price ?? 0;
  const { user } = useSession();
  const tz = order.warehouse_id ? user.timeZones[order.warehouse_id] : undefined;
  const row = (k: string, v: React.ReactNode) => (
    <div className="flex justify-between gap-4 border-b border-slate-100 py-1">
      <dt className="text-slate-700">{k}</dt>
      <dd className="text-right text-slate-900">{v}</dd>
    </div>
  );
  const eventColumns: Column<TimelineEvent>[] = [
    {
      accessorKey: 'occurred_at',
      header: 'When',
      cell: (c) => <EventTime occurred={c.row.original.occurred_at} recorded={c.row.original.recorded_at} />,
    },
    { accessorKey: 'type', header: 'Event' },
    { accessorKey: 'source', header: 'Source' },
    {
      id: 'details',
      header: 'Details',
      accessorFn: (e) => describeEvent(e.data),
      cell: (c) => <span className="text-sm text-slate-800">{describeEvent(c.row.original.data)}</span>,
    },
  ];
  return (
    <div className="space-y-4">
      {actions.dialog}
      {actions.orderButtons(order, may)}
      <p className="flex items-center gap-2">
        <Badge tone={STATUS_TONE[order.status] ?? 'info'}>{order.status}</Badge>
        {order.held && <Badge tone="warning">on hold: {order.hold_reason}</Badge>}
        {order.expedited_at && <Badge tone="info">expedited ({order.service_level})</Badge>}
      </p>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card title="Order">
          <dl className="text-sm">
            {row('Channel', order.channel ?? '—')}
            {row('Customer', order.customer_ref ?? '—')}
            {row('Warehouse', order.warehouse_id || '—')}
            {row('Ship by (warehouse time)', <LocalTime iso={order.ship_by} timeZone={tz} />)}
            {row('Ship by (your time)', <LocalTime iso={order.ship_by} />)}
            {row('Created', <LocalTime iso={order.created_at} />)}
            {row('Shipped', <LocalTime iso={order.shipped_at} />)}
          </dl>
        </Card>
        <Card title="Money">
          <dl className="text-sm">
            {row('Goods', fmtCents(order.money?.goods))}
            {row('Shipping charged', fmtCents(order.money?.shipping_charged))}
            {row('Revenue', fmtCents(order.money?.revenue))}
            {row('COGS', fmtCents(order.money?.cogs))}
            {row('Fees', fmtCents(order.money?.fees))}
            {row('Shipping cost', fmtCents(order.money?.shipping_cost))}
          </dl>
        </Card>
        <Card title="Shipment">
          {order.shipment ? (
            <dl className="text-sm">
              {row('Carrier', order.shipment.carrier)}
              {row('Tracking', order.shipment.tracking_id)}
              {row('Picked up', <LocalTime iso={order.shipment.picked_up_at} />)}
              {row(
                'Last scan',
                <>
                  {order.shipment.last_location || '—'} · <LocalTime iso={order.shipment.last_scan_at} />
                </>,
              )}
              {row('Delivered', <LocalTime iso={order.shipment.delivered_at} />)}
            </dl>
          ) : (
            <EmptyState>Not handed to a carrier yet.</EmptyState>
          )}
        </Card>
      </div>
      {order.lines && order.lines.length > 0 && (
        <Card title="Lines">
          <SimpleTable
            label="Order lines"
            rows={order.lines}
            rowKey={(l) => l.sku}
            columns={[
              { header: 'SKU', cell: (l) => l.sku },
              { header: 'Category', cell: (l) => l.category },
              { header: 'Qty', cell: (l) => fmtNumber(l.qty), num: true },
              { header: 'Unit price', cell: (l) => fmtCents(l.unit_price), num: true },
              { header: 'Unit cost', cell: (l) => fmtCents(l.unit_cost), num: true },
            ]}
          />
        </Card>
      )}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title={`Open exceptions (${exceptions.length})`}>
          {exceptions.length === 0 ? (
            <EmptyState>None.</EmptyState>
          ) : (
            <ul className="space-y-1 text-sm" aria-label="Open exceptions">
              {exceptions.map((x) => (
                <li key={x.exception_id}>
                  <Badge tone={x.breached ? 'critical' : 'neutral'}>{categoryLabel(x.category)}</Badge> {x.detail} ·{' '}
                  open {humanDuration(x.age_minutes * 60_000)}
                  {x.assignee ? ` · ${x.assignee}` : ''}
                  {actions.exceptionButtons(x, may)}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={`Alerts (${alerts.length})`}>
          {alerts.length === 0 ? (
            <EmptyState>None.</EmptyState>
          ) : (
            <ul className="space-y-1 text-sm" aria-label="Alerts">
              {alerts.map((a) => (
                <li key={a.alert_id}>
                  <Badge tone={a.severity === 'critical' ? 'critical' : 'warning'}>{a.status}</Badge> {a.title}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <Card title={`Returns (${returns.length})`}>
        {returns.length === 0 ? (
          <EmptyState>No returns.</EmptyState>
        ) : (
          <SimpleTable
            label="Returns"
            rows={returns}
            rowKey={(r) => r.rma_id}
            columns={[
              { header: 'RMA', cell: (r) => r.rma_id },
              { header: 'SKU', cell: (r) => `${r.sku} × ${r.qty}` },
              { header: 'Reason', cell: (r) => r.reason.replace(/_/g, ' ') },
              { header: 'Status', cell: (r) => r.status },
              {
                header: 'Refund',
                cell: (r) => (
                  <>
                    {r.refund.status === 'refunded'
                      ? `${fmtCents(r.refund.amount)} refunded`
                      : r.refund.status === 'approved'
                        ? `${fmtCents(r.refund.approved_amount)} approved`
                        : 'not refunded'}
                    {actions.refundButton(r, may, priceOf(r.sku) * (r.qty ?? 1))}
                  </>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card title={`Timeline (${timeline.length} events)`}>
        <DataTable
          label="order timeline"
          filename={`order-${order.order_id}-timeline.csv`}
          rows={timeline}
          columns={eventColumns}
          pageSize={50}
          rowKey={(e) => e.event_id}
        />
      </Card>
    </div>
  );
}
