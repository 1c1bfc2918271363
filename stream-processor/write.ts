import type { Family } from '@/lib/events';
import type { ExceptionChange } from '@/lib/bus/messages';
import { insertTsv } from '@/lib/store/client';
import { storeDeadLetters, type DeadLetter } from '@/lib/store/deadLetters';
import { freshnessLines, newestEvent, type RowEvent, type Prepared } from './prepare';
import { rollup, RollupPass, type Touched } from './rollup';
import { RAW_TABLE, type RawEncoder } from './rows';
import { bisect, StoppedError, withRetry, type WriteContext } from './retry';

/** A family's events written to the record. */
type WrittenRows = { family: Family; events: RowEvent[] };

export interface AppliedBatch {
  /** Events written for the first time in this batch (repeats within it counted once). */
  events: number;
  families: Partial<Record<Family, number>>;
  duplicates: number;
  deadLetters: DeadLetter[];
  lastEventAt: number | null;
  /** Messages still waiting behind this batch when it was taken (0 when the stream is current). */
  backlog?: number;
  /** Every message was marked as replayed history (REPLAY_HEADER). */
  replay?: boolean;
  /** Entities re-derived: what the rules look at. */
  touched: Touched[];
  /** Exceptions that changed and are visible now: what the live views hear. */
  exceptions: ExceptionChange[];
}

export interface BatchWriteContext extends WriteContext {
  encoder: RawEncoder;
  /** A version for state rows, increasing across passes of this process. */
  version(): number;
  /** The batch's events are on record (raw rows written, nothing refused), before their derivation. */
  stored?(): void;
}

const refused = (what: string, error: string, e: RowEvent): DeadLetter => ({
  stage: 'processor',
  reason: `${what}: ${error}`,
  errors: [],
  raw: e.message.value.toString('utf8'),
  rawBytes: e.message.value,
  eventId: e.eventId,
  eventType: e.type,
  message: e.message,
});

/** A batch on record (step 1 of its write): what the re-derivation (step 2) continues from. */
export interface Appended {
  prepared: Prepared;
  pass: RollupPass;
  written: WrittenRows[];
  deadLetters: DeadLetter[];
  repeats: Partial<Record<Family, number>>;
}

/**
 * Step 1 of a prepared batch's write: the events the entities do not have yet appended to the raw
 * tables (one TabSeparated insert per family). Data the store refuses is isolated (halves written
 * apart) and kept as dead letters; the rest is written.
 */
export async function appendBatch(ctx: BatchWriteContext, p: Prepared): Promise<Appended> {
  const { metrics, log } = ctx;
  const deadLetters = [...p.deadLetters];
  const pass = await withRetry(ctx, 'rollup', () => RollupPass.open(ctx.store, p.touched));
  try {
    // Events the entities already have (a redelivery, a re-send) are not stored again.
    const all = p.families.flatMap((f) => f.events.map((e) => ({ family: f.family, eventId: e.eventId })));
    const known = await withRetry(ctx, 'duplicate check', () => pass.stored(all));
    const repeats = { ...p.duplicates };
    const fresh = p.families.map((f) => {
      const keep: number[] = [];
      for (let i = 0; i < f.events.length; i++) if (!known.has(f.events[i].eventId)) keep.push(i);
      repeats[f.family] = (repeats[f.family] ?? 0) + f.events.length - keep.length;
      return { family: f.family, rows: f.rows, keep, events: keep.map((i) => f.events[i]) };
    });

    const started = performance.now();
    const written: WrittenRows[] = [];
    await Promise.all(
      fresh.map(async (f) => {
        const failed = await bisect(
          ctx,
          `insert ${RAW_TABLE[f.family]}`,
          f.keep.map((_, i) => i),
          (part) =>
            insertTsv(
              ctx.store,
              RAW_TABLE[f.family],
              ctx.encoder.columns[f.family],
              f.rows.pick(part.map((i) => f.keep[i])),
            ),
        );
        const bad = new Set(failed.map((x) => x.item));
        for (const x of failed) deadLetters.push(refused('store rejected', x.error, f.events[x.item]));
        if (failed.length > 0)
          log.error({ family: f.family, refused: failed.length }, 'store refused events; kept as dead letters');
        written.push({ family: f.family, events: bad.size === 0 ? f.events : f.events.filter((_, i) => !bad.has(i)) });
      }),
    );
    metrics.insertLatency.observe((performance.now() - started) / 1000);
    // Publishers that asked to hear once their events are on record (an operator's action) are told
    // now; if the process dies before the derivation, a start re-derives what is stored and not yet
    // derived (queueUnderived). A batch with anything refused waits for its dead letters instead.
    if (deadLetters.length === 0) ctx.stored?.();
    return { prepared: p, pass, written, deadLetters, repeats };
  } catch (err) {
    await pass.close();
    throw err;
  }
}

/**
 * Step 2: the batch's entities re-derived in the store, then its dead letters and freshness. An
 * entity whose derivation the store refuses keeps its previous state; its events are kept as dead
 * letters too.
 */
export async function deriveAppended(ctx: BatchWriteContext, a: Appended): Promise<AppliedBatch> {
  const { metrics, log } = ctx;
  const { prepared: p, pass, written, deadLetters } = a;
  try {
    const rolled = performance.now();
    const { exceptions, failedKeys } = await derive(ctx, pass, p.now);
    metrics.rollupLatency.observe((performance.now() - rolled) / 1000);
    for (const { item, error } of failedKeys) {
      log.error({ entity: `${item.family}:${item.key}`, err: error }, 'derivation failed');
      const of = written.find((w) => w.family === item.family)?.events.filter((e) => e.key === item.key) ?? [];
      deadLetters.push(...of.map((e) => refused('derivation failed', error, e)));
    }
    if (deadLetters.length > 0) {
      await withRetry(ctx, 'dead letters', () => storeDeadLetters(ctx.store, deadLetters));
      metrics.eventsRejected.inc({ stage: 'processor' }, deadLetters.length);
    }
    const withEvents = written.filter((w) => w.events.length > 0);
    if (withEvents.length > 0) {
      await withRetry(ctx, 'freshness', () =>
        insertTsv(
          ctx.store,
          'freshness',
          ['family', 'last_event_at', 'applied_at', 'lag', 'events'],
          Buffer.from(freshnessLines(withEvents, p.now)),
        ),
      );
    }
    let duplicates = 0;
    for (const [family, n] of Object.entries(a.repeats)) {
      if (n > 0) metrics.eventsDuplicate.inc({ family }, n);
      duplicates += n;
    }
    const failed = new Set(failedKeys.map((f) => `${f.item.family}:${f.item.key}`));
    return {
      ...summarize(ctx, withEvents, p.now),
      duplicates,
      deadLetters,
      touched: p.touched.filter((t) => !failed.has(`${t.family}:${t.key}`)),
      exceptions,
    };
  } finally {
    await pass.close();
  }
}

/** The pass's re-derivation; if the store refuses it, the entities at fault are isolated (halves re-derived apart). */
async function derive(ctx: BatchWriteContext, pass: RollupPass, now: number) {
  try {
    const r = await withRetry(
      ctx,
      'rollup',
      () => pass.derive({ version: ctx.version(), now }),
      pass.touched.length > 1,
    );
    return { exceptions: r.exceptions, failedKeys: [] };
  } catch (err) {
    if (err instanceof StoppedError || pass.touched.length === 1) {
      if (err instanceof StoppedError) throw err;
      return { exceptions: [], failedKeys: [{ item: pass.touched[0], error: (err as Error).message.slice(0, 2000) }] };
    }
    const exceptions: ExceptionChange[] = [];
    const failedKeys = await bisect(ctx, 'rollup', pass.touched, async (part) => {
      exceptions.push(...(await rollup(ctx.store, part, { version: ctx.version(), now })).exceptions);
    });
    return { exceptions, failedKeys };
  }
}

function summarize(ctx: BatchWriteContext, written: WrittenRows[], now: number) {
  const families: Partial<Record<Family, number>> = {};
  let events = 0;
  const done = Date.now();
  for (const w of written) {
    families[w.family] = w.events.length;
    events += w.events.length;
    ctx.metrics.eventsWritten.inc({ family: w.family }, w.events.length);
    for (const e of w.events) ctx.metrics.eventToRow.observe((done - e.message.timestamp) / 1000);
  }
  return { events, families, lastEventAt: newestEvent(written, now) };
}
