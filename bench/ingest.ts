/**
 * bench/ingest: N SPEC events (default 1 000 000, simulated) through
 *   (a) the embedded path: in-process bus → processor → chDB, and
 *   (b) Kafka → `npm run processor` → ClickHouse endpoint,
 * each beside the ceilings measured in the same run: the raw insert of the same rows, and (b) a
 * raw kafkajs consume of the same messages. Prints events/s, p99 event-to-row latency at a steady
 * pace, and the processor's peak RSS; writes bench/results/ingest.json.
 *
 *   npm run bench:ingest              # BENCH_EVENTS=200000 for a quicker run
 */
import fs from 'node:fs';
import { tempDir } from '@/test/processes';
import { kafkaPath } from './kafka-path';
import { dataset, fmt } from './lib';
import { runWorker } from './run';

const n = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const pace = Number(process.env.BENCH_PACE ?? 5000);
const paceSeconds = Number(process.env.BENCH_PACE_SECONDS ?? 30);

const t = Date.now();
const file = await dataset(n);
console.log(`dataset: ${fmt(n)} events (${file}), ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);

type Raw = { rows: number; seconds: number; rowsPerSecond: number; peakRssMb: number };
type Emb = { events: number; seconds: number; eventsPerSecond: number; latency: { p50ms: number; p99ms: number; pace: number }; peakRssMb: number };
const rawEmbedded = await runWorker<Raw>('bench/workers/raw-insert.ts', { DATASET: file, STORE_DIR: tempDir('bench-raw-') });
console.log(`ceiling, raw insert into chDB: ${fmt(rawEmbedded.rowsPerSecond)} rows/s`);
const embedded = await runWorker<Emb>('bench/workers/embedded.ts', { DATASET: file, STORE_DIR: tempDir('bench-emb-'), PACE: String(pace), PACE_SECONDS: String(paceSeconds) });
console.log(`embedded: ${fmt(embedded.eventsPerSecond)} events/s, p99 ${fmt(embedded.latency.p99ms)} ms at ${fmt(pace)}/s, RSS ${embedded.peakRssMb} MB`);
const kafka = await kafkaPath(file, n, pace, paceSeconds);

const rows = [
  ['embedded: processor', `${fmt(embedded.eventsPerSecond)} events/s`, `${fmt(embedded.eventsPerSecond / rawEmbedded.rowsPerSecond, 2)} of raw chDB insert (${fmt(rawEmbedded.rowsPerSecond)} rows/s)`, `p50 ${fmt(embedded.latency.p50ms)} / p99 ${fmt(embedded.latency.p99ms)} ms`, `${embedded.peakRssMb} MB (process incl. chDB)`],
  ['kafka: processor', `${fmt(kafka.processor.perSecond)} events/s`, `${fmt(kafka.processor.perSecond / kafka.rawConsume.perSecond, 2)} of raw kafkajs consume (${fmt(kafka.rawConsume.perSecond)} msg/s); ${fmt(kafka.processor.perSecond / kafka.rawInsert.rowsPerSecond, 2)} of raw insert (${fmt(kafka.rawInsert.rowsPerSecond)} rows/s)`, `p50 ${fmt(kafka.latency.p50ms)} / p99 ${fmt(kafka.latency.p99ms)} ms`, `${kafka.processor.peakRssMb} MB`],
];
console.log('\n| path | throughput | vs ceiling (same run) | event→row at steady pace | peak RSS |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/ingest.json', JSON.stringify({ at: new Date().toISOString(), events: n, pace, paceSeconds, rawEmbedded, embedded, kafka }, null, 2));
