import { describe, expect, it } from 'vitest';
import { entityKeyOf, EVENT_TYPES, familyOf, validateEvent } from './index';
import { example, EXAMPLE_DATA } from './fixtures';

describe('event schemas', () => {
  it('has an example for every event type, and each one validates', () => {
    expect(Object.keys(EXAMPLE_DATA).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const r = validateEvent(example(type));
      expect(r.ok, `${type}: ${JSON.stringify(!r.ok && r.errors)}`).toBe(true);
    }
  });

  it('keeps unknown extra fields in the envelope and in data', () => {
    const r = validateEvent({ ...example('order.picked', { picker: 'p-7' }), trace_id: 'abc' });
    expect(r.ok && (r.event as Record<string, unknown>).trace_id).toBe('abc');
    expect(r.ok && (r.event.data as Record<string, unknown>).picker).toBe('p-7');
  });

  it('names the field and the problem', () => {
    const r = validateEvent(example('order.created', { lines: [{ sku: 'A', qty: 0, unit_price: 1, unit_cost: 1 }] }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0].path).toBe('data.lines[0].qty');
  });

  it.each([
    ['occurred_at without an offset', { occurred_at: '2026-11-20T14:03:11' }],
    ['empty event_id', { event_id: '' }],
    ['event_id over 128 characters', { event_id: 'x'.repeat(129) }],
    ['schema_version 0', { schema_version: 0 }],
  ])('rejects %s', (_, envelope) => {
    expect(validateEvent(example('order.packed', {}, envelope as never)).ok).toBe(false);
  });

  it('rejects unknown types and non-objects with a reason', () => {
    const r = validateEvent({ ...example('order.packed'), type: 'order.teleported' });
    expect(!r.ok && r.errors[0].message).toContain("unknown event type 'order.teleported'");
    expect(validateEvent([1]).ok).toBe(false);
    expect(validateEvent(null).ok).toBe(false);
  });

  it.each([
    ['a zero adjustment', 'inventory.adjusted', { qty_delta: 0 }],
    ['a move to the same state', 'inventory.moved', { to_state: 'available' }],
    ['an unknown return reason', 'return.requested', { reason: 'meh' }],
    ['a negative refund', 'return.refunded', { amount: -1 }],
    ['a fractional quantity', 'inventory.received', { qty: 1.5 }],
    ['money as a string', 'order.shipped', { shipping_cost: '7.10' }],
  ])('rejects %s', (_, type, data) => {
    expect(validateEvent(example(type as never, data)).ok).toBe(false);
  });

  it('maps events to families and partition keys per SPEC section 3', () => {
    expect(entityKeyOf(example('inventory.counted'))).toBe('APP-1001@DC-EAST');
    expect(familyOf(example('carrier.delivered'))).toBe('carrier');
    expect(entityKeyOf(example('return.closed'))).toBe('RMA-1');
    const resolved = example('exception.resolved', { category: 'carrier_exception', entity_id: 'ORD-9' });
    expect([familyOf(resolved), entityKeyOf(resolved)]).toEqual(['carrier', 'ORD-9']);
  });
});
