import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows, type StoreHandle } from '@/lib/store/client';
import { orderBatch, testProcessor } from '@/test/processor';
import type { StreamProcessor } from './processor';

let store: StoreHandle;
let processor: StreamProcessor;
const writes: number[] = [];
const log: string[] = [];
beforeAll(async () => {
  ({ store, processor } = await testProcessor('ops-split-', {
    coalesceMs: 5,
    maxBatchEvents: 3,
    onApplied: (a) => void writes.push(a.events),
  }));
});
afterAll(async () => store?.close());

const batchOf = (name: string, partition: number, orders: number) =>
  orderBatch(
    partition,
    Array.from({ length: orders }, (_, i) => `SPLIT-${name}-${i}`),
  );

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
