import { Readable } from 'node:stream';
import type { Store } from '@/lib/store/client';
import type { Logger } from '@/lib/log';
import type { Metrics } from '@/lib/metrics';
import type { IngestRow } from './rows';

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

export function isTransient(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof e?.code === 'string' && /^\d+$/.test(e.code)) return TRANSIENT_CODES.has(e.code);
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

/** Runs a store operation, retrying transient failures with capped exponential backoff while we run. */
export async function withRetry<T>(ctx: WriteContext, what: string, op: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
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
 * Settings of the batch insert, in the statement itself so they cannot outlive it on a shared
 * session. One block per batch (no parallel parsing, no block split) makes the insert, and every
 * view it feeds, all-or-nothing. Omitted columns take type defaults (ingest has no default
 * expressions to evaluate) and the views' plain selects are planned by the older analyzer:
 * together ~20 ms off the fixed cost of an insert through 21 views on chDB. The views are fed in
 * parallel: a one-event insert took p50 37 ms instead of 48 (docs/benchmarks.md).
 */
const INSERT = `INSERT INTO ingest SETTINGS input_format_parallel_parsing = 0, max_insert_block_size = 10000000,
  input_format_defaults_for_omitted_fields = 0, enable_analyzer = 0, parallel_view_processing = 1 FORMAT JSONEachRow`;

/** One INSERT into `ingest`, retried while the store is unavailable. */
export async function insertWithRetry(ctx: WriteContext, rows: IngestRow[]): Promise<void> {
  const body = `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
  await withRetry(ctx, 'insert', async () => {
    const started = performance.now();
    const r = await ctx.store.exec({ query: INSERT, values: Readable.from([body]) });
    r.stream.resume();
    ctx.metrics.insertLatency.observe((performance.now() - started) / 1000);
  });
}

/**
 * Writes groups of rows (one group per entity). If the store refuses the data itself, halves are
 * written separately until the offending groups are isolated; those come back so the caller can
 * keep them as dead letters, and every other group is written.
 */
export async function writeGroups(ctx: WriteContext, groups: IngestRow[][]): Promise<{ failed: { group: number; error: string }[] }> {
  const failed: { group: number; error: string }[] = [];
  const attempt = async (idx: number[]): Promise<void> => {
    if (idx.length === 0) return;
    try {
      await insertWithRetry(ctx, idx.flatMap((i) => groups[i]));
    } catch (err) {
      if (err instanceof StoppedError) throw err;
      if (idx.length === 1) {
        failed.push({ group: idx[0], error: (err as Error).message.slice(0, 2000) });
        return;
      }
      const mid = idx.length >> 1;
      await attempt(idx.slice(0, mid));
      await attempt(idx.slice(mid));
    }
  };
  await attempt(groups.map((_, i) => i));
  return { failed };
}
