import { SKUS, WAREHOUSES } from './catalog';
import { withinShift } from './clock';
import type { PlannedEvent } from './plan';
import type { Rng } from './rng';

const HOUR = 3_600_000;

/**
 * One piece of warehouse stock work: a cycle count (and, when it is off, often the approved
 * correction hours later), a receipt, a damage write-off, or a quarantine move and its outcome.
 * Count accuracy differs by warehouse, which is what the accuracy KPI and its alert pick up.
 */
export function planInventoryWork(rng: Rng, t: number): PlannedEvent[] {
  const wh = rng.pick(WAREHOUSES);
  const item = rng.pick(SKUS);
  const at = { sku: item.sku, location: wh.id };
  const start = withinShift(wh.timeZone, wh.shiftStart, wh.shiftEnd, t, rng.between(0, 3) * HOUR);
  const kind = rng.weighted({ count: 68, receive: 20, damage: 6, quarantine: 6 });
  if (kind === 'count') {
    const expected = rng.int(12, 420);
    let counted = expected;
    if (!rng.chance(wh.countAccuracy)) {
      const off = rng.chance(0.85) ? rng.int(1, 4) : rng.int(5, 30);
      counted = Math.max(0, expected + (rng.chance(0.6) ? -off : off));
    }
    const ev: PlannedEvent[] = [
      {
        t: start,
        type: 'inventory.counted',
        data: { ...at, counted_qty: counted, expected_qty: expected, unit_cost: item.cost },
      },
    ];
    if (counted !== expected && rng.chance(0.7)) {
      ev.push({
        t: start + rng.lognormal(3 * HOUR, 0.7),
        type: 'inventory.adjusted',
        data: { ...at, qty_delta: counted - expected, reason: 'cycle_count' },
      });
    }
    return ev;
  }
  if (kind === 'receive')
    return [{ t: start, type: 'inventory.received', data: { ...at, qty: rng.int(2, 40) * 12, unit_cost: item.cost } }];
  if (kind === 'damage') {
    return [
      {
        t: start,
        type: 'inventory.adjusted',
        data: { ...at, qty_delta: -rng.int(1, 3), reason: rng.weighted({ damage: 70, shrink: 30 }) },
      },
    ];
  }
  const qty = rng.int(1, 12);
  const to = rng.chance(0.7) ? 'available' : 'damaged';
  return [
    { t: start, type: 'inventory.moved', data: { ...at, qty, from_state: 'available', to_state: 'quarantined' } },
    {
      t: start + rng.lognormal(20 * HOUR, 0.5),
      type: 'inventory.moved',
      data: { ...at, qty, from_state: 'quarantined', to_state: to },
    },
  ];
}
