/**
 * bench/overload: `npm start`'s server (embedded, simulator off) offered twice the capacity
 * measured by bench:ingest's POST path, for 60 s, by 4 clients sending 1,000-line NDJSON bodies on
 * a fixed schedule (open loop: a slow answer does not slow the offer). Reports the answers
 * (200/429/503), GET /api/health latency probed every 100 ms (p50/p99/max, failures) by a probe in
 * a process of its own (as a liveness probe is; `healthFromLoader` is the same probe run in this
 * busy process, which adds this loop's own waits), the event loop's p99 as the server saw it, the
 * peak RSS, and whether the events acknowledged are exactly the events stored afterwards. Writes
 * bench/results/overload.json.
 *
 *   npm run bench:overload           # BENCH_CAPACITY=15000 BENCH_SECONDS=60 (capacity defaults to results/ingest.json)
 */
import fs from 'node:fs';
import { waitFor } from '@/test/processes';
import { chunks, dataset, fmt, peakRssMb, percentile, probeHealth, type HealthProbes } from './lib';
import { runWorker } from './run';
import { applied, BENCH_ADMIN, startWeb } from './web';

const measured = fs.existsSync('bench/results/ingest.json')
  ? (JSON.parse(fs.readFileSync('bench/results/ingest.json', 'utf8')) as { post?: { perSecond: number } }).post
      ?.perSecond
  : undefined;
const capacity = Number(process.env.BENCH_CAPACITY ?? measured ?? 10_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const offered = 2 * capacity;
const lines = 1000;
const clients = 4;

const file = await dataset(1_000_000);
const web = await startWeb();
const statuses: Record<string, number> = {};
let acknowledged = 0;
let sentEvents = 0;
let running = true;
let stopProbe!: () => void;
const probe = runWorker<HealthProbes>(
  'bench/workers/probe.ts',
  { URL: `${web.url}/api/health` },
  [],
  new Promise<void>((r) => (stopProbe = r)),
);
const prober = probeHealth(`${web.url}/api/health`, () => running);

// Bodies: the dataset's lines, with a pass number in each event id so nothing repeats across passes.
async function* bodies() {
  for (let pass = 0; ; pass++)
    for await (const c of chunks(file, lines))
      yield c.map((l) => l.json.replace('"event_id":"', `"event_id":"o${pass}-`)).join('\n');
}
const source = bodies();
const inFlight = new Set<Promise<void>>();
const started = performance.now();
const interval = (lines * 1000) / offered; // ms between bodies, over all clients
for (let k = 0; performance.now() - started < seconds * 1000; k++) {
  const due = started + k * interval;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const body = (await source.next()).value as string;
  sentEvents += lines;
  const token = `${BENCH_ADMIN}${k % clients === 0 ? '' : k % clients === 1 ? '-2' : k % clients === 2 ? '-3' : '-4'}`;
  const p: Promise<void> = fetch(`${web.url}/api/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body,
  })
    .then(async (r) => {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      const j = (await r.json()) as { accepted?: number };
      if (r.ok) acknowledged += j.accepted ?? 0;
    })
    .catch(() => void (statuses.error = (statuses.error ?? 0) + 1))
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
}
const offeredSeconds = (performance.now() - started) / 1000;
await Promise.all(inFlight);
const rss = peakRssMb(web.proc.pid);
let stored = 0;
await waitFor(
  'the acknowledged events stored',
  async () => ((stored = await applied(web.url)) >= acknowledged ? true : undefined),
  600_000,
  500,
).catch(() => undefined);
await new Promise((r) => setTimeout(r, 3000));
stored = await applied(web.url);
running = false;
stopProbe();
const loader = await prober;
const own = await probe;
await web.stop();

const summary = (latencies: number[], failures: number) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    probes: sorted.length,
    p50ms: percentile(sorted, 50),
    p99ms: percentile(sorted, 99),
    maxMs: sorted.at(-1),
    failures,
  };
};
const result = {
  at: new Date().toISOString(),
  capacity,
  offeredPerSecond: offered,
  seconds: offeredSeconds,
  clients,
  linesPerRequest: lines,
  sentEvents,
  statuses,
  acknowledged,
  stored,
  exact: acknowledged === stored,
  health: {
    ...summary(own.latencies, own.failures),
    eventLoopP99Ms: Math.max(loader.eventLoopP99Ms, own.eventLoopP99Ms),
  },
  healthFromLoader: summary(loader.latencies, loader.failures),
  peakRssMb: rss,
};
console.log(JSON.stringify(result, null, 2));
console.log(
  `\noffered ${fmt(offered)}/s for ${fmt(offeredSeconds)} s: ${JSON.stringify(statuses)}; acknowledged ${fmt(acknowledged)}, stored ${fmt(stored)}; health p99 ${fmt(result.health.p99ms, 1)} ms (target < 100; ${fmt(result.healthFromLoader.p99ms, 1)} ms from the loader's process), RSS ${rss} MB`,
);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/overload.json', JSON.stringify(result, null, 2));
process.exit(0);
