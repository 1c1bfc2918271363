import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows, type Store, type StoreHandle } from '@/lib/store/client';
import { orderBatch, testProcessor } from '@/test/processor';
import type { StreamProcessor } from '../processor';
import { rollup } from './index';

/** Which statements the store fails now (each failure once it is counted), as a server going away would. */
let failing: ((query: string) => boolean) | null = null;
let failures = 0;

/** The store, except that the statements `failing` picks fail at once ('socket hang up': a transient error). */
function faulty(inner: Store): Store {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop !== 'command') return Reflect.get(target, prop, receiver);
      return (params: Parameters<Store['command']>[0]) => {
        if (failing?.(params.query)) {
          failures++;
          return Promise.reject(new Error('socket hang up'));
        }
        return target.command(params);
      };
    },
  });
}

let store: StoreHandle;
let processor: StreamProcessor;
/** Writes begun and ended, as the processor tells whoever waits on them (the rules' sweep). */
const writes = { begun: 0, released: 0 };
beforeAll(async () => {
  ({ store, processor } = await testProcessor('ops-rollup-fail-', {
    watch: faulty,
    onWriting: () => {
      writes.begun++;
      return () => void writes.released++;
    },
  }));
});
afterAll(async () => store?.close());

const rows = <T>(query: string) => queryRows<T>(store.client, query);

it('a write that fails while the pass waits for another statement fails the pass, not the process', async () => {
  // Seen in CI: a ClickHouse server stopped mid-pass, a family's write failed while the pass awaited
  // the exceptions table, and the processor died of an unhandled rejection instead of retrying.
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', listener);
  failing = (q) => /^\s*INSERT/.test(q);
  try {
    const touched = [
      { family: 'orders' as const, key: 'o-fail-1' },
      { family: 'inventory' as const, key: 'SKU-1@DC-EAST' },
    ];
    await expect(rollup(faulty(store.client), touched, { version: 1, now: Date.now() })).rejects.toThrow(
      'socket hang up',
    );
    // Unhandled rejections are reported after the microtasks drain: give them a turn.
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
    // The scratch tables went with the pass.
    const [{ n }] = await rows<{ n: number }>(
      "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'rollup_')",
    );
    expect(Number(n)).toBe(0);
  } finally {
    failing = null;
    process.off('unhandledRejection', listener);
  }
});

it('a pass that failed after part of its writes is retried into the same open set as one that never failed', async () => {
  // The open set is written from what differs from the exceptions on record: had the record taken
  // a change while the open set's write failed, the retry would find nothing to write.
  failures = 0;
  failing = (q) => failures === 0 && /^\s*INSERT INTO open_exceptions/.test(q);
  try {
    const ids = ['PARTIAL-1', 'PARTIAL-2', 'PARTIAL-3'];
    await processor.handle(orderBatch(0, ids));
    await processor.idle();
    expect(failures).toBe(1);
    const recorded = await rows<{ exception_id: string }>(
      "SELECT exception_id FROM exceptions FINAL WHERE startsWith(entity_id, 'PARTIAL-') AND closed_at IS NULL ORDER BY exception_id",
    );
    expect(recorded.length).toBeGreaterThanOrEqual(ids.length); // each order's late shipment, due at its ship-by
    const open = await rows<{ exception_id: string }>(
      "SELECT exception_id FROM open_exceptions FINAL WHERE startsWith(entity_id, 'PARTIAL-') ORDER BY exception_id",
    );
    expect(open).toEqual(recorded);
  } finally {
    failing = null;
  }
});

it('says when each write ended, written or failed', async () => {
  // The rules' sweep waits while history is being written (stream-processor/rules/engine.ts): a
  // write that failed without saying so would stop the sweep for good.
  writes.begun = writes.released = 0;
  await processor.handle(orderBatch(1, ['ENDED-1']));
  await processor.idle();
  expect(writes).toEqual({ begun: 1, released: 1 });
  failing = (q) => /^\s*INSERT/.test(q);
  try {
    // Its consumer gone (a rebalance), a batch whose statements fail is not retried: the write fails.
    await expect(processor.handle({ ...orderBatch(1, ['ENDED-2'], 1), isRunning: () => false })).rejects.toThrow();
    await processor.idle();
    expect(writes).toEqual({ begun: 2, released: 2 });
  } finally {
    failing = null;
  }
});
