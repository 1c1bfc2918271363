import type { ExceptionCategory } from '../events';
import { queryRows, type Store } from '../store/client';
import { chTimeToMs, toChTime } from '../store/time';
import type { StoredAlert } from '../alerts/write';
import { RULE_ALERT_TYPES } from '../alerts/types';
import { parseData } from './listAlerts';

/**
 * The reads behind the alert rules' periodic sweep (stream-processor/rules). Each is small: the
 * open sets, a capped sample of recent shipments, the last counts per location, 8 days of returns.
 */

const some = (ids: string[] | 'all') => ({ all_ids: ids === 'all' ? 1 : 0, ids: ids === 'all' ? [] : ids });

/**
 * Open orders whose cutoff is still ahead and that no carrier has scanned yet: the only orders
 * that can be at cutoff risk. `ids` narrows it to orders a batch touched.
 */
export async function getOpenOrders(store: Store, now: number, ids: string[] | 'all') {
  const rows = await queryRows<{
    order_id: string;
    warehouse_id: string;
    stage: string;
    ship_by: string;
    stage_at: string | null;
    carrier: string;
    expedited_at: string | null;
    expedited_by: string;
  }>(
    store,
    // One statement, the scanned parcels left out in ClickHouse: the open orders' ids sent back as a
    // bound array (131,000 after a start) made a query of ~10 s, and chDB, one query at a time, held
    // every batch and action behind it (the processor's lag spikes, slow expedites).
    `WITH open AS (
       SELECT order_id, warehouse_id, stage, ship_by, stage_at, carrier, expedited_at, expedited_by FROM open_orders FINAL
       WHERE ship_by > {now:DateTime64(3)} AND ({all_ids:UInt8} = 1 OR order_id IN {ids:Array(String)}))
     SELECT * FROM open
     WHERE order_id NOT IN (
       SELECT order_id FROM parcels_current FINAL
       WHERE order_id IN (SELECT order_id FROM open) AND (picked_up_at IS NOT NULL OR delivered_at IS NOT NULL))`,
    { now: toChTime(now), ...some(ids) },
  );
  return rows.map((r) => ({
    order_id: r.order_id,
    warehouse_id: r.warehouse_id,
    stage: r.stage as 'created',
    carrier: r.carrier,
    ship_by: chTimeToMs(r.ship_by),
    stage_at: r.stage_at ? chTimeToMs(r.stage_at) : null,
    expedited_at: r.expedited_at ? chTimeToMs(r.expedited_at) : null,
    expedited_by: r.expedited_by,
  }));
}

/**
 * Stage times of orders that reached packing (shipped, or packed and waiting for their collection),
 * what the cutoff learner learns from: these orders (a batch's), or those packed since a time, the
 * newest `perWarehouse` per warehouse (a start's warm-up). Packed, not shipped: before a warehouse's
 * first collection of the day nothing has shipped, and every estimate would be a default.
 */
export async function getPackedSamples(
  store: Store,
  which: { ids: string[] } | { since: number; perWarehouse: number },
) {
  if ('ids' in which && which.ids.length === 0) return [];
  const rows = await queryRows<{
    order_id: string;
    warehouse_id: string;
    created: number;
    allocated: number;
    picked: number;
    packed: number;
  }>(
    store,
    `SELECT order_id, warehouse_id, coalesce(toUnixTimestamp64Milli(created_at), 0) AS created,
            coalesce(toUnixTimestamp64Milli(allocated_at), 0) AS allocated, coalesce(toUnixTimestamp64Milli(picked_at), 0) AS picked,
            toUnixTimestamp64Milli(assumeNotNull(packed_at)) AS packed
     FROM orders_current FINAL
     WHERE packed_at IS NOT NULL AND if({by_ids:UInt8} = 1, order_id IN {ids:Array(String)}, packed_at >= {since:DateTime64(3)})
     ORDER BY packed_at DESC LIMIT {per:UInt32} BY warehouse_id`,
    'ids' in which
      ? { by_ids: 1, ids: which.ids, since: toChTime(0), per: 4294967295 }
      : { by_ids: 0, ids: [], since: toChTime(which.since), per: which.perWarehouse },
  );
  return rows.map((r) => ({
    order_id: r.order_id,
    warehouse_id: r.warehouse_id,
    created_at: Number(r.created),
    allocated_at: Number(r.allocated),
    picked_at: Number(r.picked),
    packed_at: Number(r.packed),
  }));
}

const EXCEPTION_COLUMNS = `e.exception_id AS exception_id, e.category AS category, e.entity_id AS entity_id, e.order_id AS order_id,
  if(e.warehouse_id != '', e.warehouse_id, i.warehouse_id) AS warehouse, e.opened_at AS opened_at, e.detail AS detail`;
type ExceptionRow = {
  exception_id: string;
  category: ExceptionCategory;
  entity_id: string;
  order_id: string;
  warehouse: string;
  opened_at: string;
  detail: string;
  closed: number;
};
const toOpenException = (r: ExceptionRow) => ({
  exception_id: r.exception_id,
  category: r.category,
  entity_id: r.entity_id,
  order_id: r.order_id,
  warehouse_id: r.warehouse,
  opened_at: chTimeToMs(r.opened_at),
  detail: r.detail,
  closed: Number(r.closed) === 1,
});

/** Open exceptions already past their SLA, with the warehouse (a carrier exception's from its order). */
export async function getBreachedExceptions(store: Store, now: number, sla: Record<ExceptionCategory, number>) {
  const rows = await queryRows<ExceptionRow>(
    store,
    `SELECT ${EXCEPTION_COLUMNS}, 0 AS closed
     FROM open_exceptions AS e FINAL
     LEFT JOIN order_info AS i ON i.order_id = e.order_id
     WHERE e.opened_at + toIntervalMinute({sla:Map(String, UInt32)}[toString(e.category)]) < {now:DateTime64(3)}
     SETTINGS join_algorithm = 'direct,hash'`,
    { now: toChTime(now), sla: new Map(Object.entries(sla)) },
  );
  return rows.map(toOpenException);
}

/** Every exception of these entities, open or closed (a batch touched them). */
export async function getExceptionsOf(store: Store, entityIds: string[]) {
  if (entityIds.length === 0) return [];
  const rows = await queryRows<ExceptionRow>(
    store,
    `SELECT ${EXCEPTION_COLUMNS}, e.closed_at IS NOT NULL AS closed
     FROM exceptions AS e FINAL
     LEFT JOIN order_info AS i ON i.order_id = e.order_id
     WHERE e.entity_id IN {ids:Array(String)}
     SETTINGS join_algorithm = 'direct,hash'`,
    { ids: entityIds },
  );
  return rows.map(toOpenException);
}

/** Parcels with open carrier exceptions (all, or these orders'): carrier, warehouse, newest reason, how many. */
export async function getParcelExceptions(store: Store, ids: string[] | 'all') {
  const rows = await queryRows<{
    order_id: string;
    carrier: string;
    warehouse: string;
    detail: string;
    open: number;
    opened_at: string;
  }>(
    store,
    `SELECT e.order_id AS order_id, any(p.carrier) AS carrier, any(i.warehouse_id) AS warehouse, argMax(e.detail, e.opened_at) AS detail,
            count() AS open, max(e.opened_at) AS opened_at
     FROM (SELECT * FROM open_exceptions FINAL WHERE category = 'carrier_exception' AND ({all_ids:UInt8} = 1 OR order_id IN {ids:Array(String)})) AS e
     LEFT JOIN order_info AS i ON i.order_id = e.order_id
     LEFT JOIN (SELECT order_id, carrier FROM parcels_current FINAL WHERE ({all_ids:UInt8} = 1 OR order_id IN {ids:Array(String)})) AS p ON p.order_id = e.order_id
     GROUP BY e.order_id
     SETTINGS join_algorithm = 'direct,hash'`,
    some(ids),
  );
  return rows.map((r) => ({
    order_id: r.order_id,
    carrier: r.carrier || r.detail.split(':')[0],
    warehouse_id: r.warehouse,
    reason: r.detail.slice(r.detail.indexOf(':') + 1).trim(),
    open: Number(r.open),
    opened_at: chTimeToMs(r.opened_at),
  }));
}

/** Each location's last `n` counts (all locations, or these): how many, and how many within tolerance. */
export async function getAccuracyByLocation(
  store: Store,
  n: number,
  tol: { units: number; pct: number },
  locations: string[] | 'all',
) {
  const rows = await queryRows<{ location: string; counts: number; accurate: number }>(
    store,
    `SELECT location, count() AS counts, countIf(abs(counted_qty - expected_qty) <= greatest({tu:Float64}, {tp:Float64} / 100 * expected_qty)) AS accurate
     FROM (SELECT location, counted_qty, expected_qty FROM count_facts WHERE {all_ids:UInt8} = 1 OR location IN {ids:Array(String)} ORDER BY t DESC LIMIT {n:UInt32} BY location)
     GROUP BY location`,
    { n, tu: tol.units, tp: tol.pct, ...some(locations) },
  );
  return rows.map((r) => ({ location: r.location, counts: Number(r.counts), accurate: Number(r.accurate) }));
}

/** Returns per category and reason: the last 24 h, and the 7 days before them. */
export async function getReasonShares(store: Store, now: number) {
  const rows = await queryRows<{ category: string; reason: string; day: number; base: number }>(
    store,
    `SELECT arrayElement(i.\`lines.category\`, indexOf(i.\`lines.sku\`, r.sku)) AS category, toString(r.reason) AS reason,
            sumIf(r.n, r.t >= {day:DateTime64(3)}) AS day, sumIf(r.n, r.t < {day:DateTime64(3)}) AS base
     FROM return_facts AS r
     LEFT JOIN order_info AS i ON i.order_id = r.order_id
     WHERE r.fact = 'requested' AND r.t >= {from:DateTime64(3)} AND r.t < {now:DateTime64(3)}
     GROUP BY category, reason
     SETTINGS join_algorithm = 'direct,hash'`,
    { from: toChTime(now - 8 * 86_400_000), day: toChTime(now - 86_400_000), now: toChTime(now) },
  );
  const totals = new Map<string, { day: number; base: number }>();
  for (const r of rows) {
    const t = totals.get(r.category) ?? { day: 0, base: 0 };
    t.day += Number(r.day);
    t.base += Number(r.base);
    totals.set(r.category, t);
  }
  return rows
    .filter((r) => r.category)
    .map((r) => ({
      category: r.category,
      reason: r.reason,
      day: Number(r.day),
      base: Number(r.base),
      dayTotal: totals.get(r.category)!.day,
      baseTotal: totals.get(r.category)!.base,
    }));
}

/** Alerts the rules engine picks up at start: the open ones, and those resolved since `since` (cool-down). */
export async function getAlertsToRestore(store: Store, since: number): Promise<StoredAlert[]> {
  const rows = await queryRows<Record<string, string>>(
    store,
    // Only the rules' own alerts: system alerts (a failing channel) belong to the service that raised them.
    'SELECT * FROM alerts FINAL WHERE (resolved_at IS NULL OR resolved_at >= {since:DateTime64(3)}) AND type IN {types:Array(String)}',
    { since: toChTime(since), types: [...RULE_ALERT_TYPES] },
  );
  return rows.map((r) => ({
    alert_id: r.alert_id,
    type: r.type as StoredAlert['type'],
    severity: r.severity as StoredAlert['severity'],
    entity: { kind: r.entity_kind, id: r.entity_id },
    warehouse_id: r.warehouse_id,
    category: r.category,
    title: r.title,
    detail: r.detail,
    created_at: chTimeToMs(r.created_at),
    updated_at: chTimeToMs(r.updated_at),
    resolved_at: r.resolved_at ? chTimeToMs(r.resolved_at) : null,
    resolve_reason: r.resolve_reason ?? '',
    data: parseData(r.data),
    version: Number(r.version),
  }));
}
