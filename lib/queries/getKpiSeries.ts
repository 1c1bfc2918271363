import { queryRows, type Store } from '../store/client';
import { nowDate } from '../clock';
import { fromChTime, toChTime } from '../store/time';
import { inWarehouses, inWindow, num, RETURN_WAREHOUSE, round, type Window, windowParams } from './params';

export interface KpiPoint {
  bucket: string;
  accuracy_pct: number | null;
  on_time_ship_pct: number | null;
  margin_pct: number | null;
  refund_p50_hours: number | null;
  exceptions_opened: number;
  created: number;
  shipped: number;
}

const B = 'toStartOfInterval(t, toIntervalSecond({step:UInt32}))';
const WIN = inWindow();
const RWIN = inWindow('r.t');
const RETURN_FILTER = `({channel:String} = '' OR i.channel = {channel:String}) AND ${inWarehouses(RETURN_WAREHOUSE)}`;
const ORDER_FILTER = `({channel:String} = '' OR channel = {channel:String}) AND ${inWarehouses('warehouse_id')}`;

// (bucket, series, a, b) rows from each fact table, for the board's sparklines. Margin per bucket
// is the order side less return labels and net refunds; returns take their order's channel and
// warehouse (order_info, by key) so the lines follow the same filters and scope as the tiles.
const SQL = `
SELECT ${B} AS bucket, 'counts' AS series, toFloat64(countIf(counted_qty = expected_qty)) AS a, toFloat64(count()) AS b
FROM count_facts WHERE ${WIN} AND ${inWarehouses('location')} GROUP BY bucket
UNION ALL
SELECT ${B} AS bucket, 'created' AS series, 0 AS a, toFloat64(sum(n)) AS b
FROM order_facts WHERE fact = 'created' AND ${WIN} AND ${ORDER_FILTER} GROUP BY bucket
UNION ALL
SELECT ${B} AS bucket, 'shipped' AS series, toFloat64(sum(on_time)) AS a, toFloat64(sum(n)) AS b
FROM order_facts WHERE fact = 'shipped' AND ${WIN} AND ${ORDER_FILTER} GROUP BY bucket
UNION ALL
SELECT ${B} AS bucket, 'margin' AS series, toFloat64(sum(revenue) - sum(cogs) - sum(shipping_cost) - sum(fees)) AS a, toFloat64(sum(revenue)) AS b
FROM order_facts WHERE fact = 'shipped' AND ${WIN} AND ${ORDER_FILTER} GROUP BY bucket
UNION ALL
SELECT ${B} AS bucket, 'return_cost' AS series, toFloat64(sum(r.label_cost) + sum(r.amount) - sum(r.restocking_fee)) AS a, 0 AS b
FROM return_facts AS r LEFT JOIN order_info AS i ON i.order_id = r.order_id
WHERE r.fact IN ('authorized', 'refunded') AND ${RWIN} AND ${RETURN_FILTER} GROUP BY bucket
UNION ALL
SELECT ${B} AS bucket, 'refund_p50' AS series, quantileExactInclusive(0.5)(ms) / 3600000 AS a, toFloat64(count()) AS b
FROM (SELECT first_t AS t, ms FROM (
      SELECT r.rma_id AS rma_id, min(r.t) AS first_t, sum(r.received_to_refund_ms) AS ms
      FROM return_facts AS r LEFT JOIN order_info AS i ON i.order_id = r.order_id
      WHERE r.fact = 'refunded' AND ${RWIN} AND ${RETURN_FILTER} GROUP BY r.rma_id HAVING sum(r.n) > 0 AND sum(r.has_receipt) > 0))
GROUP BY bucket
UNION ALL
SELECT ${B} AS bucket, 'exceptions' AS series, toFloat64(sum(n)) AS a, 0 AS b
FROM exception_facts WHERE fact = 'opened' AND ${WIN} AND t <= {now:DateTime64(3)} AND ${inWarehouses('warehouse_id')} GROUP BY bucket
SETTINGS join_algorithm = 'direct,hash'`;

/** The board's trend lines: each headline KPI per time bucket across the window. */
export async function getKpiSeries(store: Store, w: Window, buckets = 24, now = nowDate()): Promise<KpiPoint[]> {
  const step = Math.max(60, Math.round((w.to.getTime() - w.from.getTime()) / 1000 / buckets));
  const rows = await queryRows<{ bucket: string; series: string; a: number; b: number }>(store, SQL, {
    ...windowParams(w),
    step,
    now: toChTime(now.getTime()),
  });
  const at = new Map<string, { a: number; b: number }>();
  for (const r of rows) at.set(`${r.bucket}|${r.series}`, { a: num(r.a), b: num(r.b) });
  const points: KpiPoint[] = [];
  for (let t = Math.floor(w.from.getTime() / 1000 / step) * step; t * 1000 < w.to.getTime(); t += step) {
    const key = new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 19);
    const g = (s: string) => at.get(`${key}|${s}`) ?? { a: 0, b: 0 };
    const revenue = g('margin').b;
    points.push({
      bucket: fromChTime(key)!,
      accuracy_pct: g('counts').b > 0 ? round((100 * g('counts').a) / g('counts').b, 1) : null,
      on_time_ship_pct: g('shipped').b > 0 ? round((100 * g('shipped').a) / g('shipped').b, 1) : null,
      margin_pct: revenue > 0 ? round((100 * (g('margin').a - g('return_cost').a)) / revenue, 1) : null,
      refund_p50_hours: g('refund_p50').b > 0 ? round(g('refund_p50').a, 1) : null,
      exceptions_opened: g('exceptions').a,
      created: g('created').b,
      shipped: g('shipped').b,
    });
  }
  return points;
}
