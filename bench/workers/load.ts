/**
 * Loads a dataset through the embedded path (in-process bus → processor → chDB) into STORE_DIR.
 * Prints one JSON line: events, seconds, events/s.
 */
import { MEMORY_PARTITIONS, MemoryBus } from '@/lib/bus/memory';
import { EVENT_TOPICS } from '@/lib/events';
import { createLogger } from '@/lib/log';
import { createMetrics } from '@/lib/metrics';
import { openStore } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { BENCH_BATCH, benchProcessor, chunks, publishLines } from '../lib';

const store = await openStore({ clickhouse: null, dataDir: process.env.STORE_DIR! });
await migrate(store.client);
const bus = new MemoryBus({ maxBatch: BENCH_BATCH, batchWaitMs: 25, partitions: MEMORY_PARTITIONS });
const processor = await benchProcessor(store.client, createMetrics(), createLogger('warn', 'load'));
const sub = await bus.subscribe({ groupId: 'p', topics: EVENT_TOPICS, onBatch: (b) => processor.handle(b) });
const started = performance.now();
let events = 0;
let lastReport = started;
const inFlight = new Set<Promise<void>>();
for await (const chunk of chunks(process.env.DATASET!, 10_000)) {
  const p: Promise<void> = publishLines(bus, chunk).then(() => void inFlight.delete(p));
  inFlight.add(p);
  events += chunk.length;
  if (inFlight.size >= 6) await Promise.race(inFlight);
  if (performance.now() - lastReport > 30_000) {
    lastReport = performance.now();
    console.error(`loaded ${events} events, ${Math.round(events / ((lastReport - started) / 1000))}/s`);
  }
}
await Promise.all(inFlight);
const seconds = (performance.now() - started) / 1000;
await sub.stop();
await store.close();
console.log(JSON.stringify({ events, seconds, eventsPerSecond: events / seconds }));
