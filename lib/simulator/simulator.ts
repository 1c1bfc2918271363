import type { OpsEvent } from '../events';
import { CATEGORIES } from './catalog';
import { StepHeap } from './heap';
import { planInventoryWork } from './inventory-plan';
import { applyKnobs, parseScenario, type KnobsInput } from './knobs';
import { planOrder, planReturn, type Knobs, type OrderPlan, type PlannedEvent } from './plan';
import { hash32, Rng } from './rng';

export interface SimulatorOptions {
  seed: number;
  rate: number;
  backfillDays: number;
  backfillEvents: number;
  scenario: string;
  /** `replay` marks back-filled history. */
  publish(events: OpsEvent[], opts?: { replay?: boolean }): Promise<void>;
  now?: () => number;
  onError?(err: unknown): void;
}

const DAY = 86_400_000;
const INVENTORY_SHARE = 0.08;
const STEP_BITS = 2 ** 10;
const ORDER_BITS = 2 ** 17;
const SOURCE: Record<string, string> = { web: 'shopify-web', amazon: 'amazon-sp-api', zalando: 'zalando-zdirect', b2b: 'b2b-portal' };

class RateMeter {
  rate = 0;
  private last = 0;
  constructor(private readonly windowMs: number) {}
  observe(now: number, count: number) {
    const dt = this.last ? Math.max(1, now - this.last) : 1000;
    this.last = now;
    const a = Math.min(1, dt / this.windowMs);
    this.rate = (1 - a) * this.rate + a * ((count * 1000) / dt);
  }
}

/** Traffic shape over a UTC day (mean 1): quiet European night, busy US evening. */
const diurnal = (t: number) => 1 + 0.45 * Math.cos((2 * Math.PI * ((t / 3_600_000) % 24 - 19)) / 24);

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
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private nextOrderAt = 0;
  /** Follow-up order events per second, smoothed over about a minute. */
  private followUps = new RateMeter(60_000);
  private nextWorkAt = 0;
  readonly stats = { emitted: 0, backfilled: 0, phase: 'idle' as 'idle' | 'backfill' | 'live' | 'stopped' };
  readonly eventsPerOrder: number;

  constructor(private readonly o: SimulatorOptions) {
    this.now = o.now ?? Date.now;
    this.rng = new Rng(hash32(o.seed, 1));
    this.rate = o.rate;
    // Ids must not repeat across runs (restarts with the same seed) or across seeds started together.
    this.runTag = hash32(Math.floor(this.now() / 1000), o.seed).toString(36).toUpperCase().padStart(7, '0').slice(0, 6);
    if (o.scenario) this.epochs = [applyKnobs({}, parseScenario(o.scenario))];
    this.eventsPerOrder = this.measureEventsPerOrder();
  }

  get knobs(): Knobs {
    return this.epochs[this.epochs.length - 1];
  }

  private measureEventsPerOrder(): number {
    let n = 0;
    for (let i = 0; i < 400; i++) n += planOrder(new Rng(hash32(this.o.seed, 7, i)), 'X', 1.7e12 + i * 3_600_000, {}).events.length;
    return n / 400;
  }

  /**
   * Orders per second. At steady state an order yields `eventsPerOrder` events spread over days;
   * right after start (the thinned back-fill left few orders in flight) follow-up events are
   * scarce, so live mode creates more orders, up to 6x, until the follow-ups (`followUpRate`,
   * measured) fill the configured events per second.
   */
  private orderRate(t: number, eventsPerSecond: number, followUpRate?: number) {
    const orderEvents = eventsPerSecond * (1 - INVENTORY_SHARE);
    const base = (orderEvents / this.eventsPerOrder) * diurnal(t);
    if (followUpRate === undefined) return base;
    return Math.min(6 * base, Math.max(base, orderEvents * diurnal(t) - followUpRate));
  }

  private plan(no: number, createdAt: number, epoch: number): OrderPlan {
    const hit = this.plans.get(no);
    if (hit) return hit;
    const plan = planOrder(new Rng(hash32(this.o.seed, 2, no)), `${this.runTag}${String(no).padStart(6, '0')}`, createdAt, this.epochs[epoch]);
    if (this.plans.size > 512) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(no, plan);
    return plan;
  }

  private toEvent(p: PlannedEvent, eventId: string): OpsEvent {
    const source = p.type === 'order.created' ? (SOURCE[String(p.data.channel)] ?? 'storefront') : p.type.startsWith('order.') || p.type.startsWith('inventory.') ? 'wms' : p.type.startsWith('carrier.') ? 'carrier-gateway' : 'returns-portal';
    return { event_id: eventId, type: p.type, occurred_at: new Date(p.t).toISOString(), source, schema_version: 1, data: p.data } as OpsEvent;
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
      else this.plans.delete(no);
    }
    return out;
  }

  /** Remembers recent shipments and deliveries, which the demo knobs act on at once. */
  private observe(plan: OrderPlan, e: PlannedEvent) {
    if (e.type === 'order.shipped') {
      this.recentShipments.push({ orderId: plan.orderId, tracking: String(e.data.tracking_id), carrier: String(e.data.carrier) });
      if (this.recentShipments.length > 5000) this.recentShipments.splice(0, 1000);
    } else if (e.type === 'carrier.delivered') {
      this.recentDeliveries.push(plan);
      if (this.recentDeliveries.length > 5000) this.recentDeliveries.splice(0, 1000);
    }
  }

  /** Generates arrivals (orders and stock work) up to `until` at `eventsPerSecond`. */
  private arrivals(until: number, eventsPerSecond: number, followUpRate?: number) {
    while (this.nextOrderAt <= until) {
      this.createOrder(this.nextOrderAt);
      this.nextOrderAt += this.rng.exp(1000 / this.orderRate(this.nextOrderAt, eventsPerSecond, followUpRate));
    }
    const workRate = (eventsPerSecond * INVENTORY_SHARE) / 1.2;
    while (this.nextWorkAt <= until) {
      this.hold(planInventoryWork(this.rng, this.nextWorkAt));
      this.nextWorkAt += this.rng.exp(1000 / workRate);
    }
  }

  /** 14 days (by default) of history at a thinned rate so the first start fills every chart quickly. */
  async backfill(): Promise<void> {
    const end = this.now();
    const days = this.o.backfillDays;
    if (days <= 0 || this.o.backfillEvents <= 0) return;
    this.stats.phase = 'backfill';
    const eps = this.o.backfillEvents / (days * 86_400);
    this.nextOrderAt = this.nextWorkAt = end - days * DAY;
    // A few batches in flight keep the processor busy while the next one is generated; the bus
    // keeps publish order, so history still arrives in time order.
    const inFlight = new Set<Promise<void>>();
    for (let t = end - days * DAY; t < end; t += DAY / 4) {
      const until = Math.min(t + DAY / 4, end);
      this.arrivals(until, eps);
      for (let batch = this.drain(until, 5000); batch.length > 0; batch = this.drain(until, 5000)) {
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
    // The back-fill's next arrivals were drawn at its thin rate (minutes apart); live starts now.
    this.nextOrderAt = this.nextWorkAt = this.now();
    this.timer = setInterval(() => void this.tick(), tickMs);
  }

  async tick() {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.now();
      this.arrivals(now, this.rate, this.followUps.rate);
      this.injectKnobEffects(now);
      const due = this.drain(now);
      this.followUps.observe(now, due.filter((e) => e.type !== 'order.created' && !e.type.startsWith('inventory.')).length);
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
        this.hold([{ t: now, type: 'carrier.exception', data: { order_id: s.orderId, tracking_id: s.tracking, carrier: s.carrier, reason: this.rng.chance(0.7) ? 'delay' : 'weather' } }]);
      }
    }
    const surge = k.returnSurge;
    if (surge && CATEGORIES.some((c) => c.id === surge.category)) {
      for (let i = 0; i < perTick && this.recentDeliveries.length > 0; i++) {
        const plan = this.recentDeliveries.pop()!;
        const line = plan.lines.find((l) => l.sku.category.id === surge.category);
        if (!line) continue;
        this.hold(planReturn(this.rng, `${plan.orderId}-S${this.heldSeq}`, plan.orderId, line, plan.channel, now + this.rng.between(0, 2000), surge.reason));
      }
    }
  }

  configure(input: KnobsInput) {
    if (input.rate !== undefined) this.rate = input.rate;
    const next = applyKnobs(this.knobs, input);
    // Scheduled steps name their plan epoch in 10 bits; a run this busy with knobs should restart.
    if (this.epochs.length >= STEP_BITS) throw new Error('too many knob changes in one run; restart the simulator');
    this.epochs.push(next);
    return this.status();
  }

  status() {
    return { ...this.stats, rate: this.rate, knobs: this.knobs, pending: this.heap.size, runTag: this.runTag };
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stats.phase = 'stopped';
  }
}
