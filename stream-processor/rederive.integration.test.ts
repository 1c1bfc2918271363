import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example } from '@/lib/events/fixtures';
import { startEmbedded, type Embedded } from '@/test/embedded';
import { queueRederive, queueUnderived } from './rederive';

let stack: Embedded;
beforeAll(async () => {
  stack = await startEmbedded();
});
afterAll(async () => stack?.stop());

const ORDER =
  "SELECT order_id, status, toString(shipped_at) AS shipped_at FROM orders_current FINAL WHERE order_id IN ('RD-OLD', 'RD-NEW') ORDER BY order_id";
const STOCK =
  "SELECT state, sum(qty) AS qty FROM inventory_positions WHERE sku = 'RD-SKU' GROUP BY state HAVING qty != 0 ORDER BY state";

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  // Generous: a slow machine waits longer; the expectation after it decides.
  for (let i = 0; i < 2400; i++) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  return read();
}

describe('npm run rederive: derived tables rebuilt from the raw events', () => {
  it('re-derives the entities with events since the given time, and only those', async () => {
    const old = (t: string) => ({ occurred_at: t });
    await stack.post([
      { ...example('order.created', { order_id: 'RD-OLD' }), ...old('2026-11-01T10:00:00Z') },
      { ...example('order.created', { order_id: 'RD-NEW' }), ...old('2026-11-20T10:00:00Z') },
      { ...example('order.shipped', { order_id: 'RD-NEW' }), ...old('2026-11-20T12:00:00Z') },
      { ...example('inventory.received', { sku: 'RD-SKU', qty: 7 }), ...old('2026-11-20T09:00:00Z') },
    ]);
    await stack.settled();
    const orders = await until(
      () => stack.rows(ORDER),
      (r) => r.length === 2,
    );
    const stock = await stack.rows(STOCK);
    expect(orders.map((o) => [o.order_id, o.status])).toEqual([
      ['RD-NEW', 'shipped'],
      ['RD-OLD', 'created'],
    ]);
    expect(stock).toEqual([{ state: 'available', qty: 7 }]);

    // Derived state lost (or a new column left empty by a migration): rebuild it from the events.
    for (const t of ['orders_current', 'inventory_positions'])
      await stack.store.client.command({ query: `TRUNCATE TABLE ${t}` });
    const queued = await queueRederive(stack.store.client, { since: new Date('2026-11-15T00:00:00Z') });
    expect(queued.orders).toBeGreaterThanOrEqual(1);
    expect(queued.inventory).toBeGreaterThanOrEqual(1);
    expect(await stack.drainRederive()).toBe(queued.orders + queued.inventory + queued.carrier + queued.returns);
    expect(await stack.rows('SELECT count() AS n FROM rederive_queue')).toEqual([{ n: 0 }]);

    const rebuilt = await until(
      () => stack.rows(ORDER),
      (r) => r.length >= 1,
    );
    expect(rebuilt).toEqual(orders.filter((o) => o.order_id === 'RD-NEW'));
    expect(
      await until(
        () => stack.rows(STOCK),
        (r) => r.length > 0,
      ),
    ).toEqual(stock);
  });
});

describe('a start after dying between storing and deriving (an action answered once on record)', () => {
  it('re-derives the entities whose raw events were written after the last derived batch, and only those', async () => {
    await stack.post([{ ...example('order.created', { order_id: 'UD-DONE' }), occurred_at: '2026-11-20T10:00:00Z' }]);
    await stack.settled();
    // What a batch leaves when the process dies after its raw insert and before its derivation.
    await stack.store.client.command({
      query: `INSERT INTO order_events (event_id, type, occurred_at, order_id, ingested_at)
              SELECT 'ud-1', 'order.shipped', '2026-11-20T12:00:00', 'UD-DONE', addMilliseconds((SELECT max(applied_at) FROM freshness), 1)`,
    });
    expect(await queueUnderived(stack.store.client)).toBe(1);
    expect(await stack.rows('SELECT family, key FROM rederive_queue')).toEqual([{ family: 'orders', key: 'UD-DONE' }]);
    await stack.drainRederive();
    const order = await until(
      () => stack.rows("SELECT status FROM orders_current FINAL WHERE order_id = 'UD-DONE'"),
      (r) => r[0]?.status === 'shipped',
    );
    expect(order).toEqual([{ status: 'shipped' }]);
    // Once a later batch is derived, a start re-derives only that batch's entities: its rows carry
    // its own time (the next batch's may too, so the bound is inclusive), nothing before it.
    await stack.post([{ ...example('order.created', { order_id: 'UD-LATER' }), occurred_at: '2026-11-20T13:00:00Z' }]);
    await stack.settled();
    expect(await queueUnderived(stack.store.client)).toBe(1);
    expect(await stack.rows('SELECT family, key FROM rederive_queue')).toEqual([{ family: 'orders', key: 'UD-LATER' }]);
  });
});
