import { describe, expect, it } from 'vitest';
import { Simulator } from '../simulator/simulator';
import { EXAMPLE_DATA, example } from './fixtures';
import { validateEvent, type EventType, type OpsEvent } from './index';
import { validateEventFast } from './validate';

/** A seeded generator, so a failure names a corpus that can be regenerated. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);

/** Ways to break an event, each aimed at one thing zod checks: presence, type, range, length, format, enums, cross-field rules. */
const MUTATIONS: Record<string, (e: Json, r: () => number) => unknown> = {
  dropEnvelopeField: (e, r) => (
    delete e[['event_id', 'type', 'occurred_at', 'source', 'schema_version', 'data'][Math.floor(r() * 6)]],
    e
  ),
  dropDataField: (e, r) => {
    const d = e.data as Json;
    const keys = Object.keys(d);
    delete d[keys[Math.floor(r() * keys.length)]];
    return e;
  },
  wrongType: (e, r) => {
    const d = e.data as Json;
    const keys = Object.keys(d);
    const k = keys[Math.floor(r() * keys.length)];
    d[k] = typeof d[k] === 'number' ? String(d[k]) : typeof d[k] === 'string' ? 42 : 'x';
    return e;
  },
  emptyString: (e) => ((e.source = ''), e),
  tooLong: (e) => ((e.event_id = 'x'.repeat(129)), e),
  tooLongUtf16: (e) => ((e.event_id = '😀'.repeat(65)), e), // 65 code points, 130 UTF-16 units
  badTime: (e, r) => (
    (e.occurred_at = ['2026-11-20', '2026-13-01T00:00:00Z', '2026-11-20T10:00:00', 'yesterday', '2026-02-30T00:00:00Z'][
      Math.floor(r() * 5)
    ]),
    e
  ),
  farFuture: (e) => ((e.occurred_at = '2099-01-01T00:00:00Z'), e),
  epochZero: (e) => ((e.occurred_at = '1970-01-01T00:00:00Z'), e),
  badVersion: (e, r) => ((e.schema_version = [0, 1.5, 1001, -1][Math.floor(r() * 4)]), e),
  unknownType: (e) => ((e.type = 'order.teleported'), e),
  notAnObject: (_e, r) => [null, 42, 'event', [], true][Math.floor(r() * 5)],
  negativeMoney: (e) => {
    const d = e.data as Json;
    for (const k of ['shipping_cost', 'amount', 'label_cost', 'fees', 'unit_cost']) if (k in d) d[k] = -1;
    return e;
  },
  hugeQty: (e) => {
    const d = e.data as Json;
    for (const k of ['qty', 'qty_received', 'counted_qty', 'qty_short']) if (k in d) d[k] = 2e9;
    return e;
  },
  fractionalQty: (e) => {
    const d = e.data as Json;
    for (const k of ['qty', 'qty_received', 'counted_qty', 'qty_short', 'qty_delta']) if (k in d) d[k] = 1.5;
    return e;
  },
  badEnum: (e) => {
    const d = e.data as Json;
    for (const k of ['reason', 'disposition', 'from_state', 'category']) if (k in d) d[k] = 'not-a-value';
    return e;
  },
  brokenLine: (e) => {
    const lines = (e.data as Json).lines as Json[] | undefined;
    if (lines?.length) lines[0].qty = 0;
    return e;
  },
  noLines: (e) => {
    if ('lines' in (e.data as Json)) (e.data as Json).lines = [];
    return e;
  },
  orderTotalOver: (e) => {
    const lines = (e.data as Json).lines as Json[] | undefined;
    if (lines?.length && e.type === 'order.created')
      Object.assign(lines[0], { qty: 1_000_000_000, unit_price: 999_999_999 });
    return e;
  },
  shipByFar: (e) => {
    if (e.type === 'order.created') (e.data as Json).ship_by = '2029-01-01T00:00:00Z';
    return e;
  },
  zeroDelta: (e) => {
    if (e.type === 'inventory.adjusted') (e.data as Json).qty_delta = 0;
    return e;
  },
  sameStates: (e) => {
    if (e.type === 'inventory.moved') (e.data as Json).to_state = (e.data as Json).from_state;
    return e;
  },
  extraFields: (e) => ((e.extra = { nested: true }), ((e.data as Json).gift_note = 'kept'), e), // valid: unknown fields are kept
};

async function corpus() {
  const events: OpsEvent[] = [];
  const now = Date.now();
  const sim = new Simulator({
    seed: 5,
    rate: 0.1,
    backfillDays: 5,
    backfillEvents: 1_000_000,
    scenario: '',
    now: () => now,
    publish: async (e) => void events.push(...e),
  });
  await sim.backfill();
  return events.slice(0, 20_000);
}

describe('compiled validation (ajv from the zod schemas)', () => {
  it('gives zod’s verdict on 20,000 simulated events and 2,000+ broken ones', async () => {
    const valid = await corpus();
    expect(valid.length).toBe(20_000);
    const r = rng(99);
    const names = Object.keys(MUTATIONS);
    const broken: { how: string; value: unknown }[] = [];
    for (let i = 0; i < 3_200; i++) {
      const how = names[i % names.length];
      broken.push({ how, value: MUTATIONS[how](clone(valid[Math.floor(r() * valid.length)]) as unknown as Json, r) });
    }
    // Every event type, and each of its cross-field checks, at least once.
    for (const type of Object.keys(EXAMPLE_DATA) as EventType[]) {
      broken.push({ how: 'example', value: example(type) });
      for (const how of names) broken.push({ how, value: MUTATIONS[how](clone(example(type)) as unknown as Json, r) });
    }
    let refused = 0;
    const disagreements: string[] = [];
    for (const value of [...valid, ...broken.map((b) => b.value)]) {
      const slow = validateEvent(value).ok;
      if (validateEventFast(value).ok !== slow) disagreements.push(JSON.stringify(value).slice(0, 300));
      if (!slow) refused++;
    }
    expect(disagreements).toEqual([]);
    expect(refused).toBeGreaterThan(2_000);
    expect(valid.every((v) => validateEventFast(v).ok)).toBe(true);
  }, 120_000);

  it('refuses with zod’s words', () => {
    const bad = { ...example('inventory.adjusted'), data: { ...EXAMPLE_DATA['inventory.adjusted'], qty_delta: 0 } };
    expect(validateEventFast(bad)).toEqual(validateEvent(bad));
    expect(validateEventFast(bad)).toMatchObject({
      ok: false,
      errors: [{ path: 'data.qty_delta', message: 'qty_delta must be non-zero' }],
    });
  });
});
