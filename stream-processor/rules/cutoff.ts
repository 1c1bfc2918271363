import type { DesiredAlert } from '@/lib/alerts/types';
import type { Config } from '@/lib/config';

export const STAGES = ['created', 'allocated', 'picked', 'packed', 'held'] as const;
export type Stage = (typeof STAGES)[number];

export interface OpenOrder {
  order_id: string;
  warehouse_id: string;
  stage: Stage;
  ship_by: number | null;
  carrier: string;
}

/** Stage times of an order that reached packing: what the learner learns from. */
export interface Packed {
  warehouse_id: string;
  packed_at: number;
  created_at: number;
  allocated_at: number;
  picked_at: number;
}

const PER_KEY = 500;

/**
 * How long orders at each warehouse recently took from each stage to packed (ready for the
 * carrier), as a sliding window of the last PER_KEY orders within the configured days. A robust
 * percentile of it is what an order at that stage is expected to need; until a warehouse has
 * enough history for a stage, the configured default applies.
 */
export class CutoffLearner {
  private samples = new Map<string, { at: number; ms: number }[]>();

  constructor(private readonly rules: Config['rules']) {}

  learn(p: Packed) {
    const from: [Stage, number][] = [['created', p.created_at], ['allocated', p.allocated_at], ['picked', p.picked_at]];
    for (const [stage, at] of from) {
      if (!at || at > p.packed_at) continue;
      const key = `${p.warehouse_id}\u0000${stage}`;
      const list = this.samples.get(key) ?? [];
      list.push({ at: p.packed_at, ms: p.packed_at - at });
      if (list.length > PER_KEY) list.splice(0, list.length - PER_KEY);
      this.samples.set(key, list);
    }
  }

  /** Expected stage→packed time at a warehouse, and whether it was learned or defaulted. */
  needed(warehouse: string, stage: Stage, now: number): { ms: number; learned: boolean; samples: number } {
    if (stage === 'packed') return { ms: 0, learned: true, samples: 0 };
    const recent = (this.samples.get(`${warehouse}\u0000${stage}`) ?? []).filter((s) => s.at >= now - this.rules.cutoffWindowMs);
    if (stage === 'held' || recent.length < this.rules.cutoffMinSamples) {
      return { ms: this.rules.cutoffDefaultMinutes[stage] * 60_000, learned: false, samples: recent.length };
    }
    const sorted = recent.map((s) => s.ms).sort((a, b) => a - b);
    const idx = Math.min(sorted.length - 1, Math.ceil((this.rules.cutoffPercentile / 100) * sorted.length) - 1);
    return { ms: sorted[Math.max(0, idx)], learned: true, samples: sorted.length };
  }
}

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;

/**
 * SPEC section 5 cutoff risk: an open order whose time left to ship_by is less than what its stage
 * usually needs to reach packed, plus the hand-over margin. Warning while ship_by is ahead,
 * critical once it has passed.
 */
export function cutoffRisk(o: OpenOrder, now: number, learner: CutoffLearner, rules: Config['rules']): DesiredAlert | null {
  if (o.ship_by === null) return null;
  const left = o.ship_by - now;
  const need = learner.needed(o.warehouse_id, o.stage, now);
  if (left >= need.ms + rules.cutoffMarginMs) return null;
  const basis = need.learned ? `p${rules.cutoffPercentile} of ${need.samples} recent orders` : 'default until there is history';
  return {
    type: 'cutoff_risk',
    severity: left <= 0 ? 'critical' : 'warning',
    entity: { kind: 'order', id: o.order_id },
    warehouse_id: o.warehouse_id,
    category: '',
    title: left <= 0 ? `Order ${o.order_id} missed its ${o.carrier || 'carrier'} cutoff` : `Order ${o.order_id} may miss its ${o.carrier || 'carrier'} cutoff`,
    detail: `${o.stage} at ${o.warehouse_id}; ${left <= 0 ? `ship-by passed ${minutes(-left)} ago` : `${minutes(left)} to ship-by`}; ${o.stage} usually needs ${minutes(need.ms)} to be packed (${basis}) + ${minutes(rules.cutoffMarginMs)} hand-over`,
  };
}
