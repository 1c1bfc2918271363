import { inWarehouses, scopeParams, type WarehouseScope } from '../auth/scope';
import { queryRows, type Store } from '../store/client';
import { fromChTime } from '../store/time';
import { num } from './params';

export interface OrderHit {
  order_id: string;
  status: string;
  channel: string;
  customer_ref: string;
  warehouse_id: string;
  created_at: string | null;
  ship_by: string | null;
  tracking_id: string;
  revenue: number;
  matched: 'order_id' | 'customer_ref' | 'tracking_id' | 'rma_id';
}

// Exact order id, customer ref, tracking id or return (RMA) id (each its own branch so the primary key and the bloom
// filters apply), then order ids starting with the text.
const SQL = `
WITH hits AS (
  SELECT order_id, 'order_id' AS matched, 0 AS rank FROM orders_current WHERE order_id = {q:String}
  UNION ALL SELECT order_id, 'customer_ref', 1 FROM orders_current WHERE customer_ref = {q:String}
  UNION ALL SELECT order_id, 'tracking_id', 1 FROM orders_current WHERE tracking_id = {q:String}
  UNION ALL SELECT order_id, 'tracking_id', 1 FROM parcels_current WHERE tracking_id = {q:String}
  UNION ALL SELECT order_id, 'rma_id', 1 FROM returns_current WHERE rma_id = {q:String}
  UNION ALL SELECT order_id, 'order_id', 2 FROM orders_current WHERE startsWith(order_id, {q:String}) AND length({q:String}) >= 3
)
SELECT o.order_id AS order_id, o.status AS status, o.channel AS channel, o.customer_ref AS customer_ref, o.warehouse_id AS warehouse_id,
       o.created_at AS created_at, o.ship_by AS ship_by, o.tracking_id AS tracking_id, o.revenue AS revenue, h.matched AS matched, h.best AS best
FROM (SELECT order_id, argMin(matched, rank) AS matched, min(rank) AS best FROM hits GROUP BY order_id) AS h
INNER JOIN (SELECT * FROM orders_current FINAL WHERE order_id IN (SELECT order_id FROM hits) AND ${inWarehouses('warehouse_id')}) AS o ON o.order_id = h.order_id
ORDER BY best, o.created_at DESC
LIMIT {limit:UInt32}`;

/** GET /api/orders?q=: by order id, customer ref, tracking id or RMA, among the orders the reader may see. */
export async function searchOrders(store: Store, q: string, scope: WarehouseScope, limit = 50): Promise<OrderHit[]> {
  const rows = await queryRows<Record<string, unknown>>(store, SQL, { q, limit, ...scopeParams(scope) });
  return rows.map((r) => ({
    order_id: String(r.order_id),
    status: String(r.status),
    channel: String(r.channel),
    customer_ref: String(r.customer_ref),
    warehouse_id: String(r.warehouse_id),
    created_at: fromChTime(r.created_at as string | null),
    ship_by: fromChTime(r.ship_by as string | null),
    tracking_id: String(r.tracking_id),
    revenue: num(r.revenue),
    matched: r.matched as OrderHit['matched'],
  }));
}
