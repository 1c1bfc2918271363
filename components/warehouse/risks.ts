import type { Alert } from '@/lib/alerts/types';

/** One order at risk: a member of a collection's cutoff-risk alert. */
export interface Risk {
  alert: Alert;
  orderId: string;
  stage: string;
  shipBy: string;
  neededMs: number;
  severity: string;
  /** How the need was estimated, in words that match its numbers (from the alert's data). */
  basis: string;
  expeditedBy?: string;
  expeditedAt?: string;
  pending?: string;
}

type MemberData = {
  order_id: string;
  stage: string;
  ship_by: string;
  needed_ms: number;
  basis: string;
  expedited_by?: string;
  expedited_at?: string;
};

/** A cutoff-risk alert's rows: one per member order (none once it is resolved). */
export const toRisks = (a: Alert): Risk[] =>
  a.status === 'resolved'
    ? []
    : ((a.data.members as { key: string; severity: string; data: MemberData }[] | undefined) ?? []).map((m) => ({
        alert: a,
        orderId: m.data.order_id,
        stage: m.data.stage,
        shipBy: m.data.ship_by,
        neededMs: Number(m.data.needed_ms ?? 0),
        severity: m.severity,
        basis: m.data.basis,
        expeditedBy: m.data.expedited_by,
        expeditedAt: m.data.expedited_at,
      }));

/**
 * New rows from the server (a pushed alert, a refresh) over the ones shown: a row with an action in
 * flight stays as it is, and an expedite already known here is kept until the alert's data says it
 * too — the push that says "expedited" (action:done) can overtake an alert update judged before it,
 * and an expedite is never undone.
 */
export function mergeRisks(next: Risk[], cur: Risk[]): Risk[] {
  const known = new Map(cur.filter((r) => r.pending || r.expeditedBy).map((r) => [r.orderId, r]));
  return next.map((r) => {
    const k = known.get(r.orderId);
    if (!k) return r;
    if (k.pending) return k;
    return r.expeditedBy ? r : { ...r, expeditedBy: k.expeditedBy, expeditedAt: k.expeditedAt };
  });
}

/**
 * Orders at risk across the collections shown: an alert keeps only its most urgent members (the
 * rest are counted in `data.count`), so the rows can be fewer than the orders at risk.
 */
export function riskTotal(risks: Risk[]): number {
  const rows = new Map<string, { shown: number; count: number }>();
  for (const r of risks) {
    const a = rows.get(r.alert.alert_id) ?? { shown: 0, count: Number(r.alert.data?.count ?? 0) };
    a.shown++;
    rows.set(r.alert.alert_id, a);
  }
  let total = 0;
  for (const a of rows.values()) total += Math.max(a.shown, a.count);
  return total;
}
