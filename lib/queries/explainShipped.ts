import { queryRows, type Store } from '../store/client';
import { fromChTime } from '../store/time';
import { inWarehouses, inWindow, num, type Window, windowParams } from './params';

export interface ShippedOrder {
  order_id: string;
  channel: string;
  warehouse_id: string;
  shipped_at: string;
  ship_by: string | null;
  on_time: boolean;
}

// The same facts, window and filters as the on-time ship rate (getFulfilment), one row per order,
// so the list and the figure agree exactly.
const SQL = `
SELECT f.order_id AS order_id, f.channel AS channel, f.warehouse_id AS warehouse_id, f.shipped AS shipped_at, o.ship_by AS ship_by, f.on_time AS on_time
FROM (
  SELECT order_id, channel, warehouse_id, max(t) AS shipped, sum(on_time) AS on_time
  FROM order_facts
  WHERE fact = 'shipped' AND ${inWindow()}
    AND ({channel:String} = '' OR channel = {channel:String}) AND ${inWarehouses('warehouse_id')}
  GROUP BY order_id, channel, warehouse_id HAVING sum(n) > 0
) AS f
LEFT JOIN (SELECT order_id, ship_by FROM orders_current FINAL WHERE order_id IN (
  SELECT order_id FROM order_facts WHERE fact = 'shipped' AND ${inWindow()})) AS o ON o.order_id = f.order_id
ORDER BY f.shipped DESC
LIMIT {limit:UInt32}`;

/** The orders behind the on-time ship rate: shipped in the window, each on time or late. */
export async function explainShipped(store: Store, w: Window, limit = 100_000): Promise<ShippedOrder[]> {
  const rows = await queryRows<Record<string, unknown>>(store, SQL, { ...windowParams(w), limit });
  return rows.map((r) => ({
    order_id: String(r.order_id),
    channel: String(r.channel),
    warehouse_id: String(r.warehouse_id),
    shipped_at: fromChTime(String(r.shipped_at))!,
    ship_by: fromChTime(r.ship_by as string | null),
    on_time: num(r.on_time) > 0,
  }));
}
