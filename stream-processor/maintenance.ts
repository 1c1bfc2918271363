import type { Logger } from '@/lib/log';
import type { Store } from '@/lib/store/client';

/**
 * Closed exceptions are written to open_exceptions as deleted versions (is_deleted = 1). FINAL hides
 * them, but ordinary merges keep them, so the table grows with every exception ever closed and the
 * queue query (FINAL over all of it) slows down with history: at 10M events, 1.45M versions for
 * ~54k open exceptions. A CLEANUP merge drops them. It only affects versions older than the ones
 * that replace them, and versions come from one writer per entity (the partition owner), in order.
 */
export const CLEANUP = 'OPTIMIZE TABLE open_exceptions FINAL CLEANUP';

/** Runs the cleanup every `everyMs` on the leader replica, one at a time; stop() waits for a running one. */
export function startMaintenance(d: { store: Store; log: Logger; isLeader(): boolean; everyMs: number }) {
  let running: Promise<void> | null = null;
  const run = async () => {
    if (running || !d.isLeader()) return;
    const started = performance.now();
    running = d.store
      .command({ query: CLEANUP })
      .then(() => d.log.info({ ms: Math.round(performance.now() - started) }, 'open exceptions compacted'))
      .catch((err) => d.log.warn({ err: (err as Error).message }, 'open exceptions compaction failed; next time'))
      .finally(() => (running = null));
    await running;
  };
  const timer = setInterval(() => void run(), d.everyMs);
  timer.unref();
  return {
    run,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
