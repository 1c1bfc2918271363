import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, type OpsEvent } from '@/lib/events';
import { example } from '@/lib/events/fixtures';
import { Simulator } from '@/lib/simulator/simulator';
import { startEmbedded, type Embedded } from '@/test/embedded';
import { RAW_TABLE } from '../rows';

/** Every table the processor derives from the raw events. */
const DERIVED = [
  'order_facts',
  'line_facts',
  'return_facts',
  'exception_facts',
  'count_facts',
  'inventory_positions',
  'sku_costs',
  'orders_current',
  'open_orders',
  'order_info',
  'returns_current',
  'parcels_current',
  'exceptions',
  'open_exceptions',
];
/** Bookkeeping of when a row was written, not what it says. */
const WRITTEN = new Set(['version', 'updated_at', 'applied_at']);

let stack: Embedded;
let events: OpsEvent[];
beforeAll(async () => {
  stack = await startEmbedded();
  // A whole seeded back-fill (4 days of every lifecycle), not a prefix of one: a prefix holds only
  // the first steps (stock, new orders), and every event type must take part.
  events = [];
  const now = Date.UTC(2026, 10, 18, 15);
  const sim = new Simulator({
    seed: 31,
    rate: 0.005,
    backfillDays: 14,
    backfillEvents: 6000,
    scenario: '',
    now: () => now,
    publish: async (e) => void events.push(...e),
  });
  await sim.backfill();
});
afterAll(async () => stack?.stop());

async function derived(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of DERIVED) {
    // order_info is a key-value table (EmbeddedRocksDB): one row per key already, no FINAL.
    const rows = await stack.rows<Record<string, unknown>>(`SELECT * FROM ${t}${t === 'order_info' ? '' : ' FINAL'}`);
    out[t] = rows.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !WRITTEN.has(k)))).sort();
  }
  return out;
}

const distinct = (list: OpsEvent[]) => new Set(list.map((e) => e.event_id)).size;

/**
 * Posts `list` in chunks and waits until the store holds `total` distinct events (everything posted
 * so far, since the last truncation). A generous bound: a slow machine waits longer, never passes early.
 */
async function load(list: OpsEvent[], chunk: number, total: number) {
  for (let i = 0; i < list.length; i += chunk)
    expect((await stack.post(list.slice(i, i + chunk))).rejected).toEqual([]);
  const until = Date.now() + 180_000;
  for (;;) {
    const [{ n }] = await stack.rows<{ n: number }>('SELECT sum(events) AS n FROM freshness');
    if (Number(n) >= total) break;
    if (Date.now() > until) throw new Error(`only ${n} of ${total} events applied after 180 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await stack.settled();
}

/** A seeded shuffle, with every fifth event sent a second time somewhere later. */
function shuffledWithRepeats(list: OpsEvent[], seed: number): OpsEvent[] {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out = [...list, ...list.filter((_, i) => i % 5 === 0)];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('derived tables do not depend on arrival', () => {
  it('in order in large batches, or shuffled with repeats in small ones: the same rows in every derived table', async () => {
    await load(events, 2000, distinct(events));
    // Operators' events too: assign and resolve some of the exceptions the back-fill opened.
    const open = await stack.rows<{ exception_id: string; category: string; entity_id: string; opened_at: string }>(
      `SELECT exception_id, category, entity_id, toString(opened_at) AS opened_at FROM exceptions FINAL
       WHERE closed_at IS NULL AND category IN ('short_pick', 'carrier_exception', 'return_mismatch', 'inventory_variance')
       ORDER BY exception_id LIMIT 12`,
    );
    const actions: OpsEvent[] = open.flatMap((x, i) => {
      const at = (min: number) => ({
        occurred_at: new Date(Date.parse(`${x.opened_at.replace(' ', 'T')}Z`) + min * 60_000).toISOString(),
      });
      const target = { exception_id: x.exception_id, category: x.category, entity_id: x.entity_id };
      const assign = example('exception.assigned', { ...target, assignee: `op-${i % 3}` }, at(5));
      return i % 2 === 0 ? [assign, example('exception.resolved', { ...target, note: 'fixed' }, at(30))] : [assign];
    });
    const orders = await stack.rows<{ order_id: string; created_at: string }>(
      `SELECT order_id, toString(created_at) AS created_at FROM orders_current FINAL WHERE status IN ('created', 'allocated') ORDER BY order_id LIMIT 6`,
    );
    for (const [i, o] of orders.entries()) {
      const at = { occurred_at: new Date(Date.parse(`${o.created_at.replace(' ', 'T')}Z`) + 60_000).toISOString() };
      actions.push(
        i % 2 === 0
          ? example('order.expedited', { order_id: o.order_id, service_level: 'express', actor: 'op-1' }, at)
          : example('order.reallocated', { order_id: o.order_id, to_warehouse: 'DC-WEST', actor: 'op-2' }, at),
      );
    }
    expect(actions.length).toBeGreaterThan(10);
    await load(actions, 50, distinct([...events, ...actions]));
    events.push(...actions);
    // So every event type's effect is compared.
    expect(EVENT_TYPES.filter((t) => !events.some((e) => e.type === t))).toEqual([]);
    const inOrder = await derived();
    expect(inOrder.orders_current.length).toBeGreaterThan(100);
    expect(inOrder.exceptions.length).toBeGreaterThan(10);
    expect(inOrder.inventory_positions.length).toBeGreaterThan(10);

    for (const t of [...DERIVED, ...Object.values(RAW_TABLE), 'freshness'])
      await stack.store.client.command({ query: `TRUNCATE TABLE ${t}` });
    await load(shuffledWithRepeats(events, 99), 239, distinct(events));
    const shuffled = await derived();
    for (const t of DERIVED) expect(shuffled[t], t).toEqual(inOrder[t]);
  });
});
