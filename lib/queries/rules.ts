import type { ExceptionCategory } from '../events';
import { queryRows, type Store } from '../store/client';
import { chTimeToMs, toChTime } from '../store/time';
import type { StoredAlert } from '../alerts/write';
import { parseData } from './listAlerts';

/**
 * The reads behind the alert rules' periodic sweep (stream-processor/rules). Each is small: the
 * open sets, a capped sample of recent shipments, the last counts per location, 8 days of returns.
 */

export async function getOpenOrders(store: Store) {
  const rows = await queryRows<{ order_id: string; warehouse_id: string; stage: string; ship_by: string | null; stage_at: string | null; carrier: string }>(
    store,
    `SELECT order_id, warehouse_id, stage, ship_by, stage_at, carrier FROM open_orders FINAL WHERE ship_by IS NOT NULL`,
  );
  return rows.map((r) => ({ ...r, stage: r.stage as 'created', ship_by: r.ship_by ? chTimeToMs(r.ship_by) : null, stage_at: r.stage_at ? chTimeToMs(r.stage_at) : null }));
}

/** Stage times of orders packed and shipped since `since`, the newest `perWarehouse` per warehouse. */
export async function getRecentPacked(store: Store, since: number, perWarehouse: number) {
  const rows = await queryRows<{ warehouse_id: string; created: number; allocated: number; picked: number; packed: number }>(
    store,
    `SELECT warehouse_id, sum(created_at_ms) AS created, sum(allocated_at_ms) AS allocated, sum(picked_at_ms) AS picked, sum(packed_at_ms) AS packed
     FROM order_facts WHERE fact = 'shipped' AND t >= {since:DateTime64(3)}
     GROUP BY order_id, warehouse_id HAVING sum(n) > 0 AND packed > 0
     ORDER BY packed DESC LIMIT {per:UInt32} BY warehouse_id`,
    { since: toChTime(since), per: perWarehouse },
  );
  return rows.map((r) => ({ warehouse_id: r.warehouse_id, created_at: Number(r.created), allocated_at: Number(r.allocated), picked_at: Number(r.picked), packed_at: Number(r.packed) }));
}

/** Open exceptions already past their SLA, with the warehouse (a carrier exception's from its order). */
export async function getBreachedExceptions(store: Store, now: number, sla: Record<ExceptionCategory, number>) {
  const rows = await queryRows<{ exception_id: string; category: ExceptionCategory; warehouse: string; opened_at: string; detail: string }>(
    store,
    `SELECT e.exception_id AS exception_id, e.category AS category, if(e.warehouse_id != '', e.warehouse_id, i.warehouse_id) AS warehouse,
            e.opened_at AS opened_at, e.detail AS detail
     FROM open_exceptions AS e FINAL
     LEFT JOIN order_info AS i ON i.order_id = e.order_id
     WHERE e.opened_at + toIntervalMinute({sla:Map(String, UInt32)}[toString(e.category)]) < {now:DateTime64(3)}
     SETTINGS join_algorithm = 'direct,hash'`,
    { now: toChTime(now), sla: new Map(Object.entries(sla)) },
  );
  return rows.map((r) => ({ exception_id: r.exception_id, category: r.category, warehouse_id: r.warehouse, opened_at: chTimeToMs(r.opened_at), detail: r.detail }));
}

/** Each location's last `n` counts: how many, and how many within tolerance. */
export async function getAccuracyByLocation(store: Store, n: number, tol: { units: number; pct: number }, location = '') {
  const rows = await queryRows<{ location: string; counts: number; accurate: number }>(
    store,
    `SELECT location, count() AS counts, countIf(abs(counted_qty - expected_qty) <= greatest({tu:Float64}, {tp:Float64} / 100 * expected_qty)) AS accurate
     FROM (SELECT location, counted_qty, expected_qty FROM count_facts WHERE {loc:String} = '' OR location = {loc:String} ORDER BY t DESC LIMIT {n:UInt32} BY location)
     GROUP BY location`,
    { n, tu: tol.units, tp: tol.pct, loc: location },
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
    .map((r) => ({ category: r.category, reason: r.reason, day: Number(r.day), base: Number(r.base), dayTotal: totals.get(r.category)!.day, baseTotal: totals.get(r.category)!.base }));
}

export async function getUnresolvedAlerts(store: Store): Promise<StoredAlert[]> {
  const rows = await queryRows<Record<string, string>>(store, `SELECT * FROM alerts FINAL WHERE resolved_at IS NULL`);
  return rows.map((r) => ({
    alert_id: r.alert_id, type: r.type as StoredAlert['type'], severity: r.severity as StoredAlert['severity'], entity: { kind: r.entity_kind, id: r.entity_id },
    warehouse_id: r.warehouse_id, category: r.category, title: r.title, detail: r.detail, created_at: chTimeToMs(r.created_at), updated_at: chTimeToMs(r.updated_at),
    resolved_at: null, resolve_reason: '', data: parseData(r.data), version: Number(r.version),
  }));
}

/** Warehouse of each order (order_info, by key). */
export async function getOrderWarehouses(store: Store, orderIds: string[]): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await queryRows<{ order_id: string; warehouse_id: string }>(store, 'SELECT order_id, warehouse_id FROM order_info WHERE order_id IN {ids:Array(String)}', { ids: orderIds });
  return new Map(rows.map((r) => [r.order_id, r.warehouse_id]));
}
