/**
 * The KPI board's queries and a return-reason drill-down against a loaded store, idle and then
 * while the processor ingests a second dataset at PACE events/s in the same process (chDB binds one
 * directory per process), beside raw-table scans computing the same figures without the facts.
 * Prints one JSON line. Env: STORE_DIR, INGEST_DATASET, PACE, ITERATIONS, WINDOW_END.
 */
import { ALL_WAREHOUSES } from '@/lib/auth/scope';
import { DEFAULT_SLA_MINUTES, loadConfig } from '@/lib/config';
import { MEMORY_PARTITIONS, MemoryBus } from '@/lib/bus/memory';
import { EVENT_TOPICS } from '@/lib/events';
import { getKpis } from '@/lib/kpis';
import { createLogger } from '@/lib/log';
import { createMetrics } from '@/lib/metrics';
import { getChannelMargin } from '@/lib/queries/getChannelMargin';
import { getExceptionQueues } from '@/lib/queries/getExceptionQueues';
import { getFulfilment } from '@/lib/queries/getFulfilment';
import { getHeldInventory } from '@/lib/queries/getHeldInventory';
import { getInventoryAccuracy } from '@/lib/queries/getInventoryAccuracy';
import { getRefundCycleTime } from '@/lib/queries/getRefundCycleTime';
import { getReturnReasons } from '@/lib/queries/getReturnReasons';
import { getReturnsSummary } from '@/lib/queries/getReturnsSummary';
import { openStore, queryRows, type Store } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { toChTime } from '@/lib/store/time';
import { CLEANUP } from '@/stream-processor/maintenance';
import { BENCH_BATCH, benchProcessor, chunks, peakRssMb, percentile, publishLines } from '../lib';

const store = await openStore({ clickhouse: null, dataDir: process.env.STORE_DIR! });
// A store loaded by an older build is brought to the current schema, as the product does at start.
await migrate(store.client);
const reader = store.reader;
const end = new Date(process.env.WINDOW_END ?? '2026-11-20T12:00:00Z');
const w = { from: new Date(end.getTime() - 86_400_000), to: end, scope: ALL_WAREHOUSES };
const tol = { units: 0, pct: 0 };
const iterations = Number(process.env.ITERATIONS ?? 100);

// The same figures straight from raw events: fulfilment counts, and returns by category joined to
// the ordered lines, for the window.
const RAW_FULFILMENT = `SELECT type, count() FROM order_events WHERE type IN ('order.created','order.shipped','order.cancelled')
  AND occurred_at >= {from:DateTime64(3)} AND occurred_at < {to:DateTime64(3)} GROUP BY type`;
const RAW_REASONS = `SELECT arrayElement(o.\`lines.category\`, indexOf(o.\`lines.sku\`, r.sku)) AS category, count() AS returns
  FROM (SELECT rma_id, order_id, sku FROM return_events WHERE type = 'return.requested' AND occurred_at >= {from:DateTime64(3)} AND occurred_at < {to:DateTime64(3)}) AS r
  LEFT JOIN (SELECT order_id, \`lines.sku\`, \`lines.category\` FROM order_events WHERE type = 'order.created') AS o ON o.order_id = r.order_id
  GROUP BY category`;
const wp = { from: toChTime(w.from.getTime()), to: toChTime(w.to.getTime()) };

const suite: [string, (s: Store) => Promise<unknown>][] = [
  ['board (GET /api/kpis)', (s) => getKpis(s, w, { tolerance: tol, slaMinutes: DEFAULT_SLA_MINUTES, now: end })],
  ['  inventory accuracy', (s) => getInventoryAccuracy(s, w, tol)],
  ['  refund cycle time', (s) => getRefundCycleTime(s, w)],
  ['  exception queues', (s) => getExceptionQueues(s, w, DEFAULT_SLA_MINUTES, end)],
  ['  channel margin', (s) => getChannelMargin(s, w)],
  ['  fulfilment', (s) => getFulfilment(s, w)],
  ['  returns summary', (s) => getReturnsSummary(s, w)],
  ['  held inventory', (s) => getHeldInventory(s, ALL_WAREHOUSES)],
  ['drill-down: reasons by category', (s) => getReturnReasons(s, { ...w, group_by: 'category' })],
  [
    'drill-down: SKUs of apparel × too_small',
    (s) => getReturnReasons(s, { ...w, group_by: 'sku', category: 'apparel', reason: 'too_small' }),
  ],
  ['raw scan: fulfilment from order_events', (s) => queryRows(s, RAW_FULFILMENT, wp)],
  ['raw scan: returns by category from raw events', (s) => queryRows(s, RAW_REASONS, wp)],
];

async function measure(label: string) {
  const out: Record<string, { p50: number; p95: number; p99: number; n: number }> = {};
  for (const [name, fn] of suite) {
    await fn(reader);
    const n = name.startsWith('raw') ? Math.max(5, Math.round(iterations / 10)) : iterations;
    const ts: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn(reader);
      ts.push(performance.now() - t);
    }
    ts.sort((a, b) => a - b);
    out[name] = { p50: percentile(ts, 50), p95: percentile(ts, 95), p99: percentile(ts, 99), n };
    console.error(
      `${label} ${name}: p50 ${out[name].p50.toFixed(1)} p95 ${out[name].p95.toFixed(1)} p99 ${out[name].p99.toFixed(1)} ms`,
    );
  }
  return out;
}

const [{ events }] = await queryRows<{ events: number }>(reader, 'SELECT sum(events) AS events FROM freshness');
// What the processor's leader does every OPS_COMPACT_MINUTES; the load worker runs no leader.
const compactStarted = performance.now();
const [{ versions }] = await queryRows<{ versions: number }>(reader, 'SELECT count() AS versions FROM open_exceptions');
await store.client.command({ query: CLEANUP });
const compaction = { versionsBefore: Number(versions), ms: performance.now() - compactStarted };
console.error(`compacted open_exceptions (${versions} versions) in ${compaction.ms.toFixed(0)} ms`);
const idle = await measure('idle');

// Ingest a second dataset (other ids, same time range) at a fixed pace while measuring again.
const pace = Number(process.env.PACE ?? 20_000);
const bus = new MemoryBus({ maxBatch: BENCH_BATCH, batchWaitMs: 25, partitions: MEMORY_PARTITIONS });
const metrics = createMetrics();
const processor = await benchProcessor(store.client, metrics, createLogger('warn', 'board'), tol);
const sub = await bus.subscribe({ groupId: 'p', topics: EVENT_TOPICS, onBatch: (b) => processor.handle(b) });
let ingesting = true;
let offered = 0;
let written = 0;
let refused = 0;
const MAX_PENDING = loadConfig().limits.ingestMaxPending;
const ingestStarted = performance.now();
const feeder = (async () => {
  const tick = 100;
  const perTick = Math.round((pace * tick) / 1000);
  for await (const chunk of chunks(process.env.INGEST_DATASET!, perTick)) {
    if (!ingesting) break;
    const t0 = performance.now();
    offered += chunk.length;
    // Offered at the pace, but never more than the product admits unprocessed (OPS_INGEST_MAX_PENDING,
    // beyond which POST /api/events answers 503): an unbounded queue only measures the bench's heap.
    if (offered - written - refused <= MAX_PENDING) void publishLines(bus, chunk).then(() => (written += chunk.length));
    else refused += chunk.length;
    await new Promise((r) => setTimeout(r, Math.max(0, tick - (performance.now() - t0))));
  }
})();
await new Promise((r) => setTimeout(r, 5000));
const underIngest = await measure('ingesting');
ingesting = false;
const ingestSeconds = (performance.now() - ingestStarted) / 1000;
const achieved = written / ingestSeconds;
await feeder;
await sub.stop().catch(() => undefined);
console.log(
  JSON.stringify({
    events,
    compaction,
    window: { from: w.from.toISOString(), to: w.to.toISOString() },
    idle,
    ingesting: { pace, offered, written, refused, achievedPerSecond: achieved, queries: underIngest },
    peakRssMb: peakRssMb(),
  }),
);
process.exit(0);
