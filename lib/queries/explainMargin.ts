import { queryRows, type Store } from '../store/client';
import type { ChannelMargin } from './getChannelMargin';
import { inWarehouses, inWindow, LINE_COST, num, RETURN_WAREHOUSE, type Window, windowParams } from './params';

/** One order or return, with its part of each channel-margin component (the same fields as the tile). */
export type MarginRecord = {
  kind: 'order' | 'return';
  /** The order id, or the return's RMA. */
  record: string;
  order_id: string;
  channel: string;
} & Pick<
  ChannelMargin,
  'revenue' | 'cogs' | 'shipping_cost' | 'fees' | 'return_shipping' | 'refunds' | 'cogs_recovered' | 'margin'
>;

// The same facts, windows and filters as channel margin (getChannelMargin), one row per order or
// return instead of per channel: the channel's components are the sums of these rows.
const SQL = `
SELECT * FROM (
SELECT 'order' AS kind, order_id AS record, order_id, channel, toFloat64(sum(revenue)) AS revenue, toFloat64(sum(cogs)) AS cogs,
       toFloat64(sum(shipping_cost)) AS shipping_cost, toFloat64(sum(fees)) AS fees,
       toFloat64(0) AS return_shipping, toFloat64(0) AS refunds, toFloat64(0) AS cogs_recovered
FROM order_facts
WHERE fact = 'shipped' AND ${inWindow()}
  AND ({channel:String} = '' OR channel = {channel:String}) AND ${inWarehouses('warehouse_id')}
GROUP BY order_id, channel
HAVING sum(n) != 0 OR revenue != 0 OR cogs != 0
UNION ALL
SELECT 'return', r.rma_id, any(r.order_id), i.channel AS channel, 0, 0, 0, 0,
       toFloat64(sumIf(r.label_cost, r.fact = 'authorized')) AS return_shipping,
       toFloat64(sumIf(r.amount - r.restocking_fee, r.fact = 'refunded')) AS refunds,
       sumIf(r.units * toFloat64(${LINE_COST}), r.fact = 'inspected' AND r.disposition = 'restock') AS cogs_recovered
FROM return_facts AS r
LEFT JOIN order_info AS i ON i.order_id = r.order_id
WHERE r.fact IN ('authorized', 'refunded', 'inspected') AND ${inWindow('r.t')}
  AND ({channel:String} = '' OR i.channel = {channel:String}) AND ${inWarehouses(RETURN_WAREHOUSE)}
GROUP BY r.rma_id, channel
HAVING return_shipping != 0 OR refunds != 0 OR cogs_recovered != 0
)
ORDER BY channel, kind, record
LIMIT {limit:UInt32}
SETTINGS join_algorithm = 'direct,hash'`;

/** The orders and returns behind channel margin, each with its components and its part of the margin. */
export async function explainMargin(store: Store, w: Window, limit = 100_000): Promise<MarginRecord[]> {
  const rows = await queryRows<Record<string, unknown>>(store, SQL, { ...windowParams(w), limit });
  return rows.map((r) => {
    const m = {
      revenue: num(r.revenue),
      cogs: num(r.cogs),
      shipping_cost: num(r.shipping_cost),
      fees: num(r.fees),
      return_shipping: num(r.return_shipping),
      refunds: num(r.refunds),
      cogs_recovered: num(r.cogs_recovered),
    };
    return {
      kind: r.kind as MarginRecord['kind'],
      record: String(r.record),
      order_id: String(r.order_id),
      channel: String(r.channel),
      ...m,
      margin: m.revenue - m.cogs - m.shipping_cost - m.fees - m.return_shipping - m.refunds + m.cogs_recovered,
    };
  });
}
