import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Metrics } from '@/lib/metrics';
import { queryRows, type Store, type StoreHandle } from '@/lib/store/client';
import { orderBatch, testProcessor } from '@/test/processor';
import type { StreamProcessor } from './processor';

/** The store's calls as they start and end: a derivation's scratch tables carry their pass's suffix. */
const calls: { at: 'start' | 'end'; what: string; pass: string }[] = [];
const DERIVED = /rollup_(ev_\w+?|orders|parcels|returns|exceptions|exception_changes)_([0-9a-f]{12})_/;
function watched(store: Store): Store {
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const a = args[0] as { query?: string; table?: string };
        const text = a?.query ?? `INSERT INTO ${a?.table ?? ''}`;
        const pass = DERIVED.exec(text)?.[2] ?? '';
        const what = a?.table ? `append ${a.table}` : pass ? 'derive' : 'other';
        calls.push({ at: 'start', what, pass });
        const p = (value as (...x: unknown[]) => Promise<unknown>).apply(target, args);
        return p.finally(() => calls.push({ at: 'end', what, pass }));
      };
    },
  });
}

let store: StoreHandle;
let processor: StreamProcessor;
let metrics: Metrics;
beforeAll(async () => {
  ({ store, processor, metrics } = await testProcessor('ops-overlap-', {
    // Without chDB's raw insert the raw tables are appended through `insert`, which the proxy sees.
    watch: watched,
    coalesceMs: 5,
    maxBatchEvents: 3,
  }));
});
afterAll(async () => store?.close());

it('with a backlog, appends a batch while the one before is derived, never two derivations at once, and still dedupes across them', async () => {
  // Three writes of three events; the second repeats one event of the first (a redelivery).
  await Promise.all([
    processor.handle(orderBatch(0, ['OV-1', 'OV-2', 'OV-3'])),
    processor.handle(orderBatch(1, ['OV-4', 'OV-1', 'OV-5'])),
    processor.handle(orderBatch(2, ['OV-6', 'OV-7', 'OV-8'])),
  ]);
  await processor.idle();

  // A pass's derivation statements come one run after another: never interleaved with another's.
  const runs: string[] = [];
  for (const c of calls) if (c.what === 'derive' && runs[runs.length - 1] !== c.pass) runs.push(c.pass);
  expect(new Set(runs).size, `passes interleaved: ${runs.join(' ')}`).toBe(runs.length);
  expect(runs.length).toBe(3);
  // And an append started while a derivation had a statement running.
  let deriving = 0;
  let appendsWhileDeriving = 0;
  for (const c of calls) {
    if (c.what === 'derive') deriving += c.at === 'start' ? 1 : -1;
    else if (c.at === 'start' && c.what.startsWith('append') && deriving > 0) appendsWhileDeriving++;
  }
  expect(appendsWhileDeriving).toBeGreaterThan(0);

  const [{ n }] = await queryRows<{ n: number }>(
    store.client,
    `SELECT count() AS n FROM order_events WHERE startsWith(order_id, 'OV-')`,
  );
  expect(Number(n)).toBe(8);
  const dupes = (await metrics.registry.getSingleMetric('ops_events_duplicate_total')!.get()).values;
  expect(dupes.reduce((s, v) => s + v.value, 0)).toBe(1);
  const [{ orders }] = await queryRows<{ orders: number }>(
    store.client,
    `SELECT count() AS orders FROM orders_current FINAL WHERE startsWith(order_id, 'OV-')`,
  );
  expect(Number(orders)).toBe(8);
});
