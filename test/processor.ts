import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Batch } from '@/lib/bus/types';
import { TOPICS } from '@/lib/events';
import { example } from '@/lib/events/fixtures';
import { createLogger } from '@/lib/log';
import { createMetrics } from '@/lib/metrics';
import { openStore, type Store, type StoreHandle } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { StreamProcessor, type ProcessorOptions } from '@/stream-processor/processor';
import { rawEncoder } from '@/stream-processor/rows';

/**
 * A processor on a migrated chDB store of its own, driven by hand-made batches (the processor's
 * integration tests). `watch` wraps the store the processor writes through; `on`: a store already open.
 */
export async function testProcessor(
  prefix: string,
  options: Partial<ProcessorOptions> & { watch?(store: Store): Store; on?: StoreHandle } = {},
): Promise<{ store: StoreHandle; processor: StreamProcessor; metrics: ProcessorOptions['metrics'] }> {
  const { watch, on, ...rest } = options;
  const store = on ?? (await openStore({ clickhouse: null, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), prefix)) }));
  if (!on) await migrate(store.client);
  const metrics = createMetrics();
  const processor = new StreamProcessor({
    store: watch ? watch(store.client) : store.client,
    metrics,
    log: createLogger('silent', 'test'),
    encoder: await rawEncoder(store.client),
    tolerance: { units: 0, pct: 0 },
    ...rest,
  });
  return { store, processor, metrics };
}

/**
 * A kafkajs-shaped batch of `order.created` events on the orders topic, one per order id (event id
 * `ev-<order id>`, so a repeated id is a redelivery), offsets from `firstOffset`; the offsets it
 * resolves are kept in `resolved`.
 */
export function orderBatch(partition: number, orderIds: string[], firstOffset = 0): Batch & { resolved: string[] } {
  const resolved: string[] = [];
  return {
    topic: TOPICS.orders,
    partition,
    messages: orderIds.map((orderId, i) => ({
      topic: TOPICS.orders,
      partition,
      offset: String(firstOffset + i),
      key: orderId,
      value: Buffer.from(
        JSON.stringify({ ...example('order.created', { order_id: orderId }), event_id: `ev-${orderId}` }),
      ),
      timestamp: Date.now(),
      headers: {},
    })),
    resolved,
    resolveOffset: (offset) => void resolved.push(offset),
    heartbeat: async () => {},
    isRunning: () => true,
    isStale: () => false,
  };
}
