import type { EventType, OpsEvent } from './index';

/** One valid example per event type: the canonical shapes for tests and docs. */
export const EXAMPLE_DATA: Record<EventType, Record<string, unknown>> = {
  'order.created': {
    order_id: 'ORD-1',
    channel: 'web',
    customer_ref: 'C-1',
    ship_by: '2026-11-20T17:00:00-05:00',
    lines: [{ sku: 'APP-1001', qty: 2, unit_price: 25.5, unit_cost: 9.2, category: 'apparel' }],
    shipping_charged: 4.95,
    fees: 1.2,
    warehouse_id: 'DC-EAST',
    carrier: 'UPS',
    service_level: 'standard',
  },
  'order.allocated': { order_id: 'ORD-1', warehouse_id: 'DC-EAST', lines: [{ sku: 'APP-1001', qty: 2 }] },
  'order.held': { order_id: 'ORD-1', reason: 'payment' },
  'order.released': { order_id: 'ORD-1' },
  'order.picked': { order_id: 'ORD-1' },
  'order.short_picked': { order_id: 'ORD-1', sku: 'APP-1001', qty_short: 1 },
  'order.packed': { order_id: 'ORD-1' },
  'order.shipped': { order_id: 'ORD-1', carrier: 'UPS', tracking_id: '1Z999', shipping_cost: 7.1 },
  'order.cancelled': { order_id: 'ORD-1', reason: 'customer request' },
  'order.expedited': { order_id: 'ORD-1', service_level: 'express', actor: 'maria' },
  'order.reallocated': { order_id: 'ORD-1', to_warehouse: 'DC-WEST', actor: 'maria' },
  'inventory.received': { sku: 'APP-1001', location: 'DC-EAST', qty: 120, unit_cost: 9.2 },
  'inventory.adjusted': { sku: 'APP-1001', location: 'DC-EAST', qty_delta: -2, reason: 'damage' },
  'inventory.counted': { sku: 'APP-1001', location: 'DC-EAST', counted_qty: 98, expected_qty: 100, unit_cost: 9.2 },
  'inventory.moved': { sku: 'APP-1001', location: 'DC-EAST', qty: 3, from_state: 'available', to_state: 'quarantined' },
  'carrier.picked_up': { order_id: 'ORD-1', carrier: 'UPS', tracking_id: '1Z999' },
  'carrier.in_transit': { order_id: 'ORD-1', tracking_id: '1Z999', location: 'Newark, NJ' },
  'carrier.exception': { order_id: 'ORD-1', tracking_id: '1Z999', carrier: 'UPS', reason: 'weather' },
  'carrier.delivered': { order_id: 'ORD-1', tracking_id: '1Z999' },
  'return.requested': {
    rma_id: 'RMA-1',
    order_id: 'ORD-1',
    sku: 'APP-1001',
    qty: 1,
    reason: 'too_small',
    reason_detail: 'runs small',
  },
  'return.authorized': { rma_id: 'RMA-1', label_cost: 6.5 },
  'return.rejected': { rma_id: 'RMA-1', reason: 'outside window' },
  'return.received': { rma_id: 'RMA-1', warehouse_id: 'DC-EAST', qty_received: 1 },
  'return.inspected': { rma_id: 'RMA-1', disposition: 'restock', condition: 'A', serial_match: true },
  'return.refund_approved': { rma_id: 'RMA-1', amount: 25.5, actor: 'sam' },
  'return.refunded': { rma_id: 'RMA-1', amount: 25.5, method: 'original_payment', restocking_fee: 0 },
  'return.closed': { rma_id: 'RMA-1' },
  'exception.assigned': {
    exception_id: 'short_pick:ORD-1:e7',
    category: 'short_pick',
    entity_id: 'ORD-1',
    assignee: 'maria',
    actor: 'lee',
  },
  'exception.resolved': {
    exception_id: 'short_pick:ORD-1:e7',
    category: 'short_pick',
    entity_id: 'ORD-1',
    note: 'restocked',
    actor: 'lee',
  },
};

let seq = 0;

/** A complete valid event of `type`, with `data` overrides merged in. */
export function example<T extends EventType>(
  type: T,
  data: Record<string, unknown> = {},
  envelope: Partial<OpsEvent> = {},
): OpsEvent {
  return {
    event_id: `evt-${type}-${++seq}`,
    type,
    occurred_at: '2026-11-20T14:03:11.250Z',
    source: 'test',
    schema_version: 1,
    ...envelope,
    data: { ...EXAMPLE_DATA[type], ...data },
  } as OpsEvent;
}
