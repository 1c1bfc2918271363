import type { OpsEvent } from '../events';
import { CATEGORIES } from './catalog';
import { StepHeap } from './heap';
import { planInventoryWork } from './inventory-plan';
import { historyDepth, sampleOrders, type OrderSample } from './history';
import { applyKnobs, parseScenario, type KnobsInput } from './knobs';
import { planOrder, planReturn, type Knobs, type OrderPlan, type PlannedEvent } from './plan';
import { hash32, Rng } from './rng';
import { slices } from '../slices';

export interface SimulatorOptions {
  seed: number;
  /** Events per second of the simulated business (averaged over a week), history and live alike. */
  rate: number;
  /** Live traffic is the business times this (a demo knob; 1 keeps live and history one business). */
  speedup?: number;
  backfillDays: number;
  /** The most events a back-fill may generate: history is as deep as that allows at `rate`, up to `backfillDays`. */
  backfillEvents: number;
  scenario: string;
  /** `replay` marks back-filled history. */
  publish(events: OpsEvent[], opts?: { replay?: boolean }): Promise<void>;
  now?: () => number;
  onError?(err: unknown): void;
}

const DAY = 86_400_000;
const INVENTORY_SHARE = 0.08;
const PLANS_KEPT = 20_000;
const PLAN_HORIZON = 30 * 60_000;
const STEP_BITS = 2 ** 10;
const ORDER_BITS = 2 ** 17;
const SOURCE: Record<string, string> = {
  web: 'shopify-web',
  amazon: 'amazon-sp-api',
  zalando: 'zalando-zdirect',
  b2b: 'b2b-portal',
};

/** Traffic by weekday (UTC, Sunday first): quieter weekends, busiest early in the week. Mean 1. */
const WEEKDAY = [0.7, 1.12, 1.1, 1.06, 1.04, 1.08, 0.9];
/**
 * The business's traffic shape over the week (mean 1): a day curve with a quiet European night
 * and a busy US evening, times the weekday. History and live follow the same curve, so trends do
 * not jump when the live stream takes over.
 */
export const trafficShape = (t: number) =>
  (1 + 0.45 * Math.cos((2 * Math.PI * (((t / 3_600_000) % 24) - 19)) / 24)) * WEEKDAY[new Date(t).getUTCDay()];

/**
 * Seeded event simulator. An order is planned whole when it is created; the heap holds only its
 * next step (time, order number, step, plan epoch), and the plan is recomputed from its own seed
 * when that step is due, so weeks of in-flight orders cost a few bytes each.
 */
export class Simulator {
  private heap = new StepHeap();
  private held = new Map<number, PlannedEvent>();
  private heldSeq = 1;
  private orderNo = 0;
  private epochs: Knobs[] = [{}];
  private rng: Rng;
  private plans = new Map<number, OrderPlan>();
  private recentDeliveries: OrderPlan[] = [];
  private recentShipments: { orderId: string; tracking: string; carrier: string }[] = [];
  private readonly runTag: string;
  private readonly now: () => number;
  private rate: number;
  private speedup: number;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private nextOrderAt = 0;
  private nextWorkAt = 0;
  readonly stats = {
    emitted: 0,
    backfilled: 0,
    backfillHours: 0,
    phase: 'idle' as 'idle' | 'backfill' | 'live' | 'stopped',
  };
  private readonly sample: OrderSample;

  constructor(private readonly o: SimulatorOptions) {
    this.now = o.now ?? Date.now;
    this.rng = new Rng(hash32(o.seed, 1));
    this.rate = o.rate;
    this.speedup = o.speedup ?? 1;
    // Ids must not repeat across runs (restarts with the same seed) or across seeds started together.
    this.runTag = hash32(Math.floor(this.now() / 1000), o.seed)
      .toString(36)
      .toUpperCase()
      .padStart(7, '0')
      .slice(0, 6);
    if (o.scenario) this.epochs = [applyKnobs({}, parseScenario(o.scenario))];
    this.sample = sampleOrders(o.seed);
  }

  get knobs(): Knobs {
    return this.epochs[this.epochs.length - 1];
  }

  /**
   * Orders per second at `t`: an order yields `sample.perOrder` events over days, so at steady state
   * the business emits `rate` events per second on average, shaped by the time of day and week.
   * The back-fill leaves the orders of its last days in flight, so live traffic is at that rate
   * from its first second; no catch-up boost.
   */
  private orderRate(t: number, scale: number) {
    return ((this.rate * scale * (1 - INVENTORY_SHARE)) / this.sample.perOrder) * trafficShape(t);
  }

  private plan(no: number, createdAt: number, epoch: number): OrderPlan {
    const hit = this.plans.get(no);
    if (hit) return hit;
    const plan = planOrder(
      new Rng(hash32(this.o.seed, 2, no)),
      `${this.runTag}${String(no).padStart(6, '0')}`,
      createdAt,
      this.epochs[epoch],
    );
    if (this.plans.size >= PLANS_KEPT) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(no, plan);
    return plan;
  }

  private toEvent(p: PlannedEvent, eventId: string): OpsEvent {
    const source =
      p.type === 'order.created'
        ? (SOURCE[String(p.data.channel)] ?? 'storefront')
        : p.type.startsWith('order.') || p.type.startsWith('inventory.')
          ? 'wms'
          : p.type.startsWith('carrier.')
            ? 'carrier-gateway'
            : 'returns-portal';
    return {
      event_id: eventId,
      type: p.type,
      occurred_at: new Date(p.t).toISOString(),
      source,
      schema_version: 1,
      data: p.data,
    } as OpsEvent;
  }

  private hold(events: PlannedEvent[]) {
    for (const e of events) {
      const id = this.heldSeq++;
      this.held.set(id, e);
      this.heap.push(e.t, -id, 0);
    }
  }

  /** A new order: its first step is scheduled; the rest follow from its plan. */
  private createOrder(at: number) {
    const no = ++this.orderNo;
    const epoch = this.epochs.length - 1;
    this.heap.push(at, no * ORDER_BITS + epoch, at);
  }

  /** Pops every step due by `until`, scheduling each order's next step. */
  private drain(until: number, max = Infinity): OpsEvent[] {
    const out: OpsEvent[] = [];
    while (this.heap.peekTime() <= until && out.length < max) {
      const { ref, aux } = this.heap.pop()!;
      if (ref < 0) {
        const e = this.held.get(-ref)!;
        this.held.delete(-ref);
        out.push(this.toEvent(e, `${this.runTag}-m${-ref}`));
        continue;
      }
      const no = Math.floor(ref / ORDER_BITS);
      const epoch = ref % STEP_BITS;
      const step = Math.floor((ref % ORDER_BITS) / STEP_BITS);
      const plan = this.plan(no, aux, epoch);
      const e = plan.events[step];
      out.push(this.toEvent(e, `${this.runTag}-${no}-${step}`));
      this.observe(plan, e);
      const next = plan.events[step + 1];
      if (next) this.heap.push(next.t, no * ORDER_BITS + (step + 1) * STEP_BITS + epoch, aux);
      // A plan is kept only while its next step is near: re-planning costs ~20 µs, keeping weeks of them memory.
      if (!next || next.t - e.t > PLAN_HORIZON) this.plans.delete(no);
    }
    return out;
  }

  /** `drain` a few hundred events at a time, giving the event loop back every slice (a back-fill batch is 5,000). */
  private async drainInSlices(until: number, max: number): Promise<OpsEvent[]> {
    const out: OpsEvent[] = [];
    const slice = slices();
    while (out.length < max) {
      const part = this.drain(until, Math.min(250, max - out.length));
      if (part.length === 0) break;
      for (const e of part) out.push(e);
      const pause = slice();
      if (pause) await pause;
    }
    return out;
  }

  /** Remembers recent shipments and deliveries, which the demo knobs act on at once. */
  private observe(plan: OrderPlan, e: PlannedEvent) {
    if (e.type === 'order.shipped') {
      this.recentShipments.push({
        orderId: plan.orderId,
        tracking: String(e.data.tracking_id),
        carrier: String(e.data.carrier),
      });
      if (this.recentShipments.length > 5000) this.recentShipments.splice(0, 1000);
    } else if (e.type === 'carrier.delivered') {
      this.recentDeliveries.push(plan);
      if (this.recentDeliveries.length > 5000) this.recentDeliveries.splice(0, 1000);
    }
  }

  /** Generates arrivals (orders and stock work) up to `until`, at the business rate times `scale`. */
  private arrivals(until: number, scale: number) {
    for (const _ of this.arriving(until, scale));
  }

  /** The same, giving the event loop back every slice: a back-fill plans hours of arrivals at once (6 s). */
  private async arrivalsInSlices(until: number, scale: number) {
    const slice = slices();
    for (const _ of this.arriving(until, scale)) {
      const pause = slice();
      if (pause) await pause;
    }
  }

  /** Plans arrivals up to `until`, one order or piece of stock work per step (the draws in the same order however it is run). */
  private *arriving(until: number, scale: number) {
    while (this.nextOrderAt <= until) {
      this.createOrder(this.nextOrderAt);
      this.nextOrderAt += this.rng.exp(1000 / this.orderRate(this.nextOrderAt, scale));
      yield;
    }
    const workRate = (this.rate * scale * INVENTORY_SHARE) / 1.2;
    while (this.nextWorkAt <= until) {
      this.hold(planInventoryWork(this.rng, this.nextWorkAt));
      this.nextWorkAt += this.rng.exp(1000 / workRate);
      yield;
    }
  }

  /**
   * History of the same business as the live stream: as deep as `backfillEvents` events allow at
   * `rate` (up to `backfillDays`; see `historyDepth`), never thinned. A lower rate buys more days.
   */
  async backfill(): Promise<void> {
    const end = this.now();
    const days =
      historyDepth({
        end,
        budget: this.o.backfillEvents,
        maxMs: this.o.backfillDays * DAY,
        sample: this.sample,
        orderRate: (t) => this.orderRate(t, 1),
        workRate: this.rate * INVENTORY_SHARE,
      }) / DAY;
    if (days <= 0 || this.o.backfillEvents <= 0) return;
    this.stats.phase = 'backfill';
    this.stats.backfillHours = Math.round(days * 24 * 10) / 10;
    this.nextOrderAt = this.nextWorkAt = end - days * DAY;
    // A few batches in flight keep the processor busy while the next one is generated; the bus
    // keeps publish order, so history still arrives in time order.
    const inFlight = new Set<Promise<void>>();
    for (let t = end - days * DAY; t < end; t += DAY / 4) {
      const until = Math.min(t + DAY / 4, end);
      await this.arrivalsInSlices(until, 1);
      for (
        let batch = await this.drainInSlices(until, 5000);
        batch.length > 0;
        batch = await this.drainInSlices(until, 5000)
      ) {
        const n = batch.length;
        const p: Promise<void> = this.o.publish(batch, { replay: true }).then(() => {
          this.stats.backfilled += n;
          inFlight.delete(p);
        });
        inFlight.add(p);
        if (inFlight.size >= 4) await Promise.race(inFlight);
      }
    }
    await Promise.all(inFlight);
  }

  start(tickMs = 100) {
    this.stats.phase = 'live';
    // Live goes on where the history stopped (same business, same arrivals); with no history it starts now.
    const now = this.now();
    if (this.nextOrderAt === 0) this.nextOrderAt = this.nextWorkAt = now;
    this.timer = setInterval(() => void this.tick(), tickMs);
  }

  async tick() {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.now();
      this.arrivals(now, this.speedup);
      this.injectKnobEffects(now);
      const due = this.drain(now);
      if (due.length > 0) await this.o.publish(due);
      this.stats.emitted += due.length;
    } catch (err) {
      this.o.onError?.(err);
    } finally {
      this.ticking = false;
    }
  }

  /** Knobs also act on parcels and deliveries already out there, so a demo shows effects at once. */
  private injectKnobEffects(now: number) {
    const k = this.knobs;
    const perTick = Math.max(1, Math.round(this.rate / 200));
    if (k.carrierDelay) {
      const hits = this.recentShipments.filter((s) => s.carrier === k.carrierDelay);
      for (let i = 0; i < perTick && hits.length > 0; i++) {
        const s = hits.splice(this.rng.int(0, hits.length - 1), 1)[0];
        this.recentShipments.splice(this.recentShipments.indexOf(s), 1);
        this.hold([
          {
            t: now,
            type: 'carrier.exception',
            data: {
              order_id: s.orderId,
              tracking_id: s.tracking,
              carrier: s.carrier,
              reason: this.rng.chance(0.7) ? 'delay' : 'weather',
            },
          },
        ]);
      }
    }
    const surge = k.returnSurge;
    if (surge && CATEGORIES.some((c) => c.id === surge.category)) {
      for (let i = 0; i < perTick && this.recentDeliveries.length > 0; i++) {
        const plan = this.recentDeliveries.pop()!;
        const line = plan.lines.find((l) => l.sku.category.id === surge.category);
        if (!line) continue;
        this.hold(
          planReturn(
            this.rng,
            `${plan.orderId}-S${this.heldSeq}`,
            plan.orderId,
            line,
            plan.channel,
            now + this.rng.between(0, 2000),
            surge.reason,
          ),
        );
      }
    }
  }

  configure(input: KnobsInput) {
    if (input.rate !== undefined) this.rate = input.rate;
    if (input.speedup !== undefined) this.speedup = input.speedup;
    const next = applyKnobs(this.knobs, input);
    // Scheduled steps name their plan epoch in 10 bits; a run this busy with knobs should restart.
    if (this.epochs.length >= STEP_BITS) throw new Error('too many knob changes in one run; restart the simulator');
    this.epochs.push(next);
    return this.status();
  }

  status() {
    return {
      ...this.stats,
      rate: this.rate,
      speedup: this.speedup,
      knobs: this.knobs,
      pending: this.heap.size,
      runTag: this.runTag,
    };
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stats.phase = 'stopped';
  }
}
