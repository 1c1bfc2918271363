import fs from 'node:fs';
import { E2E } from './env';

export default async function globalTeardown() {
  if (!fs.existsSync(E2E.pidFile)) return;
  const [pid, dir] = fs.readFileSync(E2E.pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 'SIGTERM');
  } catch {
    // already gone
  }
  await new Promise((r) => setTimeout(r, 2000));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(E2E.pidFile, { force: true });
}
