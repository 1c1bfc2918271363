import type { Finding, Judgement, Member } from '@/lib/alerts/types';
import type { Config } from '@/lib/config';
import { clockTime, humanDuration } from '@/lib/text/duration';
import type { GroupView, RuleSpec } from './tracker';

export const STAGES = ['created', 'allocated', 'picked', 'packed', 'held'] as const;
export type Stage = (typeof STAGES)[number];

/** An order not yet shipped, cancelled or handed to its carrier, with a cutoff still ahead. */
export interface OpenOrder {
  order_id: string;
  warehouse_id: string;
  stage: Stage;
  ship_by: number | null;
  /** When the order entered its current stage. */
  stage_at?: number | null;
  carrier: string;
  expedited_at?: number | null;
  expedited_by?: string;
}

/** Stage times of an order that reached packing: what the learner learns from. */
export interface Packed {
  order_id: string;
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
  /** Per key, the last PER_KEY samples (a ring: the oldest is overwritten) and their orders (each in once). */
  private samples = new Map<
    string,
    { ring: { id: string; at: number; ms: number }[]; next: number; ids: Set<string> }
  >();
  private hourFormats = new Map<string, Intl.DateTimeFormat>();
  /**
   * Percentiles of one `now`, and local hours by quarter-hour (every zone's offset is a multiple of
   * 15 min): a sweep judges every open order (131,000 after a start, 45,000 of them not packed), and
   * sorting a key's samples and formatting a time per order took ~1 s of the event loop per sweep.
   */
  private memo = { now: Number.NaN, percentiles: new Map<string, { ms: number; samples: number } | null>() };
  private hours = new Map<string, number>();

  constructor(
    private readonly rules: Config['rules'],
    private readonly timeZones: Record<string, string> = {},
  ) {}

  private hourOf(warehouse: string, t: number): number {
    const quarter = `${warehouse}\u0000${Math.floor(t / 900_000)}`;
    const known = this.hours.get(quarter);
    if (known !== undefined) return known;
    if (this.hours.size > 50_000) this.hours.clear();
    let f = this.hourFormats.get(warehouse);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: this.timeZones[warehouse] ?? 'UTC',
        hour: 'numeric',
        hourCycle: 'h23',
      });
      this.hourFormats.set(warehouse, f);
    }
    const hour = Number(f.format(t)) % 24;
    this.hours.set(quarter, hour);
    return hour;
  }

  private add(key: string, id: string, at: number, ms: number) {
    let k = this.samples.get(key);
    if (!k) this.samples.set(key, (k = { ring: [], next: 0, ids: new Set() }));
    // An order is learned once it is packed and seen again when it ships: one sample, not two.
    if (k.ids.has(id)) return;
    if (k.ring.length < PER_KEY) k.ring.push({ id, at, ms });
    else {
      k.ids.delete(k.ring[k.next].id);
      k.ring[k.next] = { id, at, ms };
      k.next = (k.next + 1) % PER_KEY;
    }
    k.ids.add(id);
    this.memo.now = Number.NaN;
  }

  learn(p: Packed) {
    const from: [Stage, number][] = [
      ['created', p.created_at],
      ['allocated', p.allocated_at],
      ['picked', p.picked_at],
    ];
    for (const [stage, at] of from) {
      if (!at || at > p.packed_at) continue;
      const ms = p.packed_at - at;
      this.add(`${p.warehouse_id}\u0000${stage}`, p.order_id, p.packed_at, ms);
      this.add(`${p.warehouse_id}\u0000${stage}\u0000${this.hourOf(p.warehouse_id, at)}`, p.order_id, p.packed_at, ms);
    }
  }

  private percentile(key: string, now: number): { ms: number; samples: number } | null {
    if (this.memo.now !== now) this.memo = { now, percentiles: new Map() };
    if (this.memo.percentiles.has(key)) return this.memo.percentiles.get(key)!;
    const p = this.computePercentile(key, now);
    this.memo.percentiles.set(key, p);
    return p;
  }

  private computePercentile(key: string, now: number): { ms: number; samples: number } | null {
    const recent = (this.samples.get(key)?.ring ?? []).filter((s) => s.at >= now - this.rules.cutoffWindowMs);
    if (recent.length < this.rules.cutoffMinSamples) return null;
    const sorted = recent.map((s) => s.ms).sort((a, b) => a - b);
    const idx = Math.min(sorted.length - 1, Math.ceil((this.rules.cutoffPercentile / 100) * sorted.length) - 1);
    return { ms: sorted[Math.max(0, idx)], samples: sorted.length };
  }

  /** Expected stage→packed time at a warehouse for an order that entered `stage` at `since`. */
  needed(warehouse: string, stage: Stage, now: number, since?: number | null): Need {
    // Packed: nothing left to do but hand it over; no history is claimed for that.
    if (stage === 'packed') return { ms: 0, learned: false, samples: 0 };
    const defaulted = () => ({
      ms: this.rules.cutoffDefaultMinutes[stage] * 60_000,
      learned: false,
      samples: this.samples.get(`${warehouse}\u0000${stage}`)?.ring.length ?? 0,
    });
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

/** How an order's need was estimated, in words that match its numbers. */
export function basisOf(stage: Stage, need: Need, rules: Config['rules']): string {
  if (stage === 'packed') return 'packed: waits only for the carrier';
  if (stage === 'held') return `on hold: default ${humanDuration(need.ms)} (holds are not learned)`;
  if (!need.learned)
    return `default ${humanDuration(need.ms)}: ${need.samples} recent ${need.samples === 1 ? 'order' : 'orders'}, ${rules.cutoffMinSamples} needed to learn`;
  const at = need.hour === undefined ? '' : ` that reached ${stage} around ${String(need.hour).padStart(2, '0')}:00`;
  return `p${rules.cutoffPercentile} of ${need.samples} recent orders${at}: ${humanDuration(need.ms)}`;
}

/** The carrier collection an order must make: its warehouse, carrier and ship-by instant. */
export const collectionOf = (o: Pick<OpenOrder, 'warehouse_id' | 'carrier' | 'ship_by'>) => ({
  kind: 'collection',
  id: `${o.warehouse_id}|${o.carrier}|${new Date(o.ship_by!).toISOString()}`,
});

/**
 * SPEC section 5 cutoff risk, for the orders given: an open order whose time left to ship_by is
 * less than what its stage usually needs to reach packed, plus the hand-over margin. Orders at the
 * same collection (warehouse × carrier × ship-by) are one alert. Critical when even the usual pace
 * misses it, warning within the margin. An order whose cutoff has passed is not at risk any more:
 * it missed it, and is a late shipment (an exception) from then on.
 */
export function judgeCutoff(
  orders: OpenOrder[],
  judged: 'all' | string[],
  now: number,
  learner: CutoffLearner,
  rules: Config['rules'],
): Judgement {
  const found: Finding[] = [];
  const ok: string[] = [];
  for (const o of orders) {
    if (o.ship_by === null) continue;
    // Its cutoff has passed: it missed it. It joins nothing, but stays in its collection's alert
    // (sticky) until that expires and says how many missed it, instead of leaving as if it had gone.
    if (o.ship_by <= now) {
      ok.push(o.order_id);
      continue;
    }
    const left = o.ship_by - now;
    const need = learner.needed(o.warehouse_id, o.stage, now, o.stage_at);
    if (left >= need.ms + rules.cutoffMarginMs) {
      ok.push(o.order_id);
      continue;
    }
    const member: Member = {
      key: o.order_id,
      severity: left < need.ms + (o.stage === 'packed' ? rules.cutoffMarginMs / 2 : 0) ? 'critical' : 'warning',
      data: {
        order_id: o.order_id,
        stage: o.stage,
        stage_at: o.stage_at ? new Date(o.stage_at).toISOString() : null,
        ship_by: new Date(o.ship_by).toISOString(),
        needed_ms: need.ms,
        learned: need.learned,
        samples: need.samples,
        ...(need.hour === undefined ? {} : { hour: need.hour }),
        basis: basisOf(o.stage, need, rules),
        ...(o.expedited_at
          ? { expedited_at: new Date(o.expedited_at).toISOString(), expedited_by: o.expedited_by ?? '' }
          : {}),
      },
    };
    found.push({ type: 'cutoff_risk', entity: collectionOf(o), warehouse_id: o.warehouse_id, category: '', member });
  }
  return { type: 'cutoff_risk', judged, found, ok };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A collection that has left, in words: the resolve reason, and (capitalised) the alert's detail. */
const leftWith = (carrier: string, missed: number) =>
  missed === 0
    ? `the ${carrier} collection has left`
    : `the ${carrier} collection has left; ${plural(missed, 'order')} missed it and ${missed === 1 ? 'is a late shipment' : 'are late shipments'} now`;

/** How a collection's alert reads: every figure from its members' data, times in the warehouse's zone. */
export function cutoffSpec(rules: Config['rules'], timeZones: Record<string, string>): RuleSpec {
  const parse = (g: GroupView) => {
    const [warehouse, carrier, shipBy] = g.entity.id.split('|');
    return { warehouse, carrier: carrier || 'carrier', shipBy: Date.parse(shipBy), tz: timeZones[warehouse] ?? 'UTC' };
  };
  return {
    type: 'cutoff_risk',
    sticky: true,
    grouped: true,
    // Each at-risk order is a row the console shows with its actions: no delay.
    minUpdateMs: 0,
    clearedReason: 'every order at risk shipped, was cancelled or handed to the carrier',
    describe(g, now) {
      const c = parse(g);
      const critical = g.members.filter((m) => m.severity === 'critical').length;
      const expedited = g.members.filter((m) => m.data.expedited_at).length;
      const slowest = [...g.members].sort((a, b) => Number(b.data.needed_ms) - Number(a.data.needed_ms))[0];
      const when = `${c.carrier} collection at ${clockTime(c.shipBy, c.tz)}`;
      const left = c.shipBy > now;
      return {
        severity: critical > 0 ? 'critical' : 'warning',
        title:
          g.members.length === 0
            ? `No orders at risk for the ${when} at ${c.warehouse} any more`
            : left
              ? `${plural(g.members.length, 'order')} at ${c.warehouse} may miss the ${when}`
              : `${plural(g.members.length, 'order')} at ${c.warehouse} missed the ${when}`,
        detail:
          g.members.length === 0
            ? 'Every order that was at risk has shipped, been cancelled or been handed to the carrier.'
            : !left
              ? `T${leftWith(c.carrier, g.members.length).slice(1)}.`
              : `${humanDuration(c.shipBy - now)} left. ${critical > 0 ? `${plural(critical, 'order')} cannot make it at the usual pace. ` : ''}Slowest: order ${slowest.data.order_id} (${slowest.data.stage}; ${slowest.data.basis}).${expedited ? ` ${plural(expedited, 'order')} already expedited.` : ''}`,
        data: {
          warehouse_id: c.warehouse,
          carrier: c.carrier,
          ship_by: new Date(c.shipBy).toISOString(),
          time_zone: c.tz,
          margin_ms: rules.cutoffMarginMs,
        },
      };
    },
    signature: (g) =>
      g.members.map((m) => `${m.key}:${m.severity}:${m.data.stage}:${m.data.expedited_at ?? ''}`).join(','),
    expired(g, now) {
      const c = parse(g);
      return c.shipBy > now ? null : leftWith(c.carrier, g.members.length);
    },
  };
}
