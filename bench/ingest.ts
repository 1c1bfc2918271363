/**
 * bench/ingest: N SPEC events (default 1,000,000, simulated) through
 *   (a) the in-process bus → processor → chDB (embedded),
 *   (b) POST /api/events (2 clients, 5,000-line NDJSON) into `npm start`'s server, until /api/kpis shows them all,
 *   (c) Kafka → `npm run processor` → ClickHouse endpoint,
 * beside ceilings measured in the same run: the same events inserted raw into one chDB MergeTree
 * table, and (c) a raw kafkajs consume. Also the one-event latency and the event-loop lag of (a),
 * and each process's peak RSS. Writes bench/results/ingest.json.
 *
 *   npm run bench:ingest              # BENCH_EVENTS=200000 for a quicker run
 */
import fs from 'node:fs';
import { tempDir } from '@/test/processes';
import { kafkaPath } from './kafka-path';
import { dataset, fmt } from './lib';
import { postPath } from './post';
import { runWorker } from './run';

const n = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const pace = Number(process.env.BENCH_PACE ?? 2000);
const paceSeconds = Number(process.env.BENCH_PACE_SECONDS ?? 20);

const t = Date.now();
const file = await dataset(n);
console.log(`dataset: ${fmt(n)} events (${file}), ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);

type Raw = { rows: number; seconds: number; rowsPerSecond: number; peakRssMb: number };
type Emb = {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  phases: Record<string, Record<string, number>>;
  eventLoop: { p99ms: number; maxMs: number };
  oneEvent: { p50ms: number; p99ms: number };
  oneEventStored: { p50ms: number; p99ms: number };
  latency: { p50ms: number; p99ms: number; pace: number };
  peakRssMb: number;
};
const raw = await runWorker<Raw>('bench/workers/raw-insert.ts', { DATASET: file, STORE_DIR: tempDir('bench-raw-') });
console.log(`ceiling, raw insert into one chDB MergeTree table: ${fmt(raw.rowsPerSecond)} rows/s`);
const embedded = await runWorker<Emb>('bench/workers/embedded.ts', {
  DATASET: file,
  STORE_DIR: tempDir('bench-emb-'),
  PACE: String(pace),
  PACE_SECONDS: String(paceSeconds),
});
console.log(
  `embedded (bus): ${fmt(embedded.eventsPerSecond)} events/s, one event p50 ${fmt(embedded.oneEvent.p50ms)} ms, RSS ${embedded.peakRssMb} MB`,
  embedded.phases,
);
const post = await postPath(file, n);
console.log(
  `embedded (POST): ${fmt(post.perSecond)} events/s, refused ${JSON.stringify(post.refused)}, RSS ${post.peakRssMb} MB`,
);
const kafka = await kafkaPath(file, n, pace, paceSeconds);
console.log(`kafka: ${fmt(kafka.processor.perSecond)} events/s, RSS ${kafka.processor.peakRssMb} MB`);

const rows = [
  ['raw insert, one MergeTree table (ceiling)', `${fmt(raw.rowsPerSecond)} rows/s`, '1', '', `${raw.peakRssMb} MB`],
  [
    'in-process bus → processor → chDB',
    `${fmt(embedded.eventsPerSecond)} events/s`,
    `${fmt(embedded.eventsPerSecond / raw.rowsPerSecond, 3)} (target 0.35)`,
    `one event p50 ${fmt(embedded.oneEvent.p50ms)} / p99 ${fmt(embedded.oneEvent.p99ms)} ms (on record: p50 ${fmt(embedded.oneEventStored.p50ms)} / p99 ${fmt(embedded.oneEventStored.p99ms)} ms); at ${fmt(pace)}/s p50 ${fmt(embedded.latency.p50ms)} / p99 ${fmt(embedded.latency.p99ms)} ms; event loop p99 ${fmt(embedded.eventLoop.p99ms)} ms`,
    `${embedded.peakRssMb} MB`,
  ],
  [
    'POST /api/events (2 clients × 5,000 lines) → until /api/kpis shows all',
    `${fmt(post.perSecond)} events/s`,
    `${fmt(post.perSecond / raw.rowsPerSecond, 3)} (target 0.25)`,
    `${post.requests} requests, ${post.refused[429]} × 429, ${post.refused[503]} × 503`,
    `${post.peakRssMb} MB`,
  ],
  [
    'Kafka → processor service → ClickHouse endpoint',
    `${fmt(kafka.processor.perSecond)} events/s`,
    `${fmt(kafka.processor.perSecond / embedded.eventsPerSecond, 2)} of embedded (target 0.8); raw consume ${fmt(kafka.rawConsume.perSecond)} msg/s; raw insert via the endpoint ${fmt(kafka.rawInsert.rowsPerSecond)} rows/s`,
    `at ${fmt(pace)}/s p50 ${fmt(kafka.latency.p50ms)} / p99 ${fmt(kafka.latency.p99ms)} ms`,
    `${kafka.processor.peakRssMb} MB (target 400)`,
  ],
];
console.log('\n| path | throughput | ratio (same run) | latency | peak RSS |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  'bench/results/ingest.json',
  JSON.stringify({ at: new Date().toISOString(), events: n, pace, paceSeconds, raw, embedded, post, kafka }, null, 2),
);
process.exit(0);
