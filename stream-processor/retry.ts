import type { Store } from '@/lib/store/client';
import type { Logger } from '@/lib/log';
import type { Metrics } from '@/lib/metrics';

/** ClickHouse error codes worth retrying: the same insert can succeed later. */
const TRANSIENT_CODES = new Set([
  '159', // TIMEOUT_EXCEEDED
  '164', // READONLY
  '202', // TOO_MANY_SIMULTANEOUS_QUERIES
  '203', // NO_FREE_CONNECTION
  '209', // SOCKET_TIMEOUT
  '210', // NETWORK_ERROR
  '241', // MEMORY_LIMIT_EXCEEDED
  '242', // TABLE_IS_READ_ONLY
  '252', // TOO_MANY_PARTS
  '319', // UNKNOWN_STATUS_OF_INSERT
  '425', // SYSTEM_ERROR
]);

/** The ClickHouse error code: `code` from the HTTP client, `clickhouseCode` from chDB's own insert. */
function clickhouseCode(err: unknown): string | null {
  const e = err as { code?: unknown; clickhouseCode?: unknown } | null;
  if (typeof e?.clickhouseCode === 'number') return String(e.clickhouseCode);
  if (typeof e?.code === 'string' && /^\d+$/.test(e.code)) return e.code;
  return null;
}

export function isTransient(err: unknown): boolean {
  const code = clickhouseCode(err);
  if (code !== null) return TRANSIENT_CODES.has(code);
  // No ClickHouse code: the request never got an answer (refused, reset, timed out, 5xx proxy).
  return true;
}

export class StoppedError extends Error {
  constructor() {
    super('processor stopping: batch left uncommitted for redelivery');
  }
}

export interface WriteContext {
  store: Store;
  metrics: Metrics;
  log: Logger;
  isRunning(): boolean;
  /** Keeps the consumer-group session alive while an outage holds the batch. */
  heartbeat?(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const isMemoryLimit = (err: unknown) => clickhouseCode(err) === '241';

/**
 * Runs a store operation, retrying transient failures with capped exponential backoff while we run.
 * `canSplit`: a memory-limit error is thrown to the caller, which halves the work, instead of
 * retrying the same size forever.
 */
export async function withRetry<T>(
  ctx: WriteContext,
  what: string,
  op: () => Promise<T>,
  canSplit = false,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (canSplit && isMemoryLimit(err)) throw err;
      if (!isTransient(err)) throw err;
      if (!ctx.isRunning()) throw new StoppedError();
      ctx.metrics.storeRetries.inc();
      const wait = Math.min(10_000, 100 * 2 ** Math.min(attempt, 7));
      ctx.log.warn({ err: (err as Error).message, attempt, wait, what }, 'store unavailable; pausing before retry');
      await sleep(wait);
      await ctx.heartbeat?.().catch(() => undefined);
    }
  }
}

/**
 * Writes `items` with `op`, retrying while the store is unavailable. If the store refuses the data
 * itself, or runs out of memory, halves are written separately until the offending items are
 * isolated; those come back (with the store's words) for the caller to keep as dead letters, and
 * every other item is written.
 */
export async function bisect<T>(
  ctx: WriteContext,
  what: string,
  items: T[],
  op: (part: T[]) => Promise<void>,
): Promise<{ item: T; error: string }[]> {
  const failed: { item: T; error: string }[] = [];
  const attempt = async (part: T[]): Promise<void> => {
    if (part.length === 0) return;
    try {
      await withRetry(ctx, what, () => op(part), part.length > 1);
    } catch (err) {
      if (err instanceof StoppedError) throw err;
      if (part.length === 1) {
        failed.push({ item: part[0], error: (err as Error).message.slice(0, 2000) });
        return;
      }
      if (isMemoryLimit(err))
        ctx.log.warn({ what, items: part.length }, 'store out of memory; writing the batch in halves');
      const mid = part.length >> 1;
      await attempt(part.slice(0, mid));
      await attempt(part.slice(mid));
    }
  };
  await attempt(items);
  return failed;
}
