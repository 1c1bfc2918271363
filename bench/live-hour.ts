/**
 * bench/live-hour: `npm start` from a fresh clone, on embedded defaults, watched for an hour the way
 * a warehouse manager's browser would (a socket.io client on the same push path):
 * - alerts raised per hour by type; false alerts (an order listed as at cutoff risk after it had
 *   shipped, been cancelled, scanned or delivered); flaps (open → resolved → open within the 30-min cool-down);
 * - the longest silence of the live push while events were being applied (the heartbeat comes every 5 s);
 * - posting an at-risk order → its alert at the socket, p50/p99 (one probe a minute);
 * - an operator action (expedite) → its HTTP answer, p50/p99 (the confirmation in the acting browser).
 * Writes bench/results/live-hour.json.
 *
 *   npm run bench:live-hour            # BENCH_MINUTES=60
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { io } from 'socket.io-client';
import { freePort, tempDir, waitFor } from '@/test/processes';
import { percentile } from './lib';

const minutes = Number(process.env.BENCH_MINUTES ?? 60);
const MANAGER = 'bench-live-manager-0123456789';
const ADMIN = 'bench-live-admin-0123456789ab';
const COOLDOWN_MS = 30 * 60_000;

type Alert = {
  alert_id: string;
  type: string;
  status: string;
  updated_at: string;
  data: { members?: { key: string }[] };
};

async function main() {
  const clone = tempDir('ops-live-hour-');
  execFileSync('git', ['clone', '-q', process.cwd(), clone]);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const server = spawn('npm', ['start'], {
    cwd: clone,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      OPS_LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
      OPS_API_TOKENS: `bench:warehouse_manager:${MANAGER}:DC-EAST|DC-WEST|DC-EU,admin:admin:${ADMIN}`,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  await waitFor('npm start to answer', async () => (await fetch(`${url}/api/health`)).ok, 600_000, 1000);
  const startupS = Math.round((Date.now() - started) / 1000);
  const api = async <T>(p: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${url}${p}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return (await res.json()) as T;
  };
  const serverNow = async () => Date.parse((await api<{ now: string }>('/api/health')).now);

  // The watcher: every push with its arrival time.
  const socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token: MANAGER } });
  const changes: { at: number; kind: 'new' | 'update'; alert: Alert }[] = [];
  let lastHeard = Date.now();
  let longestSilence = 0;
  socket.onAny(() => {
    const now = Date.now();
    longestSilence = Math.max(longestSilence, now - lastHeard);
    lastHeard = now;
  });
  const probes = new Map<string, { sent: number; seen?: number }>();
  const onAlert = (kind: 'new' | 'update') => (a: Alert) => {
    const at = Date.now();
    changes.push({ at, kind, alert: a });
    for (const m of a.data.members ?? []) {
      const p = probes.get(m.key);
      if (p && p.seen === undefined) p.seen = at;
    }
  };
  socket.on('alert:new', onAlert('new'));
  socket.on('alert:update', onAlert('update'));
  await new Promise((r) => socket.once('hello', r));
  lastHeard = Date.now();
  longestSilence = 0;

  // Probes: an order due out in 20 minutes, just allocated, its own collection (carrier BENCH-n).
  const actions: number[] = [];
  let n = 0;
  const probe = async () => {
    const id = `BENCH-LIVE-${++n}-${Date.now().toString(36)}`;
    const now = await serverNow();
    const ev = (type: string, k: number, data: Record<string, unknown>) => ({
      event_id: `${id}-${k}`,
      type,
      occurred_at: new Date(now).toISOString(),
      source: 'bench',
      schema_version: 1,
      data: { order_id: id, ...data },
    });
    probes.set(id, { sent: Date.now() });
    await api('/api/events', {
      method: 'POST',
      body: [
        ev('order.created', 1, {
          channel: 'web',
          customer_ref: 'bench',
          ship_by: new Date(now + 20 * 60_000).toISOString(),
          lines: [{ sku: 'APP-1001', qty: 1, unit_price: 20, unit_cost: 8 }],
          shipping_charged: 0,
          fees: 0,
          carrier: `BENCH-${n}`,
        }),
        ev('order.allocated', 2, { warehouse_id: 'DC-EAST', lines: [{ sku: 'APP-1001', qty: 1 }] }),
      ],
    });
    if (n % 2 === 0) {
      const t = Date.now();
      const r = await api<{ status: string }>('/api/actions', {
        method: 'POST',
        body: { action_id: `bench-exp-${id}`, type: 'order.expedite', payload: { order_id: id } },
      });
      if (r.status === 'done') actions.push(Date.now() - t);
    }
  };
  // The processor's lag (bus acceptance → written, of the families written in the last minute), every 10 s.
  const lags: number[] = [];
  const lagTimer = setInterval(() => {
    api<{ lag_ms?: number }>('/api/ready')
      .then((h) => typeof h.lag_ms === 'number' && lags.push(h.lag_ms))
      .catch(() => undefined);
  }, 10_000);
  const end = Date.now() + minutes * 60_000;
  while (Date.now() < end) {
    await probe().catch((err) => console.error('probe failed:', (err as Error).message));
    await new Promise((r) => setTimeout(r, 60_000));
  }
  longestSilence = Math.max(longestSilence, Date.now() - lastHeard);
  clearInterval(lagTimer);
  socket.close();

  // False alerts: a cutoff member listed after its order had left (business time, 10 s slack). Each
  // is also told apart by when the record learned the order had left (the event's recorded_at): a
  // listing judged after that contradicts the store (a rule bug); one judged before it is late data
  // (the processor or the source behind), which the rules cannot know of.
  const listed = new Map<string, { at: number; judged: number }>();
  for (const c of changes)
    if (c.alert.type === 'cutoff_risk' && c.alert.status !== 'resolved')
      for (const m of c.alert.data.members ?? []) {
        const judged = Date.parse(c.alert.updated_at);
        if (judged >= (listed.get(m.key)?.judged ?? 0)) listed.set(m.key, { at: c.at, judged });
      }
  const offset = (await serverNow()) - Date.now();
  const LEAVING = new Set(['order.shipped', 'order.cancelled', 'parcel.picked_up', 'parcel.delivered']);
  const falseListings: { order_id: string; late_by_ms: number; recorded_after_judged_ms: number; event: string }[] = [];
  // Eight lookups at a time: one by one, thousands of listed orders took over an hour on a busy machine.
  const entries = [...listed];
  const check = async ([id, { at, judged }]: (typeof entries)[number]) => {
    const o = await api<{ timeline?: { type: string; occurred_at: string; recorded_at: string }[] }>(
      `/api/orders/${encodeURIComponent(id)}`,
    );
    const left = (o.timeline ?? []).filter((e) => LEAVING.has(e.type));
    if (left.length === 0) return;
    const first = left.reduce((a, b) => (Date.parse(a.occurred_at) <= Date.parse(b.occurred_at) ? a : b));
    const lateBy = at + offset - Date.parse(first.occurred_at);
    if (lateBy > 10_000)
      falseListings.push({
        order_id: id,
        event: first.type,
        late_by_ms: lateBy,
        recorded_after_judged_ms: Math.min(...left.map((e) => Date.parse(e.recorded_at))) - judged,
      });
  };
  for (let i = 0; i < entries.length; i += 8) await Promise.all(entries.slice(i, i + 8).map(check));
  const falseAlerts = falseListings.length;
  const contradicted = falseListings.filter((f) => f.recorded_after_judged_ms < 0).length;
  // Each flap with what it was: which alert, when it resolved and when it came back.
  const flapDetails: { alert_id: string; type: string; resolved_at: string; reopened_after_ms: number }[] = [];
  {
    const resolvedAt = new Map<string, number>();
    for (const c of changes) {
      if (c.alert.status === 'resolved') resolvedAt.set(c.alert.alert_id, c.at);
      else if (resolvedAt.has(c.alert.alert_id) && c.at - resolvedAt.get(c.alert.alert_id)! < COOLDOWN_MS) {
        const at = resolvedAt.get(c.alert.alert_id)!;
        flapDetails.push({
          alert_id: c.alert.alert_id,
          type: c.alert.type,
          resolved_at: new Date(at).toISOString(),
          reopened_after_ms: c.at - at,
        });
        resolvedAt.delete(c.alert.alert_id);
      }
    }
  }
  const flaps = flapDetails.length;
  const perHour = (kind: 'new' | 'update') => {
    const out: Record<string, number> = {};
    for (const c of changes.filter((x) => x.kind === kind)) out[c.alert.type] = (out[c.alert.type] ?? 0) + 1;
    for (const k of Object.keys(out)) out[k] = Math.round((out[k] * 60) / minutes);
    return out;
  };
  const latencies = [...probes.values()]
    .filter((p) => p.seen !== undefined)
    .map((p) => p.seen! - p.sent)
    .sort((a, b) => a - b);
  actions.sort((a, b) => a - b);
  const health = await api<{ simulator?: { emitted: number; backfilled: number; backfillHours: number } }>(
    '/api/health',
  );
  const result = {
    at: new Date().toISOString(),
    minutes,
    startup_s: startupS,
    simulator: health.simulator,
    alerts_raised_per_hour: perHour('new'),
    alert_updates_per_hour: perHour('update'),
    resolved: changes.filter((c) => c.alert.status === 'resolved').length,
    false_alerts: falseAlerts,
    false_alerts_contradicting_the_store: contradicted,
    false_listings: falseListings.slice(0, 50),
    cutoff_orders_listed: listed.size,
    flaps,
    flap_details: flapDetails,
    longest_push_silence_ms: longestSilence,
    processor_lag_ms: (() => {
      const sorted = [...lags].sort((a, b) => a - b);
      return { samples: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
    })(),
    order_to_alert_ms: {
      probes: probes.size,
      seen: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    },
    action_confirm_ms: { actions: actions.length, p50: percentile(actions, 50), p99: percentile(actions, 99) },
  };
  stop();
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(path.join('bench/results', 'live-hour.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}

void main();
