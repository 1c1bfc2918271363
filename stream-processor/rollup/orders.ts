import { RANK_SQL } from '@/lib/events/rank';
import { isoSql } from './sql';

/**
 * Orders, derived in SQL from their de-duplicated events (`{events}`: a table of order_events rows).
 * Every value is an order-independent aggregate of the event set — first/last by (time, lifecycle
 * rank, event id), min, max — so duplicates and arrival order cannot change it. The one sequence,
 * hold episodes (a hold opens unless one is open; a release, or the order's shipment or
 * cancellation, closes it), is folded over the sorted holds and closers of each order.
 */
export const orderStateSql = (events: string) => `
WITH e AS (SELECT *, ${RANK_SQL} AS rank FROM ${events}),
agg AS (
  SELECT order_id,
    countIf(type = 'order.created') > 0 AS has_created,
    argMinIf(tuple(channel, customer_ref, ship_by, warehouse_id, carrier, service_level, promised_delivery_at,
                   coalesce(shipping_charged, 0), coalesce(fees, 0), \`lines.sku\`, \`lines.qty\`, \`lines.unit_price\`, \`lines.unit_cost\`, \`lines.category\`),
             (occurred_at, rank, event_id), type = 'order.created') AS c,
    minIfOrNull(occurred_at, type = 'order.created') AS created_at,
    minIfOrNull(occurred_at, type = 'order.allocated') AS allocated_at,
    minIfOrNull(occurred_at, type = 'order.picked') AS picked_at,
    minIfOrNull(occurred_at, type = 'order.packed') AS packed_at,
    countIf(type = 'order.shipped') > 0 AS has_shipped,
    minIf((occurred_at, rank, event_id), type = 'order.shipped') AS shipped_k,
    argMinIf(tuple(carrier, tracking_id, coalesce(shipping_cost, 0)), (occurred_at, rank, event_id), type = 'order.shipped') AS s,
    countIf(type = 'order.cancelled') > 0 AS has_cancelled,
    minIf((occurred_at, rank, event_id), type = 'order.cancelled') AS cancelled_k,
    countIf(type IN ('order.allocated', 'order.reallocated')) > 0 AS has_alloc,
    argMaxIf(if(type = 'order.allocated', toString(warehouse_id), toString(to_warehouse)), (occurred_at, rank, event_id), type IN ('order.allocated', 'order.reallocated')) AS alloc_wh,
    countIf(type = 'order.allocated') > 0 AS has_alloc_lines,
    argMaxIf(tuple(\`lines.sku\`, \`lines.qty\`), (occurred_at, rank, event_id), type = 'order.allocated') AS alloc_lines,
    minIfOrNull(occurred_at, type = 'order.expedited') AS expedited_at,
    argMaxIf(actor, (occurred_at, rank, event_id), type = 'order.expedited') AS expedited_by,
    countIf(type = 'order.expedited' AND service_level != '') > 0 AS has_level,
    argMaxIf(toString(service_level), (occurred_at, rank, event_id), type = 'order.expedited' AND service_level != '') AS expedited_level,
    groupArrayIf((occurred_at, rank, event_id, toString(type), toString(reason)), type IN ('order.held', 'order.released')) AS holds,
    groupArrayIf((occurred_at, rank, event_id, sku, coalesce(qty_short, 0)), type = 'order.short_picked') AS shorts
  FROM e GROUP BY order_id
),
ended AS (
  SELECT *,
    has_cancelled AND (NOT has_shipped OR cancelled_k < shipped_k) AS is_cancelled,
    has_shipped AND NOT is_cancelled AS is_shipped,
    -- The hold sequence: holds and releases, and the order's own shipment or cancellation.
    arraySort(arrayConcat(holds,
      if(is_shipped, [(shipped_k.1, shipped_k.2, shipped_k.3, 'order.shipped', '')], []),
      if(is_cancelled, [(cancelled_k.1, cancelled_k.2, cancelled_k.3, 'order.cancelled', '')], []))) AS seq
  FROM agg
)
SELECT order_id, has_created,
  c.1 AS channel, c.2 AS customer_ref, if(has_created, c.3, NULL) AS ship_by, toString(c.4) AS created_warehouse, toString(c.5) AS created_carrier,
  if(has_created, c.7, NULL) AS promised_delivery_at, toDecimal64(c.8, 4) AS shipping_charged, toDecimal64(c.9, 4) AS fees,
  c.10 AS line_skus, c.11 AS line_qtys, c.12 AS line_prices, c.13 AS line_costs, c.14 AS line_categories,
  created_at, allocated_at, picked_at, packed_at,
  if(is_shipped, shipped_k.1, NULL) AS shipped_at, if(is_cancelled, cancelled_k.1, NULL) AS cancelled_at,
  if(is_shipped, 'order.shipped', if(is_cancelled, 'order.cancelled', '')) AS end_type, coalesce(shipped_at, cancelled_at) AS end_at,
  if(is_shipped, toString(s.1), toString(c.5)) AS carrier, if(is_shipped, s.2, '') AS tracking_id, toDecimal64(if(is_shipped, s.3, 0), 4) AS shipping_cost,
  if(has_alloc, alloc_wh, toString(c.4)) AS warehouse_id,
  if(has_alloc_lines, alloc_lines.1, c.10) AS stock_skus, if(has_alloc_lines, alloc_lines.2, c.11) AS stock_qtys,
  if(has_level, expedited_level, toString(c.6)) AS service_level, expedited_at, if(expedited_at IS NULL, '', expedited_by) AS expedited_by,
  -- Hold episodes: a hold opens when the one before it in the sequence was not a hold; it closes at the next closer.
  arrayFilter(i -> seq[i].4 = 'order.held' AND (i = 1 OR seq[i - 1].4 != 'order.held'), arrayEnumerate(seq)) AS openers,
  arrayMap(i -> (seq[i].1, seq[i].3, seq[i].5, arrayFirstIndex((x, j) -> j > i AND x.4 != 'order.held', seq, arrayEnumerate(seq))), openers) AS episodes,
  length(seq) > 0 AND seq[-1].4 = 'order.held' AS held,
  if(held, seq[openers[-1]].5, '') AS hold_reason,
  arrayMap(x -> (x.1, x.3, x.4, x.5), arraySort(shorts)) AS short_picks,
  seq,
  toDecimal64(round(toFloat64(arraySum(arrayMap((p, q) -> p * q, c.12, c.11)) + c.8), 4), 4) AS revenue,
  toDecimal64(round(toFloat64(arraySum(arrayMap((p, q) -> p * q, c.13, c.11))), 4), 4) AS cogs,
  arraySum(c.11) AS units,
  multiIf(is_cancelled, 'cancelled', is_shipped, 'shipped', held, 'held', packed_at IS NOT NULL, 'packed', picked_at IS NOT NULL, 'picked', allocated_at IS NOT NULL, 'allocated', 'created') AS status,
  multiIf(held, 'held', packed_at IS NOT NULL, 'packed', picked_at IS NOT NULL, 'picked', allocated_at IS NOT NULL, 'allocated', 'created') AS stage,
  coalesce(packed_at, picked_at, allocated_at, created_at) AS stage_at
FROM ended`;

/** Statements that write an order pass's derived rows from `{state}` (the select above, materialized) and its events. */
export function orderWrites(t: { state: string; events: string; version: string }): string[] {
  const { state, version } = t;
  return [
    `INSERT INTO orders_current
     SELECT order_id, status, channel, customer_ref, warehouse_id, ship_by, created_at, allocated_at, picked_at, packed_at, shipped_at, cancelled_at,
            held, hold_reason, carrier, tracking_id, service_level, promised_delivery_at, expedited_at, expedited_by, revenue, cogs, fees, shipping_charged,
            shipping_cost, units, line_skus, line_qtys, line_prices, line_costs, line_categories, ${version}
     FROM ${state}`,
    `INSERT INTO open_orders
     SELECT order_id, status, stage, stage_at, warehouse_id, channel, ship_by, created_at, held, carrier, service_level, expedited_at, expedited_by,
            ${version}, if(status IN ('shipped', 'cancelled'), 1, 0)
     FROM ${state}`,
    `INSERT INTO order_info SELECT order_id, channel, warehouse_id, created_at, line_skus, line_qtys, line_prices, line_costs, line_categories FROM ${state} WHERE has_created`,
    // Facts: this pass's facts minus those already written for the same orders (retractions).
    `INSERT INTO order_facts
     SELECT fact, t, order_id, channel, warehouse_id, sum(n) AS n, sum(revenue) AS revenue, sum(cogs) AS cogs, sum(shipping_cost) AS shipping_cost, sum(fees) AS fees,
            sum(units) AS units, sum(on_time) AS on_time, sum(created_at_ms) AS created_at_ms, sum(allocated_at_ms) AS allocated_at_ms,
            sum(picked_at_ms) AS picked_at_ms, sum(packed_at_ms) AS packed_at_ms
     FROM (
       SELECT fact, t, order_id, channel, warehouse_id, -n AS n, -revenue AS revenue, -cogs AS cogs, -shipping_cost AS shipping_cost, -fees AS fees, -units AS units,
              -on_time AS on_time, -created_at_ms AS created_at_ms, -allocated_at_ms AS allocated_at_ms, -picked_at_ms AS picked_at_ms, -packed_at_ms AS packed_at_ms
       FROM order_facts WHERE order_id IN (SELECT order_id FROM ${state})
       UNION ALL
       SELECT f.1 AS fact, f.2 AS t, order_id, channel, warehouse_id, 1 AS n,
              toDecimal128(if(fact = 'shipped' AND has_created, revenue, 0), 4) AS revenue, toDecimal128(if(fact = 'shipped' AND has_created, cogs, 0), 4) AS cogs,
              toDecimal128(if(fact = 'shipped', shipping_cost, 0), 4) AS shipping_cost, toDecimal128(if(fact = 'shipped', fees, 0), 4) AS fees,
              if(fact = 'shipped', units, 0) AS units, if(fact = 'shipped' AND ship_by IS NOT NULL AND shipped_at <= ship_by, 1, 0) AS on_time,
              if(fact = 'shipped', coalesce(toUnixTimestamp64Milli(created_at), 0), 0) AS created_at_ms,
              if(fact = 'shipped', coalesce(toUnixTimestamp64Milli(allocated_at), 0), 0) AS allocated_at_ms,
              if(fact = 'shipped', coalesce(toUnixTimestamp64Milli(picked_at), 0), 0) AS picked_at_ms,
              if(fact = 'shipped', coalesce(toUnixTimestamp64Milli(packed_at), 0), 0) AS packed_at_ms
       FROM ${state}
       ARRAY JOIN arrayFilter(x -> x.2 IS NOT NULL, [('created', created_at), ('cancelled', cancelled_at), ('shipped', shipped_at)]) AS f
     )
     GROUP BY fact, t, order_id, channel, warehouse_id
     HAVING n != 0 OR revenue != 0 OR cogs != 0 OR shipping_cost != 0 OR fees != 0 OR units != 0 OR on_time != 0
        OR created_at_ms != 0 OR allocated_at_ms != 0 OR picked_at_ms != 0 OR packed_at_ms != 0`,
    `INSERT INTO line_facts
     SELECT t, order_id, sku, category, channel, warehouse_id, sum(units) AS units FROM (
       SELECT t, order_id, sku, category, channel, warehouse_id, -units AS units FROM line_facts WHERE order_id IN (SELECT order_id FROM ${state})
       UNION ALL
       SELECT assumeNotNull(shipped_at) AS t, order_id, l.1 AS sku, l.3 AS category, channel, warehouse_id, l.2 AS units
       FROM ${state} ARRAY JOIN arrayZip(line_skus, line_qtys, line_categories) AS l
       WHERE shipped_at IS NOT NULL
     )
     GROUP BY t, order_id, sku, category, channel, warehouse_id HAVING units != 0`,
    // Stock: an allocated open order holds units as allocated; a shipped one has taken them away.
    `INSERT INTO inventory_positions
     SELECT location, sku, state, src, sum(qty) AS qty FROM (
       SELECT location, sku, state, src, -qty AS qty FROM inventory_positions WHERE src IN (SELECT concat('order:', order_id) FROM ${state})
       UNION ALL
       SELECT warehouse_id AS location, p.1 AS sku, p.2 AS state, concat('order:', order_id) AS src, p.3 AS qty
       FROM ${state}
       ARRAY JOIN arrayFlatten(arrayMap((sku, q) -> if(shipped_at IS NOT NULL, [(sku, 'available', -q)], [(sku, 'available', -q), (sku, 'allocated', q)]), stock_skus, stock_qtys)) AS p
       WHERE warehouse_id != '' AND (shipped_at IS NOT NULL OR (allocated_at IS NOT NULL AND cancelled_at IS NULL))
     )
     GROUP BY location, sku, state, src HAVING qty != 0`,
  ];
}

/** An order's exceptions (SPEC section 4): holds, short picks, its late shipment; before operator resolutions. */
export const orderExceptionsSql = (state: string) => `
SELECT exception_id, 'order' AS entity_kind, order_id AS entity_id, order_id, warehouse_id, category, opened_at, closed_at, close_reason, detail, data FROM (
  SELECT order_id, warehouse_id, concat('order_hold:', order_id, ':', ep.2) AS exception_id, 'order_hold' AS category, ep.1 AS opened_at,
         if(ep.4 > 0, seq[ep.4].1, NULL) AS closed_at, if(ep.4 > 0, seq[ep.4].4, '') AS close_reason,
         concat('On hold: ', ep.3) AS detail, toJSONString(map('reason', ep.3)) AS data
  FROM ${state} ARRAY JOIN episodes AS ep
  UNION ALL
  SELECT order_id, warehouse_id, concat('short_pick:', order_id, ':', sp.2), 'short_pick', sp.1,
         if(end_at IS NOT NULL AND end_at >= sp.1, end_at, NULL), if(end_at IS NOT NULL AND end_at >= sp.1, end_type, ''),
         concat('Short pick: ', toString(sp.4), ' × ', sp.3), concat('{"sku":', toJSONString(sp.3), ',"qty_short":', toString(sp.4), '}')
  FROM ${state} ARRAY JOIN short_picks AS sp
  UNION ALL
  -- Recorded ahead with its opening time (ship_by), so it is open exactly when queried after ship_by.
  SELECT order_id, warehouse_id, concat('late_shipment:', order_id), 'late_shipment', assumeNotNull(ship_by),
         end_at, end_type, concat('Not shipped by ', ${isoSql('assumeNotNull(ship_by)')}),
         concat('{"ship_by":"', ${isoSql('assumeNotNull(ship_by)')}, '"}')
  FROM ${state}
  WHERE ship_by IS NOT NULL AND NOT (end_at IS NOT NULL AND end_at <= ship_by)
)`;
