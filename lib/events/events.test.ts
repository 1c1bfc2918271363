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

  it('bounds every number to what its column holds: per field, and per order total', () => {
    const line = (qty: number, unit_price: number, unit_cost = 1) => ({ sku: 'A', qty, unit_price, unit_cost });
    const errors = (r: ReturnType<typeof validateEvent>) => (r.ok ? [] : r.errors.map((e) => e.path));
    // The reported case: answered 200, then dead-lettered by the store ("Decimal value is too big").
    expect(errors(validateEvent(example('order.created', { lines: [line(1e9, 1e12)] })))).toEqual([
      'data.lines[0].unit_price',
      'data.lines',
    ]);
    expect(errors(validateEvent(example('order.created', { lines: [line(1_000_000, 2_000_000)] })))).toEqual([
      'data.lines',
    ]);
    expect(
      errors(validateEvent(example('order.created', { lines: [line(10, 1), line(1, 1)], shipping_charged: 2e9 }))),
    ).toEqual(['data.shipping_charged']);
    expect(validateEvent(example('order.created', { lines: [line(1000, 999_999)] })).ok).toBe(true);
    expect(errors(validateEvent(example('inventory.counted', { counted_qty: 1e10 })))).toEqual(['data.counted_qty']);
    expect(errors(validateEvent(example('return.refunded', { amount: 5e9 })))).toEqual(['data.amount']);
  });

  it('refuses implausible business times: before 2000, more than a week ahead, a ship-by years away', () => {
    const at = (occurred_at: string) => validateEvent(example('order.packed', {}, { occurred_at }));
    for (const t of [
      '1970-01-01T00:00:00Z',
      '1000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      new Date(Date.now() + 8 * 86_400_000).toISOString(),
    ]) {
      const r = at(t);
      expect(r.ok, t).toBe(false);
      expect(!r.ok && r.errors[0], t).toMatchObject({
        path: 'occurred_at',
        message: expect.stringMatching(/must be between 2000-01-01 and \d{4}-\d{2}-\d{2}/),
      });
    }
    expect(at(new Date(Date.now() + 6 * 86_400_000).toISOString()).ok).toBe(true);
    expect(at('2000-01-01T00:00:00Z').ok).toBe(true);
    const created = (ship_by: string) =>
      validateEvent(example('order.created', { ship_by }, { occurred_at: '2026-11-20T10:00:00Z' }));
    expect(created('2026-11-21T10:00:00Z').ok).toBe(true);
    const far = created('2029-01-01T00:00:00Z');
    expect(!far.ok && far.errors).toEqual([{ path: 'data.ship_by', message: 'must be within a year of occurred_at' }]);
    expect(created('2024-01-01T00:00:00Z').ok).toBe(false);
  });

  it('maps events to families and partition keys per SPEC section 3', () => {
    expect(entityKeyOf(example('inventory.counted'))).toBe('APP-1001@DC-EAST');
    expect(familyOf(example('carrier.delivered'))).toBe('carrier');
    expect(entityKeyOf(example('return.closed'))).toBe('RMA-1');
    const resolved = example('exception.resolved', { category: 'carrier_exception', entity_id: 'ORD-9' });
    expect([familyOf(resolved), entityKeyOf(resolved)]).toEqual(['carrier', 'ORD-9']);
  });
});
