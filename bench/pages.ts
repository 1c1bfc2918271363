/**
 * bench/pages: how long each view takes to become usable in Debian Chromium (navigation start until
 * the heading shows and the page is hydrated: its freshness line counts "… ago"), against the
 * embedded server with the simulator streaming at a fixed seed after a back-fill. The ceiling is the
 * sign-in page in the same run (same framework and browser, no data). Goal: every view < 2 s.
 *
 *   npm run bench:pages        # BENCH_LOADS=7 BENCH_BACKFILL_EVENTS=250000 BENCH_RATE=40
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { freePort, tempDir, waitFor } from '@/test/processes';
import { fmt, percentile } from './lib';

const loads = Number(process.env.BENCH_LOADS ?? 7);
const backfill = process.env.BENCH_BACKFILL_EVENTS ?? '250000';
const rate = process.env.BENCH_RATE ?? '40';
const TOKEN = 'bench-admin-token-0123456789abcdef';

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const dataDir = tempDir('ops-bench-pages-');
const proc = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    OPS_DATA_DIR: dataDir,
    OPS_SIMULATOR: 'on',
    OPS_SIMULATOR_SEED: '7',
    OPS_SIMULATOR_RATE: rate,
    OPS_SIMULATOR_BACKFILL_EVENTS: backfill,
    OPS_API_TOKENS: `bench:admin:${TOKEN}`,
    OPS_LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
proc.stdout!.on('data', (d) => (out += d));
try {
  await waitFor(
    'the server and its back-fill',
    async () => {
      const h = (await fetch(`${url}/api/health`)
        .then((r) => r.json())
        .catch(() => ({}))) as { simulator?: { phase?: string } };
      return h.simulator?.phase === 'live' && /password: \S+/.test(out);
    },
    600_000,
    1000,
  );
  const password = /password: (\S+)/.exec(out)![1];
  // A real order id for the order page.
  const found = (await (
    await fetch(`${url}/api/orders?q=WEB-`, { headers: { authorization: `Bearer ${TOKEN}` } })
  ).json()) as { orders?: { order_id: string }[] };
  const orderId = found.orders?.[0]?.order_id;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await ctx.newPage();
  const signin = await page.request.post(`${url}/api/session`, { data: { username: 'admin', password } });
  if (!signin.ok()) throw new Error(`sign-in failed: ${signin.status()}`);

  // Every view is usable once hydrated: its freshness line then counts "… ago" (client code writes it).
  const views: [string, string][] = [
    ['/', 'board'],
    ['/warehouse', 'warehouse'],
    ['/returns', 'returns'],
    ['/inventory', 'inventory'],
    ['/orders', 'orders'],
    ...(orderId ? ([[`/orders/${encodeURIComponent(orderId)}`, 'order']] as [string, string][]) : []),
  ];
  const HYDRATED = /Updated .* ago/;
  const usable = async (p: Page, path: string, ready: RegExp) => {
    await p.goto(url + path, { waitUntil: 'load' });
    const h = await p.waitForFunction(
      (src) => (new RegExp(src).test(document.body.innerText) ? performance.now() : false),
      ready.source,
      { polling: 20, timeout: 30_000 },
    );
    return (await h.jsonValue()) as number;
  };
  // The ceiling: the sign-in page, signed out (a second context), same browser and server.
  const anon = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  const ceiling: number[] = [];
  for (let i = 0; i < loads; i++) ceiling.push(await usable(anon, '/signin', /Sign in/));
  const c50 = percentile(
    ceiling.sort((a, b) => a - b),
    50,
  );
  console.log(`sign-in page (ceiling): p50 ${fmt(c50)} ms`);
  const results: Record<string, { p50: number; p95: number; max: number; ratio: number }> = {};
  for (const [path, name] of views) {
    await usable(page, path, HYDRATED); // first load warms the route's server code
    const ms: number[] = [];
    for (let i = 0; i < loads; i++) ms.push(await usable(page, path, HYDRATED));
    ms.sort((a, b) => a - b);
    const r = {
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      max: ms[ms.length - 1],
      ratio: percentile(ms, 50) / c50,
    };
    results[name] = r;
    console.log(
      `${name.padEnd(10)} p50 ${fmt(r.p50)} ms  p95 ${fmt(r.p95)} ms  max ${fmt(r.max)} ms  ${r.ratio.toFixed(1)}× the sign-in page  ${r.p95 < 2000 ? 'meets' : 'misses'} the 2 s goal`,
    );
  }
  await browser.close();
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(
    'bench/results/pages.json',
    JSON.stringify(
      {
        at: new Date().toISOString(),
        loads,
        backfill: Number(backfill),
        rate: Number(rate),
        ceiling_p50_ms: c50,
        results,
      },
      null,
      2,
    ),
  );
} finally {
  proc.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 3000));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
