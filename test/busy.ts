import type { OpsEvent } from '@/lib/events';

/**
 * One busy stock position's history: `n` inventory.received events of 1 unit (unique ids), most of
 * them sharing their occurred_at with others (ties), far more than a snapshot keeps. Sent once,
 * then twice more (shuffled, in other chunk sizes), the position must hold exactly `n` units.
 */
export function busyPosition(sku: string, n: number, location = 'DC-EAST'): OpsEvent[] {
  const t0 = Date.parse('2026-11-20T08:00:00.000Z');
  return Array.from({ length: n }, (_, i) => ({
    event_id: `${sku}-${String(i).padStart(5, '0')}`,
    type: 'inventory.received',
    // The first 450 at one instant (the reported case), the rest in groups of 7 per millisecond.
    occurred_at: new Date(i < 450 ? t0 : t0 + 1 + Math.floor((i - 450) / 7)).toISOString(),
    source: 'test',
    schema_version: 1,
    data: { sku, location, qty: 1 },
  })) as OpsEvent[];
}

/** The same events in a seeded shuffled order. */
export function shuffled<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** SQL for the units available at a position (the position's deltas summed). */
export const AVAILABLE_SQL =
  "SELECT sum(qty) AS n FROM inventory_positions WHERE sku = {sku:String} AND location = {location:String} AND state = 'available'";
