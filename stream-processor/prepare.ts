import type { BusMessage } from '@/lib/bus/types';
import { familyOfTopic, type Family } from '@/lib/events';
import type { DeadLetter } from '@/lib/store/deadLetters';
import { slices } from '@/lib/slices';
import { RowBuffer } from '@/lib/store/rowBuffer';
import { tsvRow } from '@/lib/store/tsv';
import { decode } from './decode';
import { REPLAY_HEADER } from '@/lib/ingest/publish';
import type { Touched } from './rollup';
import type { RawEncoder } from './rows';

/**
 * What a batch keeps of a written event once its row is built: enough for dead letters, freshness
 * and metrics. The parsed event and its text are let go, so a large batch's objects die young
 * instead of being promoted and swept by the old generation's collector (21 % of the processor's
 * CPU at 100,000-event batches when whole events were kept).
 */
export interface RowEvent {
  eventId: string;
  type: string;
  key: string;
  /** occurred_at, epoch ms */
  occurredAt: number;
  message: BusMessage;
}

/** Header of a re-derive request: the entity of the message key is re-derived, nothing is stored. */
export const REDERIVE_HEADER = 'ops-rederive';

export interface Tolerance {
  units: number;
  pct: number;
}

/** A count is accurate when |counted − expected| is within the tolerance, in units or % of expected. */
export function withinTolerance(counted: number, expected: number, tol: Tolerance): boolean {
  return Math.abs(counted - expected) <= Math.max(tol.units, (tol.pct / 100) * expected);
}

/** One family's share of a batch: its raw rows (TSV, row i holds events[i]) and the events they hold. */
export interface FamilyRows {
  family: Family;
  rows: RowBuffer;
  events: RowEvent[];
}

export interface Prepared {
  now: number;
  families: FamilyRows[];
  /** Entities to re-derive: those with events in the batch, and re-derive requests. */
  touched: Touched[];
  deadLetters: DeadLetter[];
  /** Events repeated within the batch, per family (written once). */
  duplicates: Partial<Record<Family, number>>;
}

/**
 * Everything about a batch that is plain JS, before any I/O: decode (ok | dead letter), drop
 * repeats within the batch, and build each family's raw rows. Repeats across batches need no
 * lookup: the rollup reads each event id once.
 */
export async function prepareBatch(
  messages: BusMessage[],
  d: { encoder: RawEncoder; tolerance: Tolerance; now: number },
): Promise<Prepared> {
  const byFamily = new Map<Family, FamilyRows>();
  const touched = new Map<string, Touched>();
  const seen = new Set<string>();
  const deadLetters: DeadLetter[] = [];
  const duplicates: Partial<Record<Family, number>> = {};
  // A 20,000-event batch is ~0.3 s of JSON and validation: give the event loop back now and then.
  const slice = slices();
  for (const m of messages) {
    const pause = slice();
    if (pause) await pause;
    if (m.headers[REDERIVE_HEADER] === '1') {
      const family = familyOfTopic(m.topic);
      const k = `${family}:${m.key}`;
      if (family && m.key) touched.set(k, { family, key: m.key, live: touched.get(k)?.live ?? false });
      continue;
    }
    const r = decode(m);
    if (!r.ok) {
      deadLetters.push({
        stage: 'processor',
        reason: r.reason,
        errors: r.errors,
        raw: r.raw,
        rawBytes: m.value,
        eventId: r.eventId,
        eventType: r.eventType,
        message: m,
      });
      continue;
    }
    if (seen.has(r.event.event_id)) {
      duplicates[r.family] = (duplicates[r.family] ?? 0) + 1;
      continue;
    }
    seen.add(r.event.event_id);
    let rows = byFamily.get(r.family);
    if (!rows) byFamily.set(r.family, (rows = { family: r.family, rows: new RowBuffer(), events: [] }));
    const data = r.event.data as { counted_qty?: number; expected_qty?: number };
    const outside =
      r.event.type === 'inventory.counted' && !withinTolerance(data.counted_qty!, data.expected_qty!, d.tolerance);
    rows.rows.push(d.encoder.row(r.family, { event: r.event, key: r.key, raw: r.raw, message: m, outside }, d.now));
    rows.events.push({
      eventId: r.event.event_id,
      type: r.event.type,
      key: r.key,
      occurredAt: Date.parse(r.event.occurred_at),
      message: m,
    });
    const k = `${r.family}:${r.key}`;
    const live = m.headers[REPLAY_HEADER] !== '1' || touched.get(k)?.live === true;
    touched.set(k, { family: r.family, key: r.key, live });
  }
  return { now: d.now, families: [...byFamily.values()], touched: [...touched.values()], deadLetters, duplicates };
}

/**
 * Freshness of a written batch, per family: newest business time (not ahead of `now`, the process
 * clock), the worst lag from bus to store (wall-clock durations), and the count.
 */
export function freshnessLines(
  families: Pick<FamilyRows, 'family' | 'events'>[],
  now: number,
  wallNow = Date.now(),
): string {
  return families
    .map(({ family, events }) => {
      let last = 0;
      let lag = 0;
      for (const e of events) {
        last = Math.max(last, Math.min(e.occurredAt, now));
        lag = Math.max(lag, wallNow - e.message.timestamp);
      }
      return tsvRow([
        family,
        last,
        now,
        `(${now},${Math.max(0, Math.min(4_294_967_295, Math.round(lag)))})`,
        events.length,
      ]);
    })
    .join('');
}

/** The newest business time among `groups`' events that is not after `now` (the rules' "last event"). */
export function newestEvent(groups: { events: RowEvent[] }[], now: number): number | null {
  let newest: number | null = null;
  for (const g of groups)
    for (const e of g.events)
      if (e.occurredAt <= now && (newest === null || e.occurredAt > newest)) newest = e.occurredAt;
  return newest;
}
