import { queryRows, type Store } from '../store/client';
import { inWarehouses, inWindow, num, pct, RETURN_WAREHOUSE, round, type Window, windowParams } from './params';
import { IN_RETURN_SLICE, IN_SHIPPED_SLICE, returnSliceParams, type ReturnSlice } from './returnSlice';

export interface ReturnsSummary {
  returns: number;
  units_returned: number;
  units_shipped: number;
  return_rate_pct: number | null;
  refunds: number;
  by_reason: { reason: string; returns: number; units: number; share_pct: number | null }[];
  disposition_mix: { disposition: string; units: number; share_pct: number | null }[];
}

// Returns requested, refunds paid and units inspected in the window, each under its order line's
// channel, in the drill's slice; shipped lines of the same channel, warehouses, category and SKU as
// the return-rate denominator (a shipment has no reason: a reason's rate is over all those units).
const SQL = `
SELECT part, key, sum(n) AS n, sum(units) AS units, sum(money) AS money FROM (
  SELECT r.fact AS part, multiIf(r.fact = 'requested', toString(r.reason), r.fact = 'inspected', toString(r.disposition), '') AS key,
         sum(r.n) AS n, sum(r.units) AS units, toFloat64(sum(r.amount - r.restocking_fee)) AS money
  FROM return_facts AS r
  LEFT JOIN order_info AS i ON i.order_id = r.order_id
  WHERE r.fact IN ('requested', 'refunded', 'inspected') AND ${inWindow('r.t')}
    AND ({channel:String} = '' OR i.channel = {channel:String}) AND ${inWarehouses(RETURN_WAREHOUSE)}
    AND ${IN_RETURN_SLICE}
  GROUP BY part, key
  UNION ALL
  SELECT 'shipped' AS part, '' AS key, toInt64(uniqExact(order_id)) AS n, sum(units) AS units, 0 AS money
  FROM line_facts
  WHERE ${inWindow()} AND ({channel:String} = '' OR channel = {channel:String}) AND ${inWarehouses('warehouse_id')}
    AND ${IN_SHIPPED_SLICE}
)
GROUP BY part, key
SETTINGS join_algorithm = 'direct,hash'`;

/** SPEC 4, returns: return rate, refunds, reasons and disposition mix in the window and the drill's slice. */
export async function getReturnsSummary(store: Store, w: Window & ReturnSlice): Promise<ReturnsSummary> {
  const rows = await queryRows<{ part: string; key: string; n: number; units: number; money: number }>(store, SQL, {
    ...windowParams(w),
    ...returnSliceParams(w),
  });
  const part = (p: string) => rows.filter((r) => r.part === p && num(r.n) !== 0);
  const requested = part('requested');
  const returns = requested.reduce((s, r) => s + num(r.n), 0);
  const unitsReturned = requested.reduce((s, r) => s + num(r.units), 0);
  const unitsShipped = num(rows.find((r) => r.part === 'shipped')?.units);
  const inspected = part('inspected');
  const inspectedUnits = inspected.reduce((s, r) => s + num(r.units), 0);
  return {
    returns,
    units_returned: unitsReturned,
    units_shipped: unitsShipped,
    return_rate_pct: pct(unitsReturned, unitsShipped),
    refunds:
      round(
        part('refunded').reduce((s, r) => s + num(r.money), 0),
        2,
      ) ?? 0,
    by_reason: requested
      .map((r) => ({ reason: r.key, returns: num(r.n), units: num(r.units), share_pct: pct(num(r.n), returns) }))
      .sort((a, b) => b.returns - a.returns || a.reason.localeCompare(b.reason)),
    disposition_mix: inspected
      .map((r) => ({ disposition: r.key, units: num(r.units), share_pct: pct(num(r.units), inspectedUnits) }))
      .sort((a, b) => b.units - a.units || a.disposition.localeCompare(b.disposition)),
  };
}
