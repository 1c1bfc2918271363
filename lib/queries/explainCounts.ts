import { queryRows, type Store } from '../store/client';
import { fromChTime } from '../store/time';
import type { Tolerance } from './getInventoryAccuracy';
import { inWarehouses, inWindow, num, type Window, windowParams } from './params';

export interface CountRow {
  counted_at: string;
  location: string;
  sku: string;
  counted_qty: number;
  expected_qty: number;
  accurate: boolean;
}

// The same rows and tolerance test as inventory accuracy (getInventoryAccuracy), one per count.
const SQL = `
SELECT t, location, sku, counted_qty, expected_qty,
       abs(counted_qty - expected_qty) <= greatest({tu:Float64}, {tp:Float64} / 100 * expected_qty) AS accurate
FROM count_facts
WHERE ${inWindow()} AND ${inWarehouses('location')}
ORDER BY t DESC
LIMIT {limit:UInt32}`;

/** The cycle counts behind inventory accuracy, each within tolerance or not. */
export async function explainCounts(store: Store, w: Window, tol: Tolerance, limit = 100_000): Promise<CountRow[]> {
  const rows = await queryRows<Record<string, unknown>>(store, SQL, {
    ...windowParams(w),
    tu: tol.units,
    tp: tol.pct,
    limit,
  });
  return rows.map((r) => ({
    counted_at: fromChTime(String(r.t))!,
    location: String(r.location),
    sku: String(r.sku),
    counted_qty: num(r.counted_qty),
    expected_qty: num(r.expected_qty),
    accurate: num(r.accurate) === 1,
  }));
}
