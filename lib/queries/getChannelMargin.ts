import { queryRows, type Store } from '../store/client';
import { inWarehouses, inWindow, LINE_COST, num, RETURN_WAREHOUSE, round, type Window, windowParams } from './params';

import type { MarginKey } from '../margin';

export { MARGIN_KEYS, type MarginKey } from '../margin';

export type ChannelMargin = { channel: string; orders: number; margin_pct: number | null } & Record<MarginKey, number>;

/**
 * Channel margin's two sides, one row per channel, or per order and per return for the figure's
 * record list (explainMargin): the same facts, filters and components either way, so the list sums
 * to the figure. Order side: orders shipped in the window. Return side: labels of returns
 * authorized, refunds (net of restocking fees) of returns refunded, and COGS of units restocked
 * after inspection in the window, under their order's channel (order_info, read by key with a
 * direct join). Both texts are constants; only bound parameters vary.
 */
export const marginSides = (by: 'channel' | 'record') => `
  SELECT ${by === 'record' ? "'order' AS kind, order_id AS record, order_id," : ''}
         channel, sum(n) AS orders, toFloat64(sum(revenue)) AS revenue, toFloat64(sum(cogs)) AS cogs,
         toFloat64(sum(shipping_cost)) AS shipping_cost, toFloat64(sum(fees)) AS fees,
         toFloat64(0) AS return_shipping, toFloat64(0) AS refunds, toFloat64(0) AS cogs_recovered
  FROM order_facts
  WHERE fact = 'shipped' AND ${inWindow()}
    AND ({channel:String} = '' OR channel = {channel:String}) AND ${inWarehouses('warehouse_id')}
  GROUP BY ${by === 'record' ? 'order_id, channel' : 'channel'}
  UNION ALL
  SELECT ${by === 'record' ? "'return', r.rma_id, any(r.order_id)," : ''} i.channel AS channel, 0, 0, 0, 0, 0,
         toFloat64(sumIf(r.label_cost, r.fact = 'authorized')),
         toFloat64(sumIf(r.amount - r.restocking_fee, r.fact = 'refunded')),
         sumIf(r.units * toFloat64(${LINE_COST}), r.fact = 'inspected' AND r.disposition = 'restock')
  FROM return_facts AS r
  LEFT JOIN order_info AS i ON i.order_id = r.order_id
  WHERE r.fact IN ('authorized', 'refunded', 'inspected') AND ${inWindow('r.t')}
    AND ({channel:String} = '' OR i.channel = {channel:String}) AND ${inWarehouses(RETURN_WAREHOUSE)}
  GROUP BY ${by === 'record' ? 'r.rma_id, channel' : 'channel'}`;

/** A row of components (a channel's, or one record's) whose facts were not all retracted. */
export const MARGIN_NONZERO =
  'orders != 0 OR revenue != 0 OR cogs != 0 OR return_shipping != 0 OR refunds != 0 OR cogs_recovered != 0';

const SQL = `
SELECT channel, sum(orders) AS orders, sum(revenue) AS revenue, sum(cogs) AS cogs, sum(shipping_cost) AS shipping_cost,
       sum(fees) AS fees, sum(return_shipping) AS return_shipping, sum(refunds) AS refunds, sum(cogs_recovered) AS cogs_recovered
FROM (${marginSides('channel')})
GROUP BY channel
-- A channel whose facts were all retracted (a shipment applied before its order) sums to zero.
HAVING ${MARGIN_NONZERO}
ORDER BY channel
SETTINGS join_algorithm = 'direct,hash'`;

/** The SPEC formula over a row of components: margin = revenue − costs − returns + recovered COGS. */
export function marginParts(r: Record<string, unknown>) {
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
    ...m,
    margin: m.revenue - m.cogs - m.shipping_cost - m.fees - m.return_shipping - m.refunds + m.cogs_recovered,
  };
}

/** SPEC 4, channel margin with every component of its formula. */
export async function getChannelMargin(store: Store, w: Window): Promise<ChannelMargin[]> {
  const rows = await queryRows<Record<string, unknown>>(store, SQL, windowParams(w));
  return rows.map((r) => {
    const m = marginParts(r);
    const money = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round(v, 2) ?? 0])) as typeof m;
    return {
      channel: String(r.channel) || 'unknown',
      orders: num(r.orders),
      ...money,
      margin_pct: m.revenue > 0 ? round((100 * m.margin) / m.revenue, 2) : null,
    };
  });
}
