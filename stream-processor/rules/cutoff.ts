import type { DesiredAlert } from '@/lib/alerts/types';
import type { Config } from '@/lib/config';

export const STAGES = ['created', 'allocated', 'picked', 'packed', 'held'] as const;
export type Stage = (typeof STAGES)[number];

export interface OpenOrder {
  order_id: string;
  warehouse_id: string;
  stage: Stage;
  ship_by: number | null;
  /** When the order entered its current stage. */
  stage_at?: number | null;
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

export interface Need {
  ms: number;
  learned: boolean;
  samples: number;
  /** The warehouse-local hour the estimate is specific to, when there was enough history for it. */
  hour?: number;
}

/**
 * How long orders at each warehouse recently took from each stage to packed (ready for the
 * carrier), as a sliding window of the last PER_KEY orders within the configured days. A robust
 * percentile of it is what an order at that stage is expected to need; until a warehouse has
 * enough history for a stage, the configured default applies.
 *
 * Stage times depend on the hour: an order that arrives after the last shift waits for the morning,
 * one that arrives mid-shift is picked within the hour. So samples are also kept per warehouse-local
 * hour the stage began, and an order is judged by orders that entered its stage at the same hour
 * when there are enough of them; otherwise by all hours together.
 */
export class CutoffLearner {
  private samples = new Map<string, { at: number; ms: number }[]>();
  private hourFormats = new Map<string, Intl.DateTimeFormat>();

  constructor(
    private readonly rules: Config['rules'],
    private readonly timeZones: Record<string, string> = {},
  ) {}

  private hourOf(warehouse: string, t: number): number {
    let f = this.hourFormats.get(warehouse);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', { timeZone: this.timeZones[warehouse] ?? 'UTC', hour: 'numeric', hourCycle: 'h23' });
      this.hourFormats.set(warehouse, f);
    }
    return Number(f.format(t)) % 24;
  }

  private add(key: string, sample: { at: number; ms: number }) {
    const list = this.samples.get(key) ?? [];
    list.push(sample);
    if (list.length > PER_KEY) list.splice(0, list.length - PER_KEY);
    this.samples.set(key, list);
  }

  learn(p: Packed) {
    const from: [Stage, number][] = [['created', p.created_at], ['allocated', p.allocated_at], ['picked', p.picked_at]];
    for (const [stage, at] of from) {
      if (!at || at > p.packed_at) continue;
      const sample = { at: p.packed_at, ms: p.packed_at - at };
      this.add(`${p.warehouse_id}\u0000${stage}`, sample);
      this.add(`${p.warehouse_id}\u0000${stage}\u0000${this.hourOf(p.warehouse_id, at)}`, sample);
    }
  }

  private percentile(key: string, now: number): { ms: number; samples: number } | null {
    const recent = (this.samples.get(key) ?? []).filter((s) => s.at >= now - this.rules.cutoffWindowMs);
    if (recent.length < this.rules.cutoffMinSamples) return null;
    const sorted = recent.map((s) => s.ms).sort((a, b) => a - b);
    const idx = Math.min(sorted.length - 1, Math.ceil((this.rules.cutoffPercentile / 100) * sorted.length) - 1);
    return { ms: sorted[Math.max(0, idx)], samples: sorted.length };
  }

  /** Expected stage→packed time at a warehouse for an order that entered `stage` at `since`. */
  needed(warehouse: string, stage: Stage, now: number, since?: number | null): Need {
    if (stage === 'packed') return { ms: 0, learned: true, samples: 0 };
    const defaulted = () => ({ ms: this.rules.cutoffDefaultMinutes[stage] * 60_000, learned: false, samples: (this.samples.get(`${warehouse}\u0000${stage}`) ?? []).length });
    if (stage === 'held') return defaulted();
    if (since) {
      const hour = this.hourOf(warehouse, since);
      const hourly = this.percentile(`${warehouse}\u0000${stage}\u0000${hour}`, now);
      if (hourly) return { ...hourly, learned: true, hour };
    }
    const all = this.percentile(`${warehouse}\u0000${stage}`, now);
    return all ? { ...all, learned: true } : defaulted();
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
  const need = learner.needed(o.warehouse_id, o.stage, now, o.stage_at);
  if (left >= need.ms + rules.cutoffMarginMs) return null;
  const at = need.hour === undefined ? '' : ` ${o.stage} around ${String(need.hour).padStart(2, '0')}:00`;
  const basis = need.learned ? `p${rules.cutoffPercentile} of ${need.samples} recent orders${at}` : 'default until there is history';
  return {
    type: 'cutoff_risk',
    severity: left <= 0 ? 'critical' : 'warning',
    entity: { kind: 'order', id: o.order_id },
    warehouse_id: o.warehouse_id,
    category: '',
    title: left <= 0 ? `Order ${o.order_id} missed its ${o.carrier || 'carrier'} cutoff` : `Order ${o.order_id} may miss its ${o.carrier || 'carrier'} cutoff`,
    detail: `${o.stage} at ${o.warehouse_id}; ${left <= 0 ? `ship-by passed ${minutes(-left)} ago` : `${minutes(left)} to ship-by`}; ${o.stage} usually needs ${minutes(need.ms)} to be packed (${basis}) + ${minutes(rules.cutoffMarginMs)} hand-over`,
    data: { order_id: o.order_id, stage: o.stage, ship_by: new Date(o.ship_by).toISOString(), carrier: o.carrier, needed_ms: need.ms, margin_ms: rules.cutoffMarginMs, learned: need.learned, samples: need.samples, ...(need.hour === undefined ? {} : { hour: need.hour }) },
  };
}
