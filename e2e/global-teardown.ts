import fs from 'node:fs';
import { E2E } from './env';

export default async function globalTeardown() {
  if (!fs.existsSync(E2E.pidFile)) return;
  const [pid, dir] = fs.readFileSync(E2E.pidFile, 'utf8').split('\n');
  // The store is removed once the server has exited: before, its last writes race the removal.
  if (signal(pid, 'SIGTERM') && !(await exited(pid, 30_000))) {
    signal(pid, 'SIGKILL');
    await exited(pid, 10_000);
  }
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  fs.rmSync(E2E.pidFile, { force: true });
}

/** False once the process is gone. */
function signal(pid: string, sig: NodeJS.Signals | 0) {
  try {
    process.kill(Number(pid), sig);
    return true;
  } catch {
    return false;
  }
}

async function exited(pid: string, ms: number) {
  const until = Date.now() + ms;
  while (signal(pid, 0)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}
