import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Batch } from '@/lib/bus/types';
import { TOPICS } from '@/lib/events';
import { example } from '@/lib/events/fixtures';
import { createLogger } from '@/lib/log';
import { createMetrics } from '@/lib/metrics';
import { openStore, type StoreHandle } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { StreamProcessor } from './processor';
import { rawEncoder } from './rows';

const GATHER_MS = 4000;
let store: StoreHandle;
let processor: StreamProcessor;
const writes: number[] = [];
beforeAll(async () => {
  store = await openStore({ clickhouse: null, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ops-gather-')) });
  await migrate(store.client);
  processor = new StreamProcessor({
    store: store.client,
    metrics: createMetrics(),
    log: createLogger('silent', 'test'),
    encoder: await rawEncoder(store.client),
    tolerance: { units: 0, pct: 0 },
    coalesceMs: GATHER_MS,
    onApplied: (a) => void writes.push(a.events),
  });
});
afterAll(async () => store?.close());

let offset = 0;
const batchOf = (orderId: string): Batch => {
  const e = example('order.created', { order_id: orderId });
  return {
    topic: TOPICS.orders,
    partition: 0,
    messages: [
      {
        topic: TOPICS.orders,
        partition: 0,
        offset: String(offset++),
        key: orderId,
        value: Buffer.from(JSON.stringify(e)),
        timestamp: Date.now(),
        headers: {},
      },
    ],
    resolveOffset: () => {},
    heartbeat: async () => {},
    isRunning: () => true,
    isStale: () => false,
  };
};

it('writes a lone event after a quiet spell at once, and a trickle no more than once per gathering', async () => {
  // The processor's clock and timers are the test's (the store's I/O is real): no verdict depends on
  // how fast this machine writes.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  try {
    // Idle: the first event is written after a few ms, not held for the gathering.
    const first = processor.handle(batchOf('GATHER-1'));
    await vi.advanceTimersByTimeAsync(5);
    expect(processor.pending()).toBe(0); // taken for a write
    await first;
    expect(writes).toEqual([1]);
    // Right behind a write, the next waits until a gathering after that write started.
    const second = processor.handle(batchOf('GATHER-2'));
    await vi.advanceTimersByTimeAsync(GATHER_MS - 10);
    expect(processor.pending()).toBe(1);
    await vi.advanceTimersByTimeAsync(10);
    await second;
    expect(writes).toEqual([1, 1]);
  } finally {
    vi.useRealTimers();
  }
});
