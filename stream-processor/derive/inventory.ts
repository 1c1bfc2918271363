import type { StoredEvent } from '../snapshots';
import { exception, exceptionActions, exceptionFacts } from './exceptions';
import { type Derived, type ExceptionRecord, type Position } from './types';

export interface Tolerance {
  units: number;
  pct: number;
}

/** A count is accurate when |counted − expected| is within the tolerance, in units or % of expected. */
export function withinTolerance(counted: number, expected: number, tol: Tolerance): boolean {
  return Math.abs(counted - expected) <= Math.max(tol.units, (tol.pct / 100) * expected);
}

/**
 * Variance exceptions of one SKU at one location: a count outside tolerance opens one, the next
 * `inventory.adjusted` with reason `cycle_count` (or an operator's resolve) closes it. The tolerance
 * verdict is taken when the count is first applied and kept with it (`x.outside`), so a later
 * change of tolerance does not rewrite history.
 */
export function deriveInventory(key: string, events: StoredEvent[]): Derived {
  const at = key.lastIndexOf('@');
  const location = key.slice(at + 1);
  const actions = exceptionActions(events);
  const exceptions: ExceptionRecord[] = [];
  for (const [i, e] of events.entries()) {
    if (e.type !== 'inventory.counted' || !e.x?.outside) continue;
    const fix = events.slice(i + 1).find((a) => a.type === 'inventory.adjusted' && a.d.reason === 'cycle_count');
    exceptions.push(exception(actions, {
      exception_id: `inventory_variance:${key}:${e.id}`, category: 'inventory_variance', entity_id: key, warehouse_id: location,
      opened_at: e.t, closed: fix ? { at: fix.t, reason: 'inventory.adjusted' } : null,
      detail: `Counted ${e.d.counted_qty}, expected ${e.d.expected_qty}`,
      data: { sku: e.d.sku, location, counted_qty: e.d.counted_qty, expected_qty: e.d.expected_qty, qty_delta: Number(e.d.counted_qty) - Number(e.d.expected_qty), unit_cost: e.d.unit_cost ?? null },
    }));
  }
  return { facts: exceptionFacts(exceptions), exceptions, positions: [], states: [] };
}

/** Stock movements of inventory events themselves: each applies once, so they are written as they come. */
export function inventoryMovements(e: StoredEvent): Position[] {
  const d = e.d as { sku: string; location: string; qty?: number; qty_delta?: number; from_state?: string; to_state?: string };
  const p = (state: string, qty: number): Position => ({ sku: d.sku, location: d.location, state: state as Position['state'], qty });
  if (e.type === 'inventory.received') return [p('available', d.qty!)];
  if (e.type === 'inventory.adjusted') return [p('available', d.qty_delta!)];
  if (e.type === 'inventory.moved') return [p(d.from_state!, -d.qty!), p(d.to_state!, d.qty!)];
  return [];
}
