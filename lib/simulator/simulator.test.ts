import { describe, expect, it } from 'vitest';
import { validateEvent, type OpsEvent } from '../events';
import { Simulator, trafficShape } from './simulator';

/** A small business (0.05 events/s) so days of history stay cheap in a unit test. */
async function backfill(seed: number, now = Date.UTC(2026, 10, 20, 12), days = 3, rate = 0.05) {
  const events: OpsEvent[] = [];
  const sim = new Simulator({
    seed,
    rate,
    backfillDays: days,
    backfillEvents: 1_000_000,
    scenario: '',
    now: () => now,
    publish: async (e) => void events.push(...e),
  });
  await sim.backfill();
  return events;
}

describe('simulator', () => {
  it('emits only valid events, in time order, none in the future', async () => {
    const now = Date.UTC(2026, 10, 20, 12);
    const events = await backfill(7, now);
    expect(events.length).toBeGreaterThan(8_000); // 3 days × 86,400 s × 0.05 = 12,960 on average
    for (const e of events) expect(validateEvent(e).ok, JSON.stringify(e)).toBe(true);
    const times = events.map((e) => Date.parse(e.occurred_at));
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
    expect(Math.max(...times)).toBeLessThanOrEqual(now);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
  });

  it('is reproducible from its seed, and a different seed gives different data', async () => {
    const a = await backfill(11);
    const b = await backfill(11);
    const c = await backfill(12);
    expect(b.map((e) => e.data)).toEqual(a.map((e) => e.data));
    expect(c.map((e) => e.data)).not.toEqual(a.map((e) => e.data));
  });

  it('covers the SPEC lifecycles: holds, short picks, cancellations, exceptions, returns, counts', async () => {
    const types = new Set((await backfill(3, undefined, 14)).map((e) => e.type));
    for (const t of [
      'order.held',
      'order.released',
      'order.short_picked',
      'order.cancelled',
      'order.shipped',
      'carrier.exception',
      'carrier.delivered',
      'return.requested',
      'return.received',
      'return.inspected',
      'return.refunded',
      'inventory.counted',
      'inventory.adjusted',
    ]) {
      expect(types, t).toContain(t);
    }
  });

  it('a carrier-delay knob raises carrier exceptions for that carrier at once', async () => {
    let now = Date.UTC(2026, 10, 20, 12);
    const events: OpsEvent[] = [];
    const sim = new Simulator({
      seed: 5,
      rate: 0.2,
      backfillDays: 4,
      backfillEvents: 1_000_000,
      scenario: '',
      now: () => now,
      publish: async (e) => void events.push(...e),
    });
    await sim.backfill();
    sim.configure({ carrier_delay: 'UPS' });
    const before = events.length;
    for (let i = 0; i < 20; i++) {
      now += 100;
      await sim.tick();
    }
    const fresh = events.slice(before).filter((e) => e.type === 'carrier.exception');
    expect(fresh.length).toBeGreaterThanOrEqual(20);
    expect(fresh.every((e) => (e.data as { carrier: string }).carrier === 'UPS')).toBe(true);
  });
});

describe('simulator: history and live are one business', () => {
  /** Orders created in [from, to), per unit of traffic shape over that span: the business's size. */
  const perShape = (events: OpsEvent[], from: number, to: number) => {
    let shape = 0;
    for (let t = from; t < to; t += 600_000) shape += trafficShape(t) / 6;
    const orders = events.filter(
      (e) => e.type === 'order.created' && Date.parse(e.occurred_at) >= from && Date.parse(e.occurred_at) < to,
    ).length;
    return orders / shape;
  };

  it('orders per hour (for the hour and weekday) and events per second do not change when the live stream takes over', async () => {
    const start = Date.UTC(2026, 10, 18, 9); // a Wednesday morning
    let now = start;
    const events: OpsEvent[] = [];
    const sim = new Simulator({
      seed: 9,
      rate: 0.5,
      backfillDays: 2,
      backfillEvents: 1_000_000,
      scenario: '',
      now: () => now,
      publish: async (e) => void events.push(...e),
    });
    await sim.backfill();
    const history = events.length;
    expect(sim.status()).toMatchObject({ backfillHours: 48, speedup: 1 });
    // Twelve simulated hours of live ticks (a tick a minute: the verdict is per simulated time, never machine speed).
    for (let i = 0; i < 12 * 60; i++) {
      now += 60_000;
      await sim.tick();
    }
    const H = 3_600_000;
    const before = perShape(events, start - 24 * H, start);
    const after = perShape(events, start, start + 12 * H);
    expect(after / before).toBeGreaterThan(0.85);
    expect(after / before).toBeLessThan(1.15);
    // Events per second in the first live hour against the last hour of history, each per its traffic
    // shape: continuous (the history's orders are in flight). Both are below the rate while history
    // is shallower than an order's life (deliveries and returns come days later).
    const inHour = (list: OpsEvent[], from: number) =>
      list.filter((e) => Date.parse(e.occurred_at) >= from && Date.parse(e.occurred_at) < from + H).length /
      trafficShape(from + H / 2);
    const continuity = inHour(events.slice(history), start) / inHour(events.slice(0, history), start - H);
    expect(continuity).toBeGreaterThan(0.8);
    expect(continuity).toBeLessThan(1.25);
  });

  it('the budget decides how deep history goes, counted in the events it holds: never a thinner business', async () => {
    const now = Date.UTC(2026, 10, 20, 12);
    let held = 0;
    const sim = new Simulator({
      seed: 3,
      rate: 2,
      backfillDays: 14,
      backfillEvents: 2 * 86_400,
      scenario: '',
      now: () => now,
      publish: async (e) => void (held += e.length),
    });
    await sim.backfill();
    // 24 h at 2 events/s would be the budget only if every order of the history were whole; those
    // of its last day have only begun, so the same budget buys more hours.
    expect(sim.status().backfillHours).toBeGreaterThan(36);
    expect(held / (2 * 86_400)).toBeGreaterThan(0.8);
    expect(held / (2 * 86_400)).toBeLessThan(1.2);
  });

  it('a history at the default rate and budget holds shipments whatever the hour it starts', async () => {
    // The defaults (50 events/s, 1,000,000 events) scaled down a hundredfold: the same depth.
    for (let hour = 0; hour < 24; hour += 3) {
      const now = Date.UTC(2026, 10, 18, hour);
      const shipped: OpsEvent[] = [];
      const sim = new Simulator({
        seed: 5,
        rate: 0.5,
        backfillDays: 14,
        backfillEvents: 10_000,
        scenario: '',
        now: () => now,
        publish: async (e) => void shipped.push(...e.filter((x) => x.type === 'order.shipped')),
      });
      await sim.backfill();
      expect(shipped.length, `history ending ${new Date(now).toISOString()}`).toBeGreaterThan(20);
    }
  });

  it('speeds a demo up live, leaving the history the business it was', async () => {
    const start = Date.UTC(2026, 10, 18, 9);
    let now = start;
    const events: OpsEvent[] = [];
    const sim = new Simulator({
      seed: 4,
      rate: 0.5,
      speedup: 5,
      backfillDays: 1,
      backfillEvents: 1_000_000,
      scenario: '',
      now: () => now,
      publish: async (e) => void events.push(...e),
    });
    await sim.backfill();
    for (let i = 0; i < 6 * 60; i++) {
      now += 60_000;
      await sim.tick();
    }
    const H = 3_600_000;
    const ratio = perShape(events, start, start + 6 * H) / perShape(events, start - 12 * H, start);
    expect(ratio).toBeGreaterThan(4);
    expect(ratio).toBeLessThan(6);
  });
});

describe('simulator ids', () => {
  it('never repeat across seeds started in the same second, or across restarts', async () => {
    const at = Date.UTC(2026, 10, 20, 12);
    const ids = (events: OpsEvent[]) => new Set(events.map((e) => e.event_id));
    const a = ids(await backfill(1, at));
    const b = ids(await backfill(2, at));
    const c = ids(await backfill(1, at + 1000));
    for (const other of [b, c]) expect([...other].filter((id) => a.has(id))).toEqual([]);
  });
});
