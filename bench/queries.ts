/**
 * bench/queries: loads BENCH_EVENTS (default 10 000 000) simulated events through the embedded
 * path once (kept in bench/.data/store-N for later runs), then measures p50/p95/p99 of the KPI
 * board's queries and of a return-reason drill-down, idle and while ingesting at BENCH_PACE
 * (default 20 000) events/s, beside raw-table scans for the same figures. Goal: board p95 ≤ 50 ms
 * during ingest. Writes bench/results/queries.json.
 *
 *   npm run bench:queries
 */
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, dataset, fmt } from './lib';
import { runWorker } from './run';

const n = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const pace = Number(process.env.BENCH_PACE ?? 20_000);
const file = await dataset(n);
const ingestFile = await dataset(Math.min(2_000_000, Math.max(200_000, pace * 120)), 202);
const storeDir = path.join(DATA_DIR, `store-${n}`);
let load: { events: number; seconds: number; eventsPerSecond: number } | null = null;
if (!fs.existsSync(path.join(storeDir, '.loaded'))) {
  fs.rmSync(storeDir, { recursive: true, force: true });
  console.log(`loading ${fmt(n)} events into ${storeDir} …`);
  load = await runWorker('bench/workers/load.ts', { DATASET: file, STORE_DIR: storeDir });
  fs.writeFileSync(path.join(storeDir, '.loaded'), JSON.stringify(load));
} else load = JSON.parse(fs.readFileSync(path.join(storeDir, '.loaded'), 'utf8'));
console.log(`load: ${fmt(load!.events)} events in ${fmt(load!.seconds)} s = ${fmt(load!.eventsPerSecond)} events/s`);

type P = { p50: number; p95: number; p99: number };
const r = await runWorker<{
  events: number;
  compaction: { versionsBefore: number; ms: number };
  idle: Record<string, P>;
  ingesting: { pace: number; achievedPerSecond: number; refused: number; queries: Record<string, P> };
  peakRssMb: number;
}>('bench/workers/board.ts', {
  STORE_DIR: storeDir,
  INGEST_DATASET: ingestFile,
  PACE: String(pace),
  ITERATIONS: process.env.BENCH_ITERATIONS ?? '100',
});
console.log(
  `\nstore: ${fmt(r.events)} events; open_exceptions compacted from ${fmt(r.compaction.versionsBefore)} versions in ${fmt(r.compaction.ms)} ms; ingest offered ${fmt(pace)}/s, achieved ${fmt(r.ingesting.achievedPerSecond)}/s (${fmt(r.ingesting.refused)} refused beyond the admission bound)\n`,
);
console.log('| query | idle p50 / p95 / p99 ms | while ingesting p50 / p95 / p99 ms |\n|---|---|---|');
for (const name of Object.keys(r.idle)) {
  const a = r.idle[name];
  const b = r.ingesting.queries[name];
  console.log(
    `| ${name.trim()} | ${fmt(a.p50, 1)} / ${fmt(a.p95, 1)} / ${fmt(a.p99, 1)} | ${fmt(b.p50, 1)} / ${fmt(b.p95, 1)} / ${fmt(b.p99, 1)} |`,
  );
}
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/queries.json', JSON.stringify({ at: new Date().toISOString(), load, ...r }, null, 2));
