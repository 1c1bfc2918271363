import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  everyMs = 250,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(everyMs);
  }
}

export interface Child {
  proc: ChildProcess;
  output: () => string;
  /**
   * SIGTERM and wait for the exit code. A process still running after `graceMs` is SIGKILLed and
   * the stop fails, naming it: a hang is a bug to see, not a reason to stall the suite.
   */
  stop(graceMs?: number): Promise<number | null>;
  kill(): Promise<void>;
}

function run(args: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  // Kept in full in a log file too, for post-mortems of a failed run.
  const log = fs.createWriteStream(path.join(os.tmpdir(), `ops-test-${path.basename(args[0], '.ts')}-${proc.pid}.log`));
  const keep = (d: Buffer) => {
    out = (out + d).slice(-20_000);
    log.write(d);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return {
    proc,
    output: () => out,
    stop: async (graceMs = 30_000) => {
      proc.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), graceMs)));
      const code = await Promise.race([exited, hung]).finally(() => clearTimeout(timer));
      if (code !== 'hung') return code;
      proc.kill('SIGKILL');
      await exited;
      throw new Error(
        `${args[0]} (pid ${proc.pid}) ignored SIGTERM for ${graceMs} ms; killed. Output:\n${out.slice(-2000)}`,
      );
    },
    kill: async () => {
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The real server (`server.ts`, the built app) on a free port with its own store; the simulator
 * off unless `env` turns it on. For what only a real HTTP server shows (connections, headers).
 */
export async function startServer(env: Record<string, string> = {}) {
  const port = await freePort();
  const child = run(['server.ts'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    OPS_DATA_DIR: tempDir('ops-server-'),
    OPS_SIMULATOR: 'off',
    OPS_LOG_LEVEL: 'warn',
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('the server to answer /api/health', async () => (await fetch(`${url}/api/health`)).ok, 120_000).catch(
    (err) => {
      throw new Error(`${err.message}\n${child.output()}`);
    },
  );
  return { ...child, url, port };
}

/** ClickHouse HTTP endpoint over chDB (scripts/chdb-server.ts), as the distributed store. */
export async function startClickHouse(dir: string, port?: number) {
  const p = port ?? (await freePort());
  const child = run(['scripts/chdb-server.ts', '--path', dir, '--port', String(p)], {});
  const url = `http://127.0.0.1:${p}`;
  await waitFor('the ClickHouse endpoint', async () => (await fetch(`${url}/ping`)).ok, 30_000);
  return { ...child, url, port: p, dir };
}

/** `npm run processor` as a child process: one consumer-group member. */
export async function startProcessorService(env: Record<string, string>) {
  const port = await freePort();
  const child = run(['stream-processor/main.ts'], {
    OPS_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    OPS_PROCESSOR_PORT: String(port),
    HOST: '127.0.0.1',
    ...env,
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor('the processor to be healthy', async () => (await fetch(`${base}/health`)).ok, 60_000).catch((err) => {
    throw new Error(`${err.message}\n${child.output()}`);
  });
  return {
    ...child,
    metricsPort: async () => port,
    /** A counter from its /metrics, summed over labels. */
    metric: async (name: string) => {
      const text = await (await fetch(`${base}/metrics`)).text();
      return text
        .split('\n')
        .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
        .reduce((s, l) => s + Number(l.split(' ').at(-1)), 0);
    },
  };
}
