import type { Runtime } from '../runtime';

/**
 * While the simulator back-fills its history (a first start: about two minutes at the defaults),
 * how much of it is in. Every view says so beside its freshness: figures still growing are not a
 * fault, and the operator should not act on them yet.
 */
export interface HistoryLoad {
  /** Events of history published so far. */
  events: number;
  /** How many hours the history covers. */
  hours: number;
}

export function historyLoad(rt: Pick<Runtime, 'services'>): HistoryLoad | null {
  const s = rt.services.simulator?.status();
  return s?.phase === 'backfill' ? { events: s.backfilled, hours: s.backfillHours } : null;
}
