import type { Finding, Judgement } from '@/lib/alerts/types';
import type { RuleSpec } from './tracker';

/** A parcel with open carrier exceptions. */
export interface ParcelException {
  order_id: string;
  carrier: string;
  warehouse_id: string;
  /** The newest open exception's reason, and how many are open. */
  reason: string;
  open: number;
  opened_at: number;
}

/**
 * SPEC section 5 carrier exception: parcels with an open carrier exception. One alert per carrier
 * and warehouse, so a carrier's bad day is one alert with its parcels listed. Critical when a
 * parcel is lost or damaged.
 */
export function judgeCarrier(parcels: ParcelException[], judged: 'all' | string[]): Judgement {
  const found: Finding[] = parcels
    .filter((p) => p.open > 0)
    .map((p) => ({
      type: 'carrier_exception' as const,
      entity: { kind: 'carrier', id: `${p.carrier || 'unknown carrier'}@${p.warehouse_id || 'unassigned'}` },
      warehouse_id: p.warehouse_id,
      category: 'carrier_exception',
      member: {
        key: p.order_id,
        severity: /lost|damaged/.test(p.reason) ? ('critical' as const) : ('warning' as const),
        data: { order_id: p.order_id, reason: p.reason, open: p.open, opened_at: new Date(p.opened_at).toISOString() },
      },
    }));
  return { type: 'carrier_exception', judged, found, ok: [] };
}

export const carrierSpec: RuleSpec = {
  type: 'carrier_exception',
  sticky: false,
  grouped: true,
  minUpdateMs: 60_000,
  clearedReason: 'every parcel delivered or its exception resolved',
  describe(g) {
    const [carrier, warehouse] = g.entity.id.split('@');
    const reasons = new Map<string, number>();
    for (const m of g.members) reasons.set(String(m.data.reason), (reasons.get(String(m.data.reason)) ?? 0) + 1);
    const n = g.members.length;
    return {
      severity: g.members.some((m) => m.severity === 'critical') ? 'critical' : 'warning',
      title:
        n === 0
          ? `No open ${carrier} exceptions from ${warehouse} any more`
          : `${carrier}: ${n} parcel${n === 1 ? '' : 's'} from ${warehouse} with a carrier exception`,
      detail:
        n === 0
          ? 'Every parcel was delivered or its exception resolved.'
          : [...reasons]
              .sort((a, b) => b[1] - a[1])
              .map(([r, k]) => `${r.replace(/_/g, ' ')} ${k}`)
              .join(', '),
      data: { carrier, warehouse_id: warehouse },
    };
  },
  signature: (g) => g.members.map((m) => `${m.key}:${m.severity}:${m.data.reason}`).join(','),
};
