/**
 * bench/alerts: p50/p99 from POSTing a triggering event (an order due in 5 minutes: cutoff risk) to
 * the alert arriving at each of 200 connected socket.io clients, against (a) the embedded server
 * and (b) the distributed stack (Kafka → processor service → ClickHouse endpoint → web app).
 * Goals: p99 ≤ 100 ms embedded, ≤ 250 ms via Kafka. Writes bench/results/alerts.json.
 *
 *   npm run bench:alerts        # BENCH_CLIENTS=200 BENCH_ALERTS=200
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { startClickHouse, startProcessorService, tempDir, waitFor } from '@/test/processes';
import { BENCH_ADMIN, BENCH_MANAGER, startWeb } from './web';
import { atRiskOrder, fmt, percentile } from './lib';

const clients = Number(process.env.BENCH_CLIENTS ?? 200);
const alerts = Number(process.env.BENCH_ALERTS ?? 200);
const TOKEN = BENCH_MANAGER;
const ADMIN = BENCH_ADMIN;

async function measure(url: string) {
  const socks: Socket[] = [];
  for (let i = 0; i < clients; i++) {
    const s = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: TOKEN },
      reconnection: false,
      forceNew: true,
    });
    socks.push(s);
  }
  await Promise.all(socks.map((s) => new Promise((r) => s.once('hello', r))));
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  const firsts = new Map<string, number>();
  for (const s of socks) {
    // Cutoff-risk alerts are one per carrier collection (issue 11); the order is one of its members.
    s.on('alert:new', (a: { data: { members?: { key: string }[] } }) => {
      for (const m of a.data.members ?? []) {
        const t0 = sent.get(m.key);
        if (t0 === undefined) continue;
        const ms = performance.now() - t0;
        latencies.push(ms);
        if (!firsts.has(m.key)) firsts.set(m.key, ms);
      }
    });
  }
  const run = Date.now().toString(36);
  for (let i = 0; i < alerts; i++) {
    const orderId = `BENCH-${run}-${i}`;
    const event = atRiskOrder(`bench-${run}-${i}`, orderId, { carrier: 'UPS' });
    sent.set(orderId, performance.now());
    const res = await fetch(`${url}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    if (!res.ok) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await waitFor('every delivery', async () => latencies.length >= alerts * clients || undefined, 60_000, 100).catch(
    () => undefined,
  );
  for (const s of socks) s.close();
  latencies.sort((a, b) => a - b);
  const first = [...firsts.values()].sort((a, b) => a - b);
  return {
    clients,
    alerts,
    deliveries: latencies.length,
    expected: alerts * clients,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    firstClient: { p50: percentile(first, 50), p99: percentile(first, 99) },
  };
}

const results: Record<string, unknown> = {};
{
  const web = await startWeb();
  try {
    results.embedded = await measure(web.url);
  } finally {
    await web.stop();
  }
  console.log('embedded', results.embedded);
}
{
  const kdir = tempDir('bench-alerts-kafka-');
  const brokers = execFileSync('bash', ['scripts/kafka.sh', 'start', kdir], { encoding: 'utf8' }).trim();
  const ch = await startClickHouse(tempDir('bench-alerts-ch-'));
  const env = { KAFKA_BROKERS: brokers, CLICKHOUSE_URL: ch.url, KAFKA_TOPIC_PREFIX: `ba${Date.now().toString(36)}.` };
  const proc = await startProcessorService(env);
  const web = await startWeb(env);
  try {
    results.kafka = await measure(web.url);
  } finally {
    await web.stop();
    await proc.stop();
    await ch.stop();
    execFileSync('bash', ['scripts/kafka.sh', 'stop', kdir]);
  }
  console.log('kafka', results.kafka);
}
type R = { p50: number; p99: number; deliveries: number; expected: number; firstClient: { p50: number; p99: number } };
console.log(`\n| path | deliveries | p50 ms | p99 ms | goal p99 |\n|---|---|---|---|---|`);
for (const [name, goal] of [
  ['embedded', 100],
  ['kafka', 250],
] as const) {
  const r = results[name] as R;
  console.log(
    `| ${name} | ${fmt(r.deliveries)} of ${fmt(r.expected)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${goal} |`,
  );
}
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/alerts.json', JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2));
process.exit(0);
