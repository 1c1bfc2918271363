import { ALL_WAREHOUSES, scopeFor } from '@/lib/auth/scope';
import type { OpsEvent } from '@/lib/events';

/**
 * A small day of operations, 2026-11-20 (UTC), with every KPI's expected value worked out by hand
 * from the SPEC section 4 formulas below (not from the code). W1 = DC-EAST, W2 = DC-WEST.
 * Query with window [2026-11-20T00:00Z, 2026-11-21T00:00Z) and "now" = 2026-11-21T00:00Z.
 */
export const WINDOW = {
  from: new Date('2026-11-20T00:00:00Z'),
  to: new Date('2026-11-21T00:00:00Z'),
  scope: ALL_WAREHOUSES,
};
/** The scope of a reader who filters to one warehouse (an admin's, so nothing else narrows it). */
export const only = (warehouse: string) =>
  scopeFor({ kind: 'token', name: 'test', role: 'admin', warehouses: [] }, warehouse);
export const NOW = new Date('2026-11-21T00:00:00Z');

let n = 0;
const at = (hhmm: string, day = 20) => `2026-11-${day}T${hhmm}:00Z`;
function ev(type: string, time: string, data: Record<string, unknown>): OpsEvent {
  return {
    event_id: `sc-${String(++n).padStart(3, '0')}`,
    type,
    occurred_at: time,
    source: 'scenario',
    schema_version: 1,
    data,
  } as OpsEvent;
}
const A = (qty: number, price = 50) => ({ sku: 'A', qty, unit_price: price, unit_cost: 20, category: 'apparel' });
const B = (qty: number) => ({ sku: 'B', qty, unit_price: 30, unit_cost: 10, category: 'home' });
const C = (qty: number) => ({ sku: 'C', qty, unit_price: 20, unit_cost: 8, category: 'electronics' });
const order = (
  id: string,
  channel: string,
  created: string,
  shipBy: string,
  lines: unknown[],
  shipping: number,
  fees: number,
) =>
  ev('order.created', created, {
    order_id: id,
    channel,
    customer_ref: `cust-${id}`,
    ship_by: shipBy,
    lines,
    shipping_charged: shipping,
    fees,
  });

export const EVENTS: OpsEvent[] = [
  // O1, web, W1: revenue 4×50 + 30 + 5 = 235, COGS 4×20 + 10 = 90, ships 16:00 before 17:00 (on time).
  order('O1', 'web', at('08:00'), at('17:00'), [A(4), B(1)], 5, 3),
  ev('order.allocated', at('08:10'), {
    order_id: 'O1',
    warehouse_id: 'DC-EAST',
    lines: [
      { sku: 'A', qty: 4 },
      { sku: 'B', qty: 1 },
    ],
  }),
  ev('order.picked', at('09:00'), { order_id: 'O1' }),
  ev('order.packed', at('09:30'), { order_id: 'O1' }),
  ev('order.shipped', at('16:00'), { order_id: 'O1', carrier: 'UPS', tracking_id: 'T-O1', shipping_cost: 7 }),
  ev('carrier.exception', at('18:30'), { order_id: 'O1', tracking_id: 'T-O1', carrier: 'UPS', reason: 'weather' }),
  // O2, web, W2: revenue 50, COGS 20; held 10:06-11:00 (54 min), short pick 11:20 closed by shipping
  // at 13:00 (100 min); ship_by 12:00 passed: late shipment 12:00-13:00 (60 min).
  order('O2', 'web', at('10:00'), at('12:00'), [A(1)], 0, 2),
  ev('order.allocated', at('10:05'), { order_id: 'O2', warehouse_id: 'DC-WEST', lines: [{ sku: 'A', qty: 1 }] }),
  ev('order.held', at('10:06'), { order_id: 'O2', reason: 'payment' }),
  ev('order.released', at('11:00'), { order_id: 'O2' }),
  ev('order.short_picked', at('11:20'), { order_id: 'O2', sku: 'A', qty_short: 1 }),
  ev('order.picked', at('11:40'), { order_id: 'O2' }),
  ev('order.packed', at('12:30'), { order_id: 'O2' }),
  ev('order.shipped', at('13:00'), { order_id: 'O2', carrier: 'FedEx', tracking_id: 'T-O2', shipping_cost: 6 }),
  // O3, amazon, W1: cancelled before ship_by, so neither shipped nor late.
  order('O3', 'amazon', at('09:00'), at('15:00'), [C(3)], 0, 9),
  ev('order.allocated', at('09:10'), { order_id: 'O3', warehouse_id: 'DC-EAST', lines: [{ sku: 'C', qty: 3 }] }),
  ev('order.cancelled', at('09:30'), { order_id: 'O3', reason: 'customer' }),
  // O4, amazon, W1: created the day before (not counted as created), shipped 01:00 before 02:00.
  order('O4', 'amazon', at('22:00', 19), at('02:00'), [A(1, 48)], 0, 7.2),
  ev('order.allocated', at('22:05', 19), { order_id: 'O4', warehouse_id: 'DC-EAST', lines: [{ sku: 'A', qty: 1 }] }),
  ev('order.picked', at('23:00', 19), { order_id: 'O4' }),
  ev('order.packed', at('23:30', 19), { order_id: 'O4' }),
  ev('order.shipped', at('01:00'), { order_id: 'O4', carrier: 'UPS', tracking_id: 'T-O4', shipping_cost: 5 }),
  ev('carrier.delivered', at('09:00'), { order_id: 'O4', tracking_id: 'T-O4' }),
  // O5, web, W2: ship_by 22:00 passes unshipped: late shipment open at "now", 120 minutes old.
  order('O5', 'web', at('20:00'), at('22:00'), [B(1)], 0, 1),
  ev('order.allocated', at('20:10'), { order_id: 'O5', warehouse_id: 'DC-WEST', lines: [{ sku: 'B', qty: 1 }] }),

  // R1 on O4 (amazon): requested 02:00, received 08:00, inspected 10:00 (restock), refunded 14:00.
  ev('return.requested', at('02:00'), { rma_id: 'R1', order_id: 'O4', sku: 'A', qty: 1, reason: 'too_small' }),
  ev('return.authorized', at('02:30'), { rma_id: 'R1', label_cost: 6 }),
  ev('return.received', at('08:00'), { rma_id: 'R1', warehouse_id: 'DC-EAST', qty_received: 1 }),
  ev('return.inspected', at('10:00'), { rma_id: 'R1', disposition: 'restock', condition: 'A' }),
  ev('return.refunded', at('14:00'), { rma_id: 'R1', amount: 48, method: 'original_payment' }),
  // R2 on O1 (web): refunded 18:00 before it was received at 23:00.
  ev('return.requested', at('17:00'), { rma_id: 'R2', order_id: 'O1', sku: 'B', qty: 1, reason: 'damaged_in_transit' }),
  ev('return.authorized', at('17:10'), { rma_id: 'R2', label_cost: 5 }),
  ev('return.refunded', at('18:00'), { rma_id: 'R2', amount: 30, method: 'original_payment' }),
  ev('return.received', at('23:00'), { rma_id: 'R2', warehouse_id: 'DC-EAST', qty_received: 1 }),
  // R3 on O1 (web): 2 requested, 1 received (mismatch, open), refurbish, refund 50 less a fee of 5.
  ev('return.requested', at('18:00'), { rma_id: 'R3', order_id: 'O1', sku: 'A', qty: 2, reason: 'too_large' }),
  ev('return.authorized', at('18:30'), { rma_id: 'R3', label_cost: 5 }),
  ev('return.received', at('20:00'), { rma_id: 'R3', warehouse_id: 'DC-EAST', qty_received: 1 }),
  ev('return.inspected', at('22:00'), { rma_id: 'R3', disposition: 'refurbish' }),
  ev('return.refunded', at('23:00'), { rma_id: 'R3', amount: 50, method: 'original_payment', restocking_fee: 5 }),
  // R4 on O2 (web): only requested.
  ev('return.requested', at('21:00'), { rma_id: 'R4', order_id: 'O2', sku: 'A', qty: 1, reason: 'too_small' }),

  // Counts: C2 off by 2, C4 off by 5 (variance 06:00, closed by the 07:00 cycle-count adjustment).
  ev('inventory.counted', at('05:00'), {
    sku: 'A',
    location: 'DC-EAST',
    counted_qty: 100,
    expected_qty: 100,
    unit_cost: 20,
  }),
  ev('inventory.counted', at('05:10'), {
    sku: 'B',
    location: 'DC-EAST',
    counted_qty: 48,
    expected_qty: 50,
    unit_cost: 10,
  }),
  ev('inventory.counted', at('05:20'), {
    sku: 'C',
    location: 'DC-WEST',
    counted_qty: 10,
    expected_qty: 10,
    unit_cost: 8,
  }),
  ev('inventory.counted', at('06:00'), {
    sku: 'A',
    location: 'DC-WEST',
    counted_qty: 95,
    expected_qty: 100,
    unit_cost: 20,
  }),
  ev('inventory.adjusted', at('07:00'), { sku: 'A', location: 'DC-WEST', qty_delta: -5, reason: 'cycle_count' }),
  ev('inventory.counted', at('05:30'), { sku: 'D', location: 'DC-WEST', counted_qty: 7, expected_qty: 7 }),
  ev('inventory.moved', at('12:00'), {
    sku: 'A',
    location: 'DC-EAST',
    qty: 3,
    from_state: 'available',
    to_state: 'quarantined',
  }),
];

/** The events shuffled (seeded) with some sent twice: arrival order and duplicates must not matter. */
export function shuffledWithDuplicates(seed = 7): OpsEvent[] {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const list = [...EVENTS, ...EVENTS.filter((_, i) => i % 3 === 0)];
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}
