import { queryRows, type Store } from '../store/client';
import { fromChTime } from '../store/time';
import { FAMILIES, type Family } from '../events';

export interface FamilyFreshness {
  family: Family;
  /** Newest business time applied. */
  lastEventAt: string | null;
  /** When the processor last wrote a batch of this family. */
  appliedAt: string | null;
  /** Bus acceptance → written, for the latest batch. */
  lagMs: number;
  events: number;
}

interface Row {
  family: Family;
  last_event_at: string;
  applied_at: string;
  lag_ms: number;
  events: number;
}

export async function getFreshness(store: Store): Promise<FamilyFreshness[]> {
  const rows = await queryRows<Row>(
    store,
    `SELECT family, max(last_event_at) AS last_event_at, max(applied_at) AS applied_at,
            tupleElement(max(lag), 2) AS lag_ms, sum(events) AS events
     FROM freshness GROUP BY family`,
  );
  const by = new Map(rows.map((r) => [r.family, r]));
  return FAMILIES.map((family) => {
    const r = by.get(family);
    return {
      family,
      lastEventAt: fromChTime(r?.last_event_at),
      appliedAt: fromChTime(r?.applied_at),
      lagMs: Number(r?.lag_ms ?? 0),
      events: Number(r?.events ?? 0),
    };
  });
}

/**
 * A family with no write in this long before the newest write has nothing waiting in the processor:
 * its last write's lag is history (a fresh start's returns kept their back-fill's 4.3 s for good).
 */
export const LAG_WINDOW_MS = 60_000;

/**
 * The figure every view shows: newest event applied, last write, and the processor's lag — the
 * largest lag of the families written within LAG_WINDOW_MS of the newest write.
 */
export function summarizeFreshness(freshness: FamilyFreshness[]) {
  const newest = (pick: (f: FamilyFreshness) => string | null) =>
    freshness
      .map(pick)
      .filter((x): x is string => x !== null)
      .sort()
      .at(-1) ?? null;
  const applied = newest((f) => f.appliedAt);
  const current = (f: FamilyFreshness) =>
    f.appliedAt !== null && Date.parse(applied!) - Date.parse(f.appliedAt) <= LAG_WINDOW_MS;
  return {
    last_event_at: newest((f) => f.lastEventAt),
    applied_at: applied,
    lag_ms: Math.max(0, ...freshness.filter(current).map((f) => f.lagMs)),
    events_applied: freshness.reduce((s, f) => s + f.events, 0),
    by_family: freshness,
  };
}
