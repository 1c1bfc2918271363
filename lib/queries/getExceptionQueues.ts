import type { ExceptionCategory } from '../events';
import { queryRows, type Store } from '../store/client';
import { toChTime } from '../store/time';
import { inWarehouses, inWindow, num, round, type Window, windowParams } from './params';
import { nowDate } from '../clock';

export interface ExceptionQueues {
  open: number;
  /**
   * Open at the window's end (now, or its `to` if earlier): what "vs previous period" compares.
   * Null when the record (its first order event) begins at or after that end: "0 open" would be a
   * claim it cannot make (a fresh store's board read "+9,240 vs previous period").
   */
  open_at_end: number | null;
  breached: number;
  opened: number;
  resolved: number;
  mean_time_to_resolve_minutes: number | null;
  by_category: {
    category: ExceptionCategory;
    open: number;
    breached: number;
    oldest_age_minutes: number | null;
    opened: number;
    resolved: number;
    mean_time_to_resolve_minutes: number | null;
    sla_minutes: number;
  }[];
}

// Open now: the live set (time-driven ones count once their time has come), with the oldest age and
// how many are past their SLA. In the window: opened and closed facts (none from the future).
// A carrier exception's warehouse is its order's (order_info, by key) — looked up only when the
// caller filters by warehouse: at 10M events that lookup over ~50k open exceptions was 360 of the
// board's 430 ms. The record's start is the earliest order event, read from the parts' min/max
// index of the partition key rather than the rows. Both texts are constants; only bound parameters vary.
const sql = (byWarehouse: boolean) => {
  const join = (alias: string) => (byWarehouse ? `LEFT JOIN order_info AS i ON i.order_id = ${alias}.order_id` : '');
  const where = (alias: string) =>
    byWarehouse ? inWarehouses(`if(${alias}.warehouse_id != '', ${alias}.warehouse_id, i.warehouse_id)`) : '1';
  return `
SELECT 'open' AS part, e.category AS category, count() AS n, min(toUnixTimestamp64Milli(e.opened_at)) AS oldest_ms,
       countIf(e.opened_at + toIntervalMinute({sla:Map(String, UInt32)}[toString(e.category)]) < {now:DateTime64(3)}) AS breached, 0 AS ms
FROM open_exceptions AS e FINAL
${join('e')}
WHERE e.opened_at <= {now:DateTime64(3)} AND ${where('e')}
GROUP BY category
UNION ALL
SELECT f.fact AS part, f.category AS category, sum(f.n) AS n, 0 AS oldest_ms, 0 AS breached, sum(f.resolve_ms) AS ms
FROM exception_facts AS f
${join('f')}
WHERE ${inWindow('f.t')} AND f.t <= {now:DateTime64(3)} AND ${where('f')}
GROUP BY part, category
UNION ALL
SELECT 'open_at_end' AS part, f.category AS category, sum(if(f.fact = 'opened', f.n, -f.n)) AS n, 0 AS oldest_ms, 0 AS breached, 0 AS ms
FROM exception_facts AS f
${join('f')}
WHERE f.fact IN ('opened', 'resolved') AND f.t < least({to:DateTime64(3)}, {now:DateTime64(3)} + toIntervalMillisecond(1)) AND ${where('f')}
GROUP BY category
UNION ALL
SELECT 'record_start' AS part, '' AS category, 0 AS n, toUnixTimestamp64Milli(min(occurred_at)) AS oldest_ms, 0 AS breached, 0 AS ms
FROM order_events
HAVING count() > 0
SETTINGS join_algorithm = 'direct,hash'`;
};
const SQL_ALL = sql(false);
const SQL_BY_WAREHOUSE = sql(true);

/** SPEC 4, exception queues: open now by category (count, oldest age, past SLA), opened/resolved and MTTR in the window. */
export async function getExceptionQueues(
  store: Store,
  w: Window,
  sla: Record<ExceptionCategory, number>,
  now = nowDate(),
): Promise<ExceptionQueues> {
  const rows = await queryRows<{
    part: string;
    category: ExceptionCategory;
    n: number;
    oldest_ms: number;
    breached: number;
    ms: number;
  }>(store, w.scope.all ? SQL_ALL : SQL_BY_WAREHOUSE, {
    ...windowParams(w),
    now: toChTime(now.getTime()),
    sla: new Map(Object.entries(sla)),
  });
  const by = (Object.keys(sla) as ExceptionCategory[]).map((category) => {
    const part = (p: string) => rows.find((r) => r.category === category && r.part === p);
    const open = part('open');
    const resolved = part('resolved');
    return {
      category,
      open: num(open?.n),
      breached: num(open?.breached),
      oldest_age_minutes: open && num(open.n) > 0 ? Math.floor((now.getTime() - num(open.oldest_ms)) / 60_000) : null,
      opened: num(part('opened')?.n),
      resolved: num(resolved?.n),
      mean_time_to_resolve_minutes:
        num(resolved?.n) > 0 ? round(num(resolved?.ms) / num(resolved?.n) / 60_000, 1) : null,
      sla_minutes: sla[category],
    };
  });
  const total = (k: 'open' | 'breached' | 'opened' | 'resolved') => by.reduce((s, c) => s + c[k], 0);
  const start = rows.find((r) => r.part === 'record_start');
  const resolvedMs = rows.filter((r) => r.part === 'resolved').reduce((s, r) => s + num(r.ms), 0);
  return {
    open: total('open'),
    open_at_end:
      start !== undefined && num(start.oldest_ms) < Math.min(w.to.getTime(), now.getTime() + 1)
        ? rows.filter((r) => r.part === 'open_at_end').reduce((s, r) => s + num(r.n), 0)
        : null,
    breached: total('breached'),
    opened: total('opened'),
    resolved: total('resolved'),
    mean_time_to_resolve_minutes: total('resolved') > 0 ? round(resolvedMs / total('resolved') / 60_000, 1) : null,
    by_category: by,
  };
}
