import { spawn } from 'node:child_process';

/** The V8 old-space cap `npm start` runs with (scripts/start.sh): memory figures are for the product as started. */
export const APP_HEAP = '--max-old-space-size=512';

/**
 * Runs a bench worker in its own process (with the app's heap cap) and returns the JSON it prints
 * last. A worker that runs until told (the probe) has its stdin closed when `until` settles.
 */
export function runWorker<T>(
  file: string,
  env: Record<string, string>,
  nodeFlags: string[] = [APP_HEAP],
  until?: Promise<unknown>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', file], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    void (until ?? Promise.resolve()).finally(() => p.stdin.end());
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${file} exited with ${code}: ${out.slice(-2000)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${file} printed no result: ${out.slice(-2000)}`));
      }
    });
  });
}
