import { queryRows, type Store } from '../store/client';
import { fromChTime } from '../store/time';
import { inWarehouses, inWindow, num, round, type Window, windowParams } from './params';

export interface AccuracyPoint {
  bucket: string;
  location: string;
  counts: number;
  pct: number | null;
}
export interface Variance {
  t: string;
  sku: string;
  location: string;
  expected: number;
  counted: number;
  diff: number;
  value: number | null;
}
export interface StockRow {
  location: string;
  state: string;
  units: number;
  value: number;
}

const ACCURACY = `
SELECT toStartOfInterval(t, toIntervalSecond({step:UInt32})) AS bucket, toString(location) AS location, count() AS counts,
       countIf(abs(counted_qty - expected_qty) <= greatest({tu:Float64}, {tp:Float64} / 100 * expected_qty)) AS accurate
FROM count_facts
WHERE ${inWindow()} AND ${inWarehouses('location')}
GROUP BY bucket, location ORDER BY bucket, location`;

const VARIANCES = `
SELECT t, sku, toString(location) AS location, expected_qty, counted_qty, counted_qty - expected_qty AS diff,
       if(unit_cost IS NULL, NULL, abs(counted_qty - expected_qty) * toFloat64(unit_cost)) AS value
FROM count_facts
WHERE ${inWindow()} AND counted_qty != expected_qty AND ${inWarehouses('location')}
ORDER BY t DESC LIMIT 5000`;

const STOCK = `
SELECT toString(p.location) AS location, toString(p.state) AS state, sum(p.qty) AS units, sum(p.qty * toFloat64(ifNull(c.unit_cost, 0))) AS value
FROM inventory_positions AS p
LEFT JOIN (SELECT sku, argMax(unit_cost, t) AS unit_cost FROM sku_costs GROUP BY sku) AS c ON c.sku = p.sku
WHERE ${inWarehouses('p.location')}
GROUP BY location, state HAVING units != 0 ORDER BY location, state`;

/** The inventory view: accuracy by location over time, the variance list, stock by state now. */
export async function getInventoryView(store: Store, w: Window, tol: { units: number; pct: number }) {
  const days = (w.to.getTime() - w.from.getTime()) / 86_400_000;
  const step = days <= 2 ? 3600 : 86_400;
  const p = { ...windowParams(w), step, tu: tol.units, tp: tol.pct };
  const [acc, variances, stock] = await Promise.all([
    queryRows<{ bucket: string; location: string; counts: number; accurate: number }>(store, ACCURACY, p),
    queryRows<{
      t: string;
      sku: string;
      location: string;
      expected_qty: number;
      counted_qty: number;
      diff: number;
      value: number | null;
    }>(store, VARIANCES, p),
    queryRows<{ location: string; state: string; units: number; value: number }>(store, STOCK, p),
  ]);
  return {
    bucket_seconds: step,
    accuracy: acc.map((r): AccuracyPoint => ({
      bucket: fromChTime(r.bucket)!,
      location: r.location,
      counts: num(r.counts),
      pct: num(r.counts) > 0 ? round((100 * num(r.accurate)) / num(r.counts), 1) : null,
    })),
    variances: variances.map((r): Variance => ({
      t: fromChTime(r.t)!,
      sku: r.sku,
      location: r.location,
      expected: num(r.expected_qty),
      counted: num(r.counted_qty),
      diff: num(r.diff),
      value: r.value === null ? null : round(num(r.value), 2),
    })),
    stock: stock.map((r): StockRow => ({
      location: r.location,
      state: r.state,
      units: num(r.units),
      value: round(num(r.value), 2) ?? 0,
    })),
  };
}
