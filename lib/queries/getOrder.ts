import { queryRows, type Store } from '../store/client';
import { fromChTime } from '../store/time';
import { num } from './params';

export interface OrderLine {
  sku: string;
  qty: number;
  unit_price: number;
  unit_cost: number;
  category: string;
}
export interface Order {
  order_id: string;
  status: string;
  channel: string;
  customer_ref: string;
  warehouse_id: string;
  ship_by: string | null;
  created_at: string | null;
  allocated_at: string | null;
  picked_at: string | null;
  packed_at: string | null;
  shipped_at: string | null;
  cancelled_at: string | null;
  delivered_at: string | null;
  held: boolean;
  hold_reason: string;
  carrier: string;
  tracking_id: string;
  service_level: string;
  promised_delivery_at: string | null;
  expedited_at: string | null;
  lines: OrderLine[];
  money: {
    revenue: number;
    goods: number;
    shipping_charged: number;
    fees: number;
    cogs: number;
    shipping_cost: number;
  };
  shipment: {
    carrier: string;
    tracking_id: string;
    picked_up_at: string | null;
    last_scan_at: string | null;
    last_location: string;
    delivered_at: string | null;
    open_exceptions: number;
  } | null;
}

const SQL = `
SELECT o.*, p.carrier AS p_carrier, p.tracking_id AS p_tracking_id, p.picked_up_at AS p_picked_up_at, p.last_scan_at AS p_last_scan_at,
       p.last_location AS p_last_location, p.delivered_at AS p_delivered_at, p.open_exceptions AS p_open_exceptions, p.order_id AS p_order_id
FROM (SELECT * FROM orders_current FINAL WHERE order_id = {id:String}) AS o
FULL JOIN (SELECT * FROM parcels_current FINAL WHERE order_id = {id:String}) AS p ON p.order_id = o.order_id`;

/** The order's current state (orders_current) with its parcel; null when nothing is known of it. */
export async function getOrder(store: Store, orderId: string): Promise<Order | null> {
  const [r] = await queryRows<Record<string, unknown>>(store, SQL, { id: orderId });
  if (!r) return null;
  const t = (k: string) => fromChTime(r[k] as string | null);
  const s = (k: string) => String(r[k] ?? '');
  const hasParcel = s('p_order_id') !== '';
  const delivered = hasParcel ? t('p_delivered_at') : null;
  const status = s('status') || 'unknown';
  const skus = (r['lines.sku'] as string[]) ?? [];
  const lines = skus.map((sku, i) => ({
    sku,
    qty: num((r['lines.qty'] as number[])[i]),
    unit_price: num((r['lines.unit_price'] as number[])[i]),
    unit_cost: num((r['lines.unit_cost'] as number[])[i]),
    category: String((r['lines.category'] as string[])[i] ?? ''),
  }));
  const goods = Math.round(lines.reduce((a, l) => a + l.unit_price * l.qty, 0) * 100) / 100;
  return {
    order_id: orderId,
    status: status === 'shipped' && delivered ? 'delivered' : status,
    channel: s('channel'),
    customer_ref: s('customer_ref'),
    warehouse_id: s('warehouse_id'),
    ship_by: t('ship_by'),
    created_at: t('created_at'),
    allocated_at: t('allocated_at'),
    picked_at: t('picked_at'),
    packed_at: t('packed_at'),
    shipped_at: t('shipped_at'),
    cancelled_at: t('cancelled_at'),
    delivered_at: delivered,
    held: num(r.held) === 1,
    hold_reason: s('hold_reason'),
    carrier: s('carrier') || s('p_carrier'),
    tracking_id: s('tracking_id') || s('p_tracking_id'),
    service_level: s('service_level'),
    promised_delivery_at: t('promised_delivery_at'),
    expedited_at: t('expedited_at'),
    lines,
    money: {
      revenue: num(r.revenue),
      goods,
      shipping_charged: num(r.shipping_charged),
      fees: num(r.fees),
      cogs: num(r.cogs),
      shipping_cost: num(r.shipping_cost),
    },
    shipment: hasParcel
      ? {
          carrier: s('p_carrier'),
          tracking_id: s('p_tracking_id'),
          picked_up_at: t('p_picked_up_at'),
          last_scan_at: t('p_last_scan_at'),
          last_location: s('p_last_location'),
          delivered_at: delivered,
          open_exceptions: num(r.p_open_exceptions),
        }
      : null,
  };
}
