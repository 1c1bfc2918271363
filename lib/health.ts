import { nowDate } from './clock';
import type { Runtime } from './runtime';

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

/** Liveness and readiness of store and bus (GET /api/health, no auth). */
export async function checkHealth(rt: Runtime) {
  const started = performance.now();
  const store = await within(rt.store.reader.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json()), 3000)
    .then(() => ({ ok: true, kind: rt.store.kind, latency_ms: Math.round(performance.now() - started) }))
    .catch((err: Error) => ({ ok: false, kind: rt.store.kind, error: err.message }));
  const bus = await within(rt.bus.health(), 3000)
    .then((h) => ({ kind: rt.bus.kind, ...h }))
    .catch((err: Error) => ({ ok: false, kind: rt.bus.kind, detail: err.message }));
  const processor = rt.services.processor ? { ok: rt.services.processor.running() } : undefined;
  const ok = store.ok && bus.ok && (processor?.ok ?? true);
  return {
    status: ok ? 'ok' : 'unavailable',
    mode: rt.config.mode,
    /** The server's clock (lib/clock.ts): what "now" means for its windows and ages. */
    now: nowDate().toISOString(),
    uptime_s: Math.round((Date.now() - rt.startedAt) / 1000),
    store,
    bus,
    ...(processor ? { processor } : {}),
    ...(rt.services.simulator ? { simulator: rt.services.simulator.status() } : {}),
  };
}
