/**
 * The embedded path: in-process bus + stream processor + chDB, fed from the dataset as fast as the
 * bus accepts it (throughput), then one event at a time (the one-event latency: publish → written
 * and re-derived), then live events at a fixed pace (event → row latency). Prints one JSON line.
 * Env: DATASET, STORE_DIR, PACE (events/s), PACE_SECONDS, SINGLES.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MEMORY_PARTITIONS, MemoryBus } from '@/lib/bus/memory';
import { EVENT_TOPICS, type OpsEvent } from '@/lib/events';
import { publishEvents } from '@/lib/ingest/publish';
import { createLogger } from '@/lib/log';
import { createMetrics } from '@/lib/metrics';
import { openStore } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import {
  BENCH_BATCH,
  benchProcessor,
  chunks,
  freshCopy,
  histogramQuantile,
  parseHistogram,
  peakRssMb,
  percentile,
  publishLines,
} from '../lib';

const store = await openStore({ clickhouse: null, dataDir: process.env.STORE_DIR! });
await migrate(store.client);
const bus = new MemoryBus({ maxBatch: BENCH_BATCH, batchWaitMs: 25, partitions: MEMORY_PARTITIONS });
const metrics = createMetrics();
const processor = await benchProcessor(store.client, metrics, createLogger('warn', 'bench'));
const sub = await bus.subscribe({ groupId: 'p', topics: EVENT_TOPICS, onBatch: (b) => processor.handle(b) });

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
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
loop.disable();
const eventLoop = { p99ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 };
const phases = Object.fromEntries(
  (await metrics.registry.getMetricsAsJSON())
    .filter((m) => ['ops_rollup_latency_seconds', 'ops_insert_latency_seconds', 'ops_batch_size'].includes(m.name))
    .map((m) => [
      m.name,
      Object.fromEntries(
        (m.values as { metricName?: string; value: number }[])
          .filter((v) => /_(sum|count)$/.test(v.metricName ?? ''))
          .map((v) => [v.metricName!.replace(m.name + '_', ''), Math.round(v.value * 100) / 100]),
      ),
    ]),
);
const rssAfterThroughput = peakRssMb();

const sample: string[] = [];
for await (const chunk of chunks(process.env.DATASET!, 50_000)) {
  sample.push(...chunk.map((l) => l.json));
  break;
}

// One event at a time, nothing else going on (each after a quiet spell longer than the processor's
// gathering, as an operator's action comes; back to back they would be a trickle, which the
// processor gathers on purpose): publish resolves once it is written and re-derived.
const quiet = () => new Promise((r) => setTimeout(r, Number(process.env.BENCH_WAIT_MS ?? 250) + 50));
const singles: number[] = [];
for (let i = 0; i < Number(process.env.SINGLES ?? 100); i++) {
  await quiet();
  const t0 = performance.now();
  await publishEvents(bus, [{ event: freshCopy(sample[i % sample.length], `s${i}`) }]);
  singles.push(performance.now() - t0);
}
singles.sort((a, b) => a - b);
// The same, answered once on record (an operator action's ack, before the re-derivation).
const stored: number[] = [];
for (let i = 0; i < Number(process.env.SINGLES ?? 100); i++) {
  await quiet();
  const t0 = performance.now();
  await publishEvents(bus, [{ event: freshCopy(sample[(i + 500) % sample.length], `r${i}`) }], { ack: 'stored' });
  stored.push(performance.now() - t0);
}
stored.sort((a, b) => a - b);

// Latency at a steady pace well below saturation: event-to-row as the processor observes it.
metrics.eventToRow.reset();
const pace = Number(process.env.PACE ?? 5000);
const paceSeconds = Number(process.env.PACE_SECONDS ?? 20);
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
console.log(
  JSON.stringify({
    events,
    seconds,
    eventsPerSecond: events / seconds,
    phases,
    eventLoop,
    oneEvent: { n: singles.length, p50ms: percentile(singles, 50), p99ms: percentile(singles, 99) },
    oneEventStored: { n: stored.length, p50ms: percentile(stored, 50), p99ms: percentile(stored, 99) },
    latency: {
      pace,
      seconds: paceSeconds,
      events: i,
      p50ms: histogramQuantile(buckets, 0.5) * 1000,
      p99ms: histogramQuantile(buckets, 0.99) * 1000,
    },
    peakRssMb: Math.max(rssAfterThroughput, peakRssMb()),
  }),
);
