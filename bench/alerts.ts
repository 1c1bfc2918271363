/**
 * bench/alerts: p50/p99 from POSTing a triggering event (an order due in 5 minutes: cutoff risk) to
 * the alert arriving at each of 200 connected socket.io clients, against (a) the embedded server
 * and (b) the distributed stack (Kafka → processor service → ClickHouse endpoint → web app).
 * Goals: p99 ≤ 100 ms embedded, ≤ 250 ms via Kafka. Writes bench/results/alerts.json.
 *
 *   npm run bench:alerts        # BENCH_CLIENTS=200 BENCH_ALERTS=200
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { freePort, startClickHouse, startProcessorService, tempDir, waitFor } from '@/test/processes';
import { fmt, percentile } from './lib';

const clients = Number(process.env.BENCH_CLIENTS ?? 200);
const alerts = Number(process.env.BENCH_ALERTS ?? 200);
const TOKEN = 'bench-manager-token-0123456789';
const ADMIN = 'bench-admin-token-01234567890';
const tokens = `bench:warehouse_manager:${TOKEN}:DC-EAST,ingest:admin:${ADMIN}`;

async function startWeb(env: Record<string, string>): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', OPS_SIMULATOR: 'off', OPS_API_TOKENS: tokens, OPS_LOG_LEVEL: 'warn', NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('the web app', async () => (await fetch(`${url}/api/health`)).ok, 120_000, 250);
  return { url, proc };
}

async function measure(url: string) {
  const socks: Socket[] = [];
  for (let i = 0; i < clients; i++) {
    const s = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token: TOKEN }, reconnection: false, forceNew: true });
    socks.push(s);
  }
  await Promise.all(socks.map((s) => new Promise((r) => s.once('hello', r))));
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  const firsts = new Map<string, number>();
  for (const s of socks) {
    s.on('alert:new', (a: { entity: { id: string } }) => {
      const t0 = sent.get(a.entity.id);
      if (t0 === undefined) return;
      const ms = performance.now() - t0;
      latencies.push(ms);
      if (!firsts.has(a.entity.id)) firsts.set(a.entity.id, ms);
    });
  }
  const run = Date.now().toString(36);
  for (let i = 0; i < alerts; i++) {
    const orderId = `BENCH-${run}-${i}`;
    const now = Date.now();
    const event = {
      event_id: `bench-${run}-${i}`, type: 'order.created', occurred_at: new Date(now).toISOString(), source: 'bench', schema_version: 1,
      data: { order_id: orderId, channel: 'web', customer_ref: 'bench', ship_by: new Date(now + 5 * 60_000).toISOString(), lines: [{ sku: 'A', qty: 1, unit_price: 10, unit_cost: 4 }], shipping_charged: 0, fees: 0, warehouse_id: 'DC-EAST', carrier: 'UPS' },
    };
    sent.set(orderId, performance.now());
    const res = await fetch(`${url}/api/events`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(event) });
    if (!res.ok) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await waitFor('every delivery', async () => latencies.length >= alerts * clients || undefined, 60_000, 100).catch(() => undefined);
  for (const s of socks) s.close();
  latencies.sort((a, b) => a - b);
  const first = [...firsts.values()].sort((a, b) => a - b);
  return {
    clients, alerts, deliveries: latencies.length, expected: alerts * clients,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN,
    firstClient: { p50: percentile(first, 50), p99: percentile(first, 99) },
  };
}

const results: Record<string, unknown> = {};
{
  const web = await startWeb({ OPS_DATA_DIR: tempDir('bench-alerts-emb-') });
  try {
    results.embedded = await measure(web.url);
  } finally {
    web.proc.kill('SIGTERM');
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
    web.proc.kill('SIGTERM');
    await proc.stop();
    await ch.stop();
    execFileSync('bash', ['scripts/kafka.sh', 'stop', kdir]);
  }
  console.log('kafka', results.kafka);
}
type R = { p50: number; p99: number; deliveries: number; expected: number; firstClient: { p50: number; p99: number } };
console.log(`\n| path | deliveries | p50 ms | p99 ms | goal p99 |\n|---|---|---|---|---|`);
for (const [name, goal] of [['embedded', 100], ['kafka', 250]] as const) {
  const r = results[name] as R;
  console.log(`| ${name} | ${fmt(r.deliveries)} of ${fmt(r.expected)} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${goal} |`);
}
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/alerts.json', JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2));
process.exit(0);
