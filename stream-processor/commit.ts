import type { Family, OpsEvent } from '@/lib/events';
import { deadLetterRow, type DeadLetter } from '@/lib/store/ingest';
import type { Derived } from './derive/types';
import type { Good, Prepared } from './prepare';
import { freshnessRow, type IngestRow } from './rows';
import { writeGroups, type WriteContext } from './write';

export interface AppliedBatch {
  /** Events applied for the first time, in arrival order. */
  events: OpsEvent[];
  families: Partial<Record<Family, number>>;
  duplicates: number;
  deadLetters: DeadLetter[];
  lastEventAt: number | null;
  /** Messages still waiting behind this batch when it was taken (0 when the stream is current). */
  backlog?: number;
  /** Every message was marked as replayed history (REPLAY_HEADER). */
  replay?: boolean;
  /** Entities whose writes the store refused (their events became dead letters). */
  failed: Set<string>;
  /** Entities written, with their derived state after the batch: what the rules look at. */
  entities: { family: Family; key: string; derived?: Derived }[];
}

/** Dead letters and freshness of the batch, written in the same insert as the events. */
function batchRows(applied: Good[], deadLetters: DeadLetter[], now: number): IngestRow[] {
  const rows = deadLetters.map((dl) => deadLetterRow(dl, now));
  const perFamily = new Map<Family, { last: number; lag: number; n: number }>();
  for (const a of applied) {
    const t = Math.min(Date.parse(a.event.occurred_at), now);
    const f = perFamily.get(a.family) ?? { last: 0, lag: 0, n: 0 };
    f.last = Math.max(f.last, t);
    f.lag = Math.max(f.lag, now - a.message.timestamp);
    f.n++;
    perFamily.set(a.family, f);
  }
  for (const [family, f] of perFamily) rows.push(freshnessRow(family, f.last, f.lag, f.n, now));
  return rows;
}

/**
 * The write: one insert for the whole prepared batch. If the store refuses data, the entities at
 * fault are isolated (see writeGroups), their events become dead letters, and the rest is written.
 */
export async function commitBatch(ctx: WriteContext, p: Prepared): Promise<AppliedBatch> {
  const { metrics, log } = ctx;
  const deadLetters = [...p.deadLetters];
  const groups = p.writes.map((w) => w.rows);
  const { failed } = await writeGroups(ctx, [...groups, batchRows(p.writes.flatMap((w) => w.events), deadLetters, p.now)]);
  const failedIds = new Set<string>();
  if (failed.length > 0) {
    const rejected: DeadLetter[] = [];
    for (const f of failed) {
      if (f.group >= groups.length) throw new Error(`store refused the batch bookkeeping rows: ${f.error}`);
      failedIds.add(p.writes[f.group].id);
      for (const a of p.writes[f.group].events) {
        rejected.push({ stage: 'processor', reason: `store rejected: ${f.error}`, errors: [], raw: a.raw, eventId: a.event.event_id, eventType: a.event.type, message: a.message });
      }
    }
    log.error({ failed: failed.length }, 'store rejected entity groups; kept as dead letters');
    const r = await writeGroups(ctx, [rejected.map((dl) => deadLetterRow(dl, p.now))]);
    if (r.failed.length > 0) throw new Error(`store refused dead letters: ${r.failed[0].error}`);
    deadLetters.push(...rejected);
  }

  const events: OpsEvent[] = [];
  const families: Partial<Record<Family, number>> = {};
  let lastEventAt: number | null = null;
  const done = Date.now();
  for (const w of p.writes) {
    if (failedIds.has(w.id)) continue;
    for (const a of w.events) {
      events.push(a.event);
      families[a.family] = (families[a.family] ?? 0) + 1;
      const t = Date.parse(a.event.occurred_at);
      if (t <= p.now && (lastEventAt === null || t > lastEventAt)) lastEventAt = t;
      metrics.eventsWritten.inc({ family: a.family });
      metrics.eventToRow.observe((done - a.message.timestamp) / 1000);
    }
  }
  if (deadLetters.length > 0) metrics.eventsRejected.inc({ stage: 'processor' }, deadLetters.length);
  const entities = p.writes.filter((w) => !failedIds.has(w.id)).map((w) => ({ family: w.family, key: w.key, derived: w.derived }));
  return { events, families, duplicates: p.duplicates, deadLetters, lastEventAt, failed: failedIds, entities };
}
