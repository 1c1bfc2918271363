/**
 * The embedded path: in-process bus + stream processor + chDB, fed from the dataset as fast as the
 * bus accepts it (throughput), then fed live events at a fixed pace (latency). Prints one JSON line.
 * Env: DATASET, STORE_DIR, PACE (events/s), PACE_SECONDS.
 */
import { MemoryBus } from '@/lib/bus/memory';
import { EVENT_TOPICS, type OpsEvent } from '@/lib/events';
import { publishEvents } from '@/lib/ingest/publish';
import { createLogger } from '@/lib/log';
import { createMetrics } from '@/lib/metrics';
import { openStore } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { benchProcessor, chunks, freshCopy, histogramQuantile, parseHistogram, peakRssMb, publishLines } from '../lib';

const store = await openStore({ clickhouse: null, dataDir: process.env.STORE_DIR! });
await migrate(store.client);
const bus = new MemoryBus({ maxBatch: 20_000, batchWaitMs: 25 });
const metrics = createMetrics();
const processor = await benchProcessor(store.client, metrics, createLogger('warn', 'bench'));
const sub = await bus.subscribe({ groupId: 'p', topics: EVENT_TOPICS, onBatch: (b) => processor.handle(b) });

let events = 0;
const inFlight = new Set<Promise<void>>();
const started = performance.now();
for await (const chunk of chunks(process.env.DATASET!, 10_000)) {
  const p: Promise<void> = publishLines(bus, chunk).then(() => void inFlight.delete(p));
  inFlight.add(p);
  events += chunk.length;
  if (inFlight.size >= 6) await Promise.race(inFlight);
}
await Promise.all(inFlight);
const seconds = (performance.now() - started) / 1000;
const phases = Object.fromEntries(
  (await metrics.registry.getMetricsAsJSON())
    .filter((m) => ['ops_snapshot_lookup_seconds', 'ops_insert_latency_seconds', 'ops_batch_size'].includes(m.name))
    .map((m) => [m.name, Object.fromEntries((m.values as { metricName?: string; value: number }[]).filter((v) => /_(sum|count)$/.test(v.metricName ?? '')).map((v) => [v.metricName!.replace(m.name + '_', ''), Math.round(v.value * 100) / 100]))]),
);
const rssAfterThroughput = peakRssMb();

// Latency at a steady pace well below saturation: event-to-row as the processor observes it.
metrics.eventToRow.reset();
const pace = Number(process.env.PACE ?? 5000);
const paceSeconds = Number(process.env.PACE_SECONDS ?? 20);
const sample: string[] = [];
for await (const chunk of chunks(process.env.DATASET!, 50_000)) {
  sample.push(...chunk.map((l) => l.json));
  break;
}
const tick = 50;
const perTick = Math.max(1, Math.round((pace * tick) / 1000));
const pending: Promise<void>[] = [];
let i = 0;
const until = Date.now() + paceSeconds * 1000;
while (Date.now() < until) {
  const t0 = Date.now();
  const batch: { event: OpsEvent }[] = [];
  for (let k = 0; k < perTick; k++, i++) batch.push({ event: freshCopy(sample[i % sample.length], `p${i}`) });
  pending.push(publishEvents(bus, batch));
  await new Promise((r) => setTimeout(r, Math.max(0, tick - (Date.now() - t0))));
}
await Promise.all(pending);
const buckets = parseHistogram(await metrics.registry.metrics(), 'ops_event_to_row_seconds');
await sub.stop();
await store.close();
console.log(JSON.stringify({
  events, seconds, eventsPerSecond: events / seconds, phases,
  latency: { pace, seconds: paceSeconds, events: i, p50ms: histogramQuantile(buckets, 0.5) * 1000, p99ms: histogramQuantile(buckets, 0.99) * 1000 },
  peakRssMb: Math.max(rssAfterThroughput, peakRssMb()),
}));
