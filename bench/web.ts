import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, tempDir, waitFor } from '@/test/processes';
import { APP_HEAP } from './run';

export const BENCH_ADMIN = 'bench-admin-token-01234567890';
export const BENCH_MANAGER = 'bench-manager-token-0123456789';
const TOKENS = [
  `bench:warehouse_manager:${BENCH_MANAGER}:DC-EAST`,
  `ingest:admin:${BENCH_ADMIN}`,
  ...[2, 3, 4].map((i) => `ingest${i}:admin:${BENCH_ADMIN}-${i}`),
].join(',');

/** The web app as `npm start` runs it (server.ts, its heap cap), simulator off, on a free port with its own store unless env says otherwise. */
export async function startWeb(
  env: Record<string, string> = {},
): Promise<{ url: string; proc: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const proc = spawn(process.execPath, [APP_HEAP, '--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      OPS_SIMULATOR: 'off',
      OPS_API_TOKENS: TOKENS,
      OPS_LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
      OPS_DATA_DIR: tempDir('bench-web-'),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('the web app', async () => (await fetch(`${url}/api/health`)).ok, 120_000, 250);
  const exited = new Promise((r) => proc.once('exit', r));
  return {
    url,
    proc,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** Events the app has applied, from the freshness GET /api/kpis reports. */
export async function applied(url: string, token = BENCH_ADMIN): Promise<number> {
  const r = await fetch(`${url}/api/kpis?from=2026-01-01T00:00:00Z`, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) return 0;
  return Number(((await r.json()) as { freshness: { events_applied: number } }).freshness.events_applied ?? 0);
}
