import { describe, expect, it } from 'vitest';
import { validateEvent, type OpsEvent } from '../events';
import { Simulator } from './simulator';

async function backfill(seed: number, now = Date.UTC(2026, 10, 20, 12), days = 3) {
  const events: OpsEvent[] = [];
  const sim = new Simulator({ seed, rate: 50, backfillDays: days, backfillEvents: 20_000, scenario: '', now: () => now, publish: async (e) => void events.push(...e) });
  await sim.backfill();
  return events;
}

describe('simulator', () => {
  it('emits only valid events, in time order, none in the future', async () => {
    const now = Date.UTC(2026, 10, 20, 12);
    const events = await backfill(7, now);
    expect(events.length).toBeGreaterThan(8_000);
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
    for (const t of ['order.held', 'order.released', 'order.short_picked', 'order.cancelled', 'order.shipped', 'carrier.exception',
      'carrier.delivered', 'return.requested', 'return.received', 'return.inspected', 'return.refunded', 'inventory.counted', 'inventory.adjusted']) {
      expect(types, t).toContain(t);
    }
  });

  it('a carrier-delay knob raises carrier exceptions for that carrier at once', async () => {
    let now = Date.UTC(2026, 10, 20, 12);
    const events: OpsEvent[] = [];
    const sim = new Simulator({ seed: 5, rate: 50, backfillDays: 2, backfillEvents: 20_000, scenario: '', now: () => now, publish: async (e) => void events.push(...e) });
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

describe('simulator live rate', () => {
  it('streams close to the configured events per second soon after a thin back-fill', async () => {
    let now = Date.UTC(2026, 10, 20, 12);
    let emitted = 0;
    const sim = new Simulator({ seed: 9, rate: 50, backfillDays: 14, backfillEvents: 20_000, scenario: '', now: () => now, publish: async (e) => void (emitted += e.length) });
    await sim.backfill();
    // Simulated time (one tick a second): the verdict is about the events per simulated second,
    // never about how fast this machine runs the loop.
    emitted = 0;
    for (let i = 0; i < 20 * 60; i++) {
      now += 1000;
      await sim.tick();
    }
    // Last 10 of 30 simulated minutes: the rate controller has caught up.
    emitted = 0;
    for (let i = 0; i < 10 * 60; i++) {
      now += 1000;
      await sim.tick();
    }
    const perSecond = emitted / 600;
    expect(perSecond).toBeGreaterThan(30);
    expect(perSecond).toBeLessThan(80);
  });
});

describe('simulator live start', () => {
  it('streams from the first seconds even after a very thin back-fill', async () => {
    let now = Date.UTC(2026, 10, 20, 22);
    let emitted = 0;
    const sim = new Simulator({ seed: 4, rate: 50, backfillDays: 14, backfillEvents: 5_000, scenario: '', now: () => now, publish: async (e) => void (emitted += e.length) });
    await sim.backfill();
    emitted = 0;
    sim.start(3_600_000);
    try {
      for (let i = 0; i < 100; i++) {
        now += 100;
        await sim.tick();
      }
    } finally {
      sim.stop();
    }
    // 10 s at 50 events/s; the back-fill alone would have put the next order about 45 minutes out.
    expect(emitted).toBeGreaterThan(100);
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
