import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Batch } from '@/lib/bus/types';
import { TOPICS } from '@/lib/events';
import { example } from '@/lib/events/fixtures';
import { createLogger } from '@/lib/log';
import { createMetrics } from '@/lib/metrics';
import { openStore, queryRows, type StoreHandle } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { StreamProcessor } from './processor';
import { rawEncoder } from './rows';

let store: StoreHandle;
let processor: StreamProcessor;
const writes: number[] = [];
const log: string[] = [];
beforeAll(async () => {
  store = await openStore({ clickhouse: null, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ops-split-')) });
  await migrate(store.client);
  processor = new StreamProcessor({
    store: store.client,
    metrics: createMetrics(),
    log: createLogger('silent', 'test'),
    encoder: await rawEncoder(store.client),
    tolerance: { units: 0, pct: 0 },
    coalesceMs: 5,
    maxBatchEvents: 3,
    onApplied: (a) => void writes.push(a.events),
  });
});
afterAll(async () => store?.close());

const batchOf = (name: string, partition: number, orders: number): Batch & { resolved: string[] } => {
  const resolved: string[] = [];
  const messages = Array.from({ length: orders }, (_, i) => {
    const orderId = `SPLIT-${name}-${i}`;
    return {
      topic: TOPICS.orders,
      partition,
      offset: String(i),
      key: orderId,
      value: Buffer.from(JSON.stringify(example('order.created', { order_id: orderId }))),
      timestamp: Date.now(),
      headers: {},
    };
  });
  return {
    topic: TOPICS.orders,
    partition,
    messages,
    resolved,
    resolveOffset: (o) => void resolved.push(o),
    heartbeat: async () => {},
    isRunning: () => true,
    isStale: () => false,
  };
};

it('splits handed-in batches to fill each write, and settles a batch only once all its parts are written', async () => {
  const a = batchOf('A', 0, 2);
  const b = batchOf('B', 1, 4);
  // Handed in together: the first write is A and one of B's, the second the rest of B.
  const handled = [
    processor.handle(a).then(() => log.push(`A after ${writes.length} writes`)),
    processor.handle(b).then(() => log.push(`B after ${writes.length} writes`)),
  ];
  await Promise.all(handled);
  await processor.idle();
  expect(writes).toEqual([3, 3]);
  expect(log).toEqual(['A after 1 writes', 'B after 2 writes']);
  expect(a.resolved).toEqual(['0', '1']);
  expect(b.resolved).toEqual(['0', '1', '2', '3']); // ascending, once each, after the last part
  const [{ n }] = await queryRows<{ n: number }>(
    store.client,
    `SELECT uniqExact(order_id) AS n FROM orders_current FINAL WHERE startsWith(order_id, 'SPLIT-')`,
  );
  expect(Number(n)).toBe(6);
});
