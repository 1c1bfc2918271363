import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { entityKeyOf, familyOf, TOPICS, type OpsEvent } from '@/lib/events';
import type { Bus } from '@/lib/bus/types';
import { Simulator } from '@/lib/simulator/simulator';
import type { Logger } from '@/lib/log';
import type { Metrics } from '@/lib/metrics';
import type { Store } from '@/lib/store/client';
import { StreamProcessor } from '@/stream-processor/processor';
import { rawEncoder } from '@/stream-processor/rows';

/** Most events per write (OPS_BATCH_MAX_EVENTS of the processor; the bus hands over as many). */
export const BENCH_BATCH = Number(process.env.BENCH_BATCH ?? 20_000);

export const DATA_DIR = path.resolve('bench/.data');

/** `topic \t key \t json` per line: the simulator's output, generated once per size and seed. */
export async function dataset(n: number, seed = 101): Promise<string> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `events-${n}-${seed}.tsv`);
  if (fs.existsSync(file)) return file;
  // The simulator's history is as deep as its event budget allows (at its rate and traffic shape):
  // the budget doubles until the history holds n events.
  for (let budget = Math.round(n * 1.3); ; budget *= 2) {
    const out = fs.createWriteStream(`${file}.tmp`);
    let written = 0;
    const sim = new Simulator({
      seed,
      rate: 50,
      backfillDays: 60,
      backfillEvents: budget,
      scenario: '',
      now: () => Date.UTC(2026, 10, 20, 12),
      publish: async (events) => {
        let chunk = '';
        for (const e of events) {
          if (written >= n) break;
          chunk += `${TOPICS[familyOf(e)]}\t${entityKeyOf(e)}\t${JSON.stringify(e)}\n`;
          written++;
        }
        // Respect the file's backpressure, or a large dataset is held in memory until the end.
        if (chunk && !out.write(chunk)) await once(out, 'drain');
      },
    });
    await sim.backfill();
    await new Promise((r) => out.end(r));
    if (written >= n) break;
    if (budget > n * 100) throw new Error(`simulator produced ${written} < ${n} events`);
  }
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

export interface Line {
  topic: string;
  key: string;
  json: string;
}

/** Reads a dataset in chunks, so no process holds a million events at once. */
export async function* chunks(file: string, size: number): AsyncGenerator<Line[]> {
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let buf: Line[] = [];
  for await (const line of rl) {
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    buf.push({ topic: line.slice(0, a), key: line.slice(a + 1, b), json: line.slice(b + 1) });
    if (buf.length === size) {
      yield buf;
      buf = [];
    }
  }
  if (buf.length > 0) yield buf;
}

/** Peak resident set of a process, from /proc (VmHWM), in MB. */
export function peakRssMb(pid = process.pid): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A quantile from a Prometheus histogram (cumulative buckets), interpolated within its bucket. */
export function histogramQuantile(buckets: { le: number; count: number }[], q: number): number {
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of buckets) {
    if (b.count >= rank) {
      if (!Number.isFinite(b.le)) return prevLe;
      return prevLe + ((b.le - prevLe) * (rank - prevCount)) / Math.max(1, b.count - prevCount);
    }
    prevLe = b.le;
    prevCount = b.count;
  }
  return prevLe;
}

export function parseHistogram(metricsText: string, name: string): { le: number; count: number }[] {
  const out = new Map<number, number>();
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(`${name}_bucket{`)) continue;
    const le = /le="([^"]+)"/.exec(line)![1];
    const v = Number(line.split(' ').at(-1));
    const k = le === '+Inf' ? Infinity : Number(le);
    out.set(k, (out.get(k) ?? 0) + v);
  }
  return [...out].sort((a, b) => a[0] - b[0]).map(([le, count]) => ({ le, count }));
}

/** Re-stamps a dataset line as a new event happening now: the paced latency phase needs live events. */
export function freshCopy(json: string, suffix: string): OpsEvent {
  const e = JSON.parse(json) as OpsEvent;
  return { ...e, event_id: `${e.event_id}-${suffix}`, occurred_at: new Date().toISOString() } as OpsEvent;
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Publishes dataset lines to their topics, one publish per topic (as the ingest path batches). */
export async function publishLines(bus: Pick<Bus, 'publish'>, lines: Line[]): Promise<void> {
  const byTopic = new Map<string, { key: string; value: string }[]>();
  for (const l of lines) {
    const list = byTopic.get(l.topic) ?? [];
    list.push({ key: l.key, value: l.json });
    byTopic.set(l.topic, list);
  }
  await Promise.all([...byTopic].map(([topic, records]) => bus.publish(topic, records)));
}

/** The stream processor as the services wire it (bench workers drive it from their own bus). */
export async function benchProcessor(
  store: Store,
  metrics: Metrics,
  log: Logger,
  tolerance = { units: 0, pct: 0 },
): Promise<StreamProcessor> {
  return new StreamProcessor({
    store,
    metrics,
    log,
    encoder: await rawEncoder(store),
    tolerance,
    maxBatchEvents: BENCH_BATCH,
    coalesceMs: Number(process.env.BENCH_WAIT_MS ?? 250),
  });
}

/** An order created now, due out in `minutes` at `warehouse`: at cutoff risk at once (its stage needs longer). */
export function atRiskOrder(
  eventId: string,
  orderId: string,
  o: { carrier: string; minutes?: number; warehouse?: string },
) {
  const now = Date.now();
  return {
    event_id: eventId,
    type: 'order.created',
    occurred_at: new Date(now).toISOString(),
    source: 'bench',
    schema_version: 1,
    data: {
      order_id: orderId,
      channel: 'web',
      customer_ref: 'bench',
      ship_by: new Date(now + (o.minutes ?? 5) * 60_000).toISOString(),
      lines: [{ sku: 'A', qty: 1, unit_price: 10, unit_cost: 4 }],
      shipping_charged: 0,
      fees: 0,
      warehouse_id: o.warehouse ?? 'DC-EAST',
      carrier: o.carrier,
    },
  };
}

export interface HealthProbes {
  latencies: number[];
  failures: number;
  /** The highest event-loop p99 the server reported in its answers. */
  eventLoopP99Ms: number;
}

/**
 * GET `url` every 100 ms (5 s timeout) while `running()`: each probe's latency in ms (a failure
 * counts as its timeout) and the failures.
 */
export async function probeHealth(url: string, running: () => boolean): Promise<HealthProbes> {
  const out: HealthProbes = { latencies: [], failures: 0, eventLoopP99Ms: 0 };
  while (running()) {
    const t0 = performance.now();
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
      const h = (await r.json()) as { event_loop?: { p99_ms: number } };
      out.latencies.push(performance.now() - t0);
      out.eventLoopP99Ms = Math.max(out.eventLoopP99Ms, h.event_loop?.p99_ms ?? 0);
      if (!r.ok) out.failures++;
    } catch {
      out.failures++;
      out.latencies.push(5000);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, 100 - (performance.now() - t0))));
  }
  return out;
}
