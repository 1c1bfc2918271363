import { queryRows, type Store } from '../store/client';
import { inWarehouses, inWindow, num, pct, round, type Window, windowParams } from './params';

export interface Tolerance {
  units: number;
  pct: number;
}
export interface InventoryAccuracy {
  counts: number;
  accurate: number;
  pct: number | null;
  value_accuracy_pct: number | null;
  tolerance: Tolerance;
  by_location: {
    location: string;
    counts: number;
    accurate: number;
    pct: number | null;
    value_accuracy_pct: number | null;
  }[];
}

const SQL = `
SELECT location,
       count() AS counts,
       countIf(abs(counted_qty - expected_qty) <= greatest({tu:Float64}, {tp:Float64} / 100 * expected_qty)) AS accurate,
       sumIf(abs(counted_qty - expected_qty) * toFloat64(unit_cost), unit_cost IS NOT NULL) AS value_off,
       sumIf(expected_qty * toFloat64(unit_cost), unit_cost IS NOT NULL) AS value_expected
FROM count_facts
WHERE ${inWindow()} AND ${inWarehouses('location')}
GROUP BY location
ORDER BY location`;

/** SPEC 4, inventory accuracy: share of counts within tolerance, and value accuracy, per location. */
export async function getInventoryAccuracy(store: Store, w: Window, tol: Tolerance): Promise<InventoryAccuracy> {
  const rows = await queryRows<Record<string, unknown>>(store, SQL, { ...windowParams(w), tu: tol.units, tp: tol.pct });
  const valueAcc = (off: number, expected: number) => (expected > 0 ? round(100 * (1 - off / expected), 2) : null);
  const by_location = rows.map((r) => ({
    location: String(r.location),
    counts: num(r.counts),
    accurate: num(r.accurate),
    pct: pct(num(r.accurate), num(r.counts)),
    value_accuracy_pct: valueAcc(num(r.value_off), num(r.value_expected)),
  }));
  const sum = (k: string) => rows.reduce((s, r) => s + num(r[k]), 0);
  return {
    counts: sum('counts'),
    accurate: sum('accurate'),
    pct: pct(sum('accurate'), sum('counts')),
    value_accuracy_pct: valueAcc(sum('value_off'), sum('value_expected')),
    tolerance: tol,
    by_location,
  };
}
