import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Bus } from './bus/types';
import { nowDate } from './clock';
import { getFreshness, summarizeFreshness } from './queries/getFreshness';
import type { Runtime } from './runtime';
import type { StoreHandle } from './store/client';

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);

interface Probe {
  ok: boolean;
  kind: string;
  latency_ms?: number;
  error?: string;
  checked_at: string | null;
}

/**
 * Store, bus and event loop, observed in the background (every `everyMs`), so that a health
 * request never touches the store or waits behind ingest work: under load it still answers at
 * once, with what the last probe saw and when. A probe stuck for longer than `staleMs` counts as a
 * failure. The store probe reads the freshness table, which is also the processor's lag.
 */
export class Probes {
  store: Probe;
  bus: Probe;
  lag: { lag_ms: number; applied_at: string | null } = { lag_ms: 0, applied_at: null };
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop = { p99_ms: 0, max_ms: 0 };
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private lastDone = performance.now();

  constructor(private readonly d: { store: StoreHandle; bus: Bus; everyMs?: number; staleMs?: number }) {
    this.store = { ok: false, kind: d.store.kind, checked_at: null, error: 'not checked yet' };
    this.bus = { ok: false, kind: d.bus.kind, checked_at: null, error: 'not checked yet' };
  }

  async start(): Promise<void> {
    this.loop.enable();
    await this.probe();
    this.timer = setInterval(() => void this.probe(), this.d.everyMs ?? 2000);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.loop.disable();
  }

  /** Whether the last probes are recent: a probe that never returns must not leave "ok" standing. */
  private fresh(): boolean {
    return this.running ? performance.now() - this.lastDone < (this.d.staleMs ?? 10_000) : true;
  }

  private async probe() {
    this.eventLoop = { p99_ms: Math.round(this.loop.percentile(99) / 1e6), max_ms: Math.round(this.loop.max / 1e6) };
    this.loop.reset();
    if (this.running) return;
    this.running = true;
    const at = () => nowDate().toISOString();
    const t0 = performance.now();
    const [store, bus] = await Promise.all([
      within(getFreshness(this.d.store.reader), 5000)
        .then((f) => {
          const s = summarizeFreshness(f);
          this.lag = { lag_ms: s.lag_ms, applied_at: s.applied_at };
          return {
            ok: true,
            kind: this.d.store.kind,
            latency_ms: Math.round(performance.now() - t0),
            checked_at: at(),
          };
        })
        .catch((err: Error) => ({ ok: false, kind: this.d.store.kind, error: err.message, checked_at: at() })),
      within(this.d.bus.health(), 5000)
        .then((h) => ({ ok: h.ok, kind: this.d.bus.kind, ...(h.detail ? { error: h.detail } : {}), checked_at: at() }))
        .catch((err: Error) => ({ ok: false, kind: this.d.bus.kind, error: err.message, checked_at: at() })),
    ]);
    this.store = store;
    this.bus = bus;
    this.running = false;
    this.lastDone = performance.now();
  }

  snapshot() {
    const stale = !this.fresh();
    const mark = (p: Probe) =>
      stale
        ? { ...p, ok: false, error: `no answer for ${Math.round((performance.now() - this.lastDone) / 1000)} s` }
        : p;
    return { store: mark(this.store), bus: mark(this.bus), eventLoop: this.eventLoop, lag: this.lag };
  }
}

/**
 * GET /api/health: liveness. Answers from memory (never the store, never behind ingest work), so a
 * probe under load does not restart a busy process; the body still says whether store and bus are
 * ready, as of the last background probe. GET /api/ready is the readiness verdict.
 */
export function checkHealth(rt: Runtime) {
  const p = rt.probes.snapshot();
  const processor = rt.services.processor
    ? { ok: rt.services.processor.running(), pending: rt.services.processor.pending?.() ?? 0 }
    : undefined;
  const ready = p.store.ok && p.bus.ok && (processor?.ok ?? true);
  return {
    status: 'ok' as const,
    ready,
    mode: rt.config.mode,
    /** The server's clock (lib/clock.ts): what "now" means for its windows and ages. */
    now: nowDate().toISOString(),
    uptime_s: Math.round((Date.now() - rt.startedAt) / 1000),
    event_loop: p.eventLoop,
    store: p.store,
    bus: p.bus,
    ...(processor ? { processor } : {}),
    ingest: { pending: rt.admission.inFlight, max_pending: rt.admission.maxPending },
    ...(rt.services.simulator ? { simulator: rt.services.simulator.status() } : {}),
  };
}

/**
 * GET /api/ready: whether this process should get traffic: store and bus answer, and the
 * processor keeps up (its newest batch waited less than OPS_READY_MAX_LAG_SECONDS on the bus, and
 * ingest is not at its bound).
 */
export function checkReady(rt: Runtime) {
  const h = checkHealth(rt);
  const maxLagMs = rt.config.readyMaxLagMs;
  const reasons: string[] = [];
  if (!h.store.ok) reasons.push(`store: ${h.store.error ?? 'unavailable'}`);
  if (!h.bus.ok) reasons.push(`bus: ${h.bus.error ?? 'unavailable'}`);
  if (h.processor && !h.processor.ok) reasons.push('processor stopped');
  const lag = rt.probes.snapshot().lag;
  if (lag.lag_ms > maxLagMs)
    reasons.push(`processor lag ${Math.round(lag.lag_ms / 1000)} s (over ${Math.round(maxLagMs / 1000)} s)`);
  if (h.ingest.pending >= h.ingest.max_pending) reasons.push('ingest at its bound');
  return {
    ready: reasons.length === 0,
    reasons,
    lag_ms: lag.lag_ms,
    applied_at: lag.applied_at,
    pending: h.ingest.pending,
    store: h.store,
    bus: h.bus,
  };
}
