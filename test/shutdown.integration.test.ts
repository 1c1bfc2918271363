import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, tempDir, waitFor } from './processes';

/**
 * The server's stdout is a pipe whose reader stopped reading (full from the start) or went away
 * (closed). Logging must never block the event loop, and SIGTERM must end the process within its
 * grace period. pino's default destination flushed synchronously at exit and retried a full pipe in
 * an Atomics.wait loop forever: the server outlived SIGTERM by minutes.
 */
const GRACE_S = 15;

interface Fifo {
  path: string;
  readFd: number;
  writeFd: number;
}

/** A named pipe with a reader that never reads, filled until a write would block. */
function fullFifo(dir: string): Fifo {
  const p = path.join(dir, 'stdout.fifo');
  execFileSync('mkfifo', [p]);
  const readFd = fs.openSync(p, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  const writeFd = fs.openSync(p, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
  const chunk = Buffer.alloc(4096, 0x2e);
  for (;;) {
    try {
      fs.writeSync(writeFd, chunk);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') break;
      throw err;
    }
  }
  return { path: p, readFd, writeFd };
}

const running: { kill(): void }[] = [];
afterEach(() => {
  for (const r of running.splice(0)) r.kill();
});

async function startServerOn(stdoutFd: number) {
  const dir = tempDir('ops-shutdown-');
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      OPS_DATA_DIR: dir,
      OPS_SIMULATOR_BACKFILL_EVENTS: '20000',
      OPS_SIMULATOR_RATE: '200',
      OPS_LOG_LEVEL: 'debug',
      OPS_SHUTDOWN_GRACE_SECONDS: String(GRACE_S),
    },
    stdio: ['ignore', stdoutFd, 'pipe'],
  });
  running.push({ kill: () => proc.kill('SIGKILL') });
  let err = '';
  proc.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code, signal) => r(code ?? (signal ? -1 : null))));
  const health = async () =>
    (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5000) })).ok;
  await waitFor('the server to answer /api/health', health, 120_000).catch((e) => {
    throw new Error(`${(e as Error).message}\nstderr: ${err}`);
  });
  return { proc, exited, health, stderr: () => err };
}

/** SIGTERM, then the exit code (-1: killed by its own deadline), or 'hung' if it outlived twice its grace. */
async function exitAfterSigterm(s: Awaited<ReturnType<typeof startServerOn>>) {
  s.proc.kill('SIGTERM');
  return Promise.race([s.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 2 * GRACE_S * 1000))]);
}

describe('a server whose log reader stops reading or goes away', () => {
  it('keeps answering and stops within its grace period when the pipe is full', async () => {
    const fifo = fullFifo(tempDir('ops-fifo-'));
    const s = await startServerOn(fifo.writeFd);
    fs.closeSync(fifo.writeFd);
    // The simulator's back-fill and debug logs keep writing into the full pipe meanwhile.
    for (let i = 0; i < 10; i++) {
      expect(await s.health()).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
    }
    // A graceful stop (0), not the deadline's SIGKILL (-1), and never a process left running.
    expect(await exitAfterSigterm(s), `stderr: ${s.stderr()}`).toBe(0);
    fs.closeSync(fifo.readFd);
  });

  it('keeps answering and stops within its grace period when the reader is gone', async () => {
    const fifo = fullFifo(tempDir('ops-fifo-'));
    const s = await startServerOn(fifo.writeFd);
    fs.closeSync(fifo.writeFd);
    fs.closeSync(fifo.readFd); // the reader goes away: writes now fail with EPIPE
    for (let i = 0; i < 10; i++) {
      expect(await s.health()).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
    }
    // A graceful stop (0), not the deadline's SIGKILL (-1), and never a process left running.
    expect(await exitAfterSigterm(s), `stderr: ${s.stderr()}`).toBe(0);
  });
});

describe('the shutdown deadline', () => {
  it('kills a process whose stop never finishes once its grace period is over', async () => {
    const script =
      "import { createLogger } from './lib/log'; import { exitOnSignals } from './lib/shutdown';" +
      " exitOnSignals(createLogger('silent', 't'), 1000, () => new Promise(() => {})); setInterval(() => {}, 1000); process.stderr.write('ready\\n');";
    const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    running.push({ kill: () => proc.kill('SIGKILL') });
    await new Promise<void>((r) => proc.stderr!.on('data', (d) => String(d).includes('ready') && r()));
    const exited = new Promise<NodeJS.Signals | number | null>((r) =>
      proc.on('exit', (code, signal) => r(signal ?? code)),
    );
    proc.kill('SIGTERM');
    expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('hung'), 20_000))])).toBe('SIGKILL');
  });
});
