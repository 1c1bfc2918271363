import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_MINUTES, loadConfig } from '@/lib/config';
import type { Judgement } from '@/lib/alerts/types';
import { judgeAccuracy } from './accuracy';
import { judgeBreaches } from './breach';
import { CutoffLearner, cutoffSpec, judgeCutoff, type OpenOrder } from './cutoff';
import { judgeSpikes } from './spike';

const rules = loadConfig({}).rules; // p80, 20 samples, margin 10 min, defaults created=120 allocated=90 picked=25
const MIN = 60_000;
const now = Date.UTC(2026, 10, 20, 12);

function learnerWith(picks: Record<string, number>) {
  const l = new CutoffLearner(rules);
  for (const [warehouse, minutes] of Object.entries(picks)) {
    for (let i = 0; i < 30; i++) {
      const packed = now - (i + 1) * 10 * MIN;
      l.learn({
        order_id: `${warehouse}-${i}`,
        warehouse_id: warehouse,
        packed_at: packed,
        created_at: packed - (minutes + 30) * MIN,
        allocated_at: packed - (minutes + 10) * MIN,
        picked_at: packed - minutes * MIN,
      });
    }
  }
  return l;
}
const order = (
  warehouse: string,
  stage: 'created' | 'allocated' | 'picked' | 'packed',
  leftMin: number,
): OpenOrder => ({ order_id: 'O', warehouse_id: warehouse, stage, ship_by: now + leftMin * MIN, carrier: 'UPS' });
/** The one finding for one order, or null when it is fine. */
const cutoffRisk = (o: OpenOrder, at: number, l: CutoffLearner, r = rules) => {
  const j: Judgement = judgeCutoff([o], [o.order_id], at, l, r);
  return j.found[0] ? { ...j.found[0], severity: j.found[0].member.severity, data: j.found[0].member.data } : null;
};

describe('cutoff risk', () => {
  it('an estimate made at an instant follows what is learned after it at that same instant (memoised per judgement)', () => {
    const l = learnerWith({ W: 15 });
    expect(l.needed('W', 'picked', now).ms).toBe(15 * MIN);
    for (let i = 0; i < 200; i++)
      l.learn({
        order_id: `LATE-${i}`,
        warehouse_id: 'W',
        packed_at: now - MIN,
        created_at: now - 200 * MIN,
        allocated_at: now - 150 * MIN,
        picked_at: now - 120 * MIN,
      });
    expect(l.needed('W', 'picked', now).ms).toBe(119 * MIN); // picked 120 min before, packed 1 min before
  });

  it('learns per warehouse: the same time left is at risk at a slow warehouse, not at a fast one', () => {
    const l = learnerWith({ FAST: 15, SLOW: 120 }); // picked→packed 15 vs 120 minutes
    expect(cutoffRisk(order('FAST', 'picked', 60), now, l, rules)).toBeNull();
    const slow = cutoffRisk(order('SLOW', 'picked', 60), now, l, rules);
    expect(slow).toMatchObject({
      type: 'cutoff_risk',
      severity: 'critical',
      warehouse_id: 'SLOW',
      entity: { kind: 'collection', id: `SLOW|UPS|${new Date(now + 60 * MIN).toISOString()}` },
    });
    expect(slow!.data.basis).toBe('p80 of 30 recent orders: 2 h');
  });

  it('near-miss: just enough time (need + hand-over margin) raises nothing; a minute less does', () => {
    const l = learnerWith({ W: 40 });
    expect(cutoffRisk(order('W', 'picked', 40 + 10), now, l, rules)).toBeNull();
    expect(cutoffRisk(order('W', 'picked', 40 + 9), now, l, rules)).not.toBeNull();
  });

  it('uses the configured defaults until a warehouse has history, and says so; critical when even the usual pace misses it', () => {
    const l = new CutoffLearner(rules);
    const risk = cutoffRisk(order('NEW', 'allocated', 95), now, l, rules); // default 90 + 10
    expect(risk).toMatchObject({
      severity: 'warning',
      data: { learned: false, samples: 0, basis: 'default 1 h 30 min: 0 recent orders, 20 needed to learn' },
    });
    expect(cutoffRisk(order('NEW', 'allocated', 85), now, l, rules)).toMatchObject({ severity: 'critical' });
    expect(cutoffRisk(order('NEW', 'allocated', 101), now, l, rules)).toBeNull();
    // Packed: only the hand-over is left, and no history is claimed for it.
    expect(cutoffRisk(order('NEW', 'packed', 8), now, l, rules)).toMatchObject({
      severity: 'warning',
      data: { needed_ms: 0, learned: false, samples: 0, basis: 'packed: waits only for the carrier' },
    });
    expect(cutoffRisk(order('NEW', 'packed', 11), now, l, rules)).toBeNull();
  });

  it('an order whose cutoff has passed is not at risk any more (it missed it: a late shipment) but stays where it is listed; one without a ship-by is not judged', () => {
    const l = new CutoffLearner(rules);
    const j = judgeCutoff(
      [
        { ...order('W', 'allocated', -5), order_id: 'LATE' },
        { ...order('W', 'allocated', 60), order_id: 'NOSHIP', ship_by: null },
      ],
      ['LATE', 'NOSHIP'],
      now,
      l,
      rules,
    );
    expect([j.found, j.ok]).toEqual([[], ['LATE']]);
  });

  it('a collection reads true: count, time left in human units, time of day in the warehouse’s zone, the basis of the slowest', () => {
    const l = new CutoffLearner(rules);
    const spec = cutoffSpec(rules, { 'DC-EAST': 'America/New_York' });
    const shipBy = Date.UTC(2026, 10, 20, 22, 0); // 17:00 in New York
    const at = shipBy - 80 * MIN;
    const j = judgeCutoff(
      [
        { order_id: 'A', warehouse_id: 'DC-EAST', stage: 'allocated', ship_by: shipBy, carrier: 'UPS' },
        {
          order_id: 'B',
          warehouse_id: 'DC-EAST',
          stage: 'created',
          ship_by: shipBy,
          carrier: 'UPS',
          expedited_at: at - MIN,
          expedited_by: 'walt',
        },
      ],
      ['A', 'B'],
      at,
      l,
      rules,
    );
    const g = { ...j.found[0], members: j.found.map((f) => f.member) };
    const d = spec.describe(g, at);
    expect(d.title).toBe('2 orders at DC-EAST may miss the UPS collection at 17:00 EST');
    expect(d.detail).toBe(
      '1 h 20 min left. 2 orders cannot make it at the usual pace. Slowest: order B (created; default 2 h: 0 recent orders, 20 needed to learn). 1 order already expedited.',
    );
    expect(d.severity).toBe('critical');
    expect(spec.expired!(g, shipBy)).toBe('the UPS collection has left; 2 orders missed it and are late shipments now');
    expect(spec.describe(g, shipBy + MIN)).toMatchObject({
      title: '2 orders at DC-EAST missed the UPS collection at 17:00 EST',
      detail: 'The UPS collection has left; 2 orders missed it and are late shipments now.',
    });
    expect(spec.expired!(g, shipBy - 1)).toBeNull();
  });

  it('judges by orders that entered the stage at the same local hour: overnight waits do not flag mid-shift orders', () => {
    // DC-EAST (New York, UTC-5 in November): orders created 23:00 local wait 9 h for the morning
    // shift; orders created 14:00 local are packed within the hour. All hours together, p80 is 9 h.
    const l = new CutoffLearner(rules, { 'DC-EAST': 'America/New_York' });
    for (let i = 0; i < 25; i++) {
      const d = 1 + Math.floor(i / 5);
      const late = Date.UTC(2026, 10, 20 - d, 4, (i % 5) * 10); // 23:xx the evening before, local
      const mid = Date.UTC(2026, 10, 20 - d, 19, (i % 5) * 10); // 14:xx local
      l.learn({
        order_id: `NIGHT-${i}`,
        warehouse_id: 'DC-EAST',
        created_at: late,
        allocated_at: late + 5 * MIN,
        picked_at: late + 8.5 * 60 * MIN,
        packed_at: late + 9 * 60 * MIN,
      });
      l.learn({
        order_id: `DAY-${i}`,
        warehouse_id: 'DC-EAST',
        created_at: mid,
        allocated_at: mid + 5 * MIN,
        picked_at: mid + 30 * MIN,
        packed_at: mid + 60 * MIN,
      });
    }
    const at = Date.UTC(2026, 10, 20, 19, 0); // 14:00 local today
    const o = (createdAt: number) => ({
      order_id: 'O',
      warehouse_id: 'DC-EAST',
      stage: 'created' as const,
      stage_at: createdAt,
      ship_by: createdAt + 120 * MIN,
      carrier: 'UPS',
    });
    expect(l.needed('DC-EAST', 'created', at, at)).toMatchObject({
      ms: 60 * MIN,
      learned: true,
      samples: 25,
      hour: 14,
    });
    expect(cutoffRisk(o(at), at, l, rules)).toBeNull();
    const night = Date.UTC(2026, 10, 21, 4); // 23:00 local
    const risk = cutoffRisk(o(night), night, l, rules);
    expect(risk?.data.basis).toBe('p80 of 25 recent orders that reached created around 23:00: 9 h');
    // An hour with too little history falls back to all hours together (p80 of 50 = 9 h).
    expect(l.needed('DC-EAST', 'created', at, Date.UTC(2026, 10, 20, 15))).toMatchObject({
      ms: 540 * MIN,
      samples: 50,
    });
    expect(l.needed('DC-EAST', 'created', at, Date.UTC(2026, 10, 20, 15)).hour).toBeUndefined();
  });

  it('forgets samples older than the window', () => {
    const l = new CutoffLearner({ ...rules, cutoffWindowMs: 60 * MIN });
    for (let i = 0; i < 30; i++)
      l.learn({
        order_id: `OLD-${i}`,
        warehouse_id: 'W',
        packed_at: now - 2 * 3_600_000,
        created_at: 0,
        allocated_at: 0,
        picked_at: now - 2 * 3_600_000 - 5 * MIN,
      });
    expect(l.needed('W', 'picked', now)).toMatchObject({ learned: false, ms: 25 * MIN });
  });

  it('learns an order once: seen packed, then again when it ships, it is one sample', () => {
    const l = new CutoffLearner(rules);
    const packed = (id: string, minutes: number) => ({
      order_id: id,
      warehouse_id: 'W',
      packed_at: now - MIN,
      created_at: 0,
      allocated_at: 0,
      picked_at: now - MIN - minutes * MIN,
    });
    for (let i = 0; i < 19; i++) l.learn(packed(`P-${i}`, 10));
    for (let i = 0; i < 5; i++) l.learn(packed('P-0', 10)); // re-derived, shipped: the same order
    expect(l.needed('W', 'picked', now)).toMatchObject({ learned: false, samples: 19 });
    l.learn(packed('P-19', 10));
    expect(l.needed('W', 'picked', now)).toMatchObject({ learned: true, samples: 20, ms: 10 * MIN });
  });
});

describe('exception SLA breach', () => {
  const x = {
    exception_id: 'short_pick:O:e',
    category: 'short_pick' as const,
    entity_id: 'O',
    order_id: 'O',
    warehouse_id: 'W',
    opened_at: now - 120 * MIN,
    detail: 'Short pick',
    closed: false,
  };
  const judge = (opened: number) =>
    judgeBreaches([{ ...x, opened_at: now - opened * MIN }], [x.exception_id], now, DEFAULT_SLA_MINUTES);
  it('fires once the SLA (120 min) has passed, not a minute before; one alert per category and warehouse', () => {
    expect(judge(119)).toMatchObject({ found: [], ok: [x.exception_id] });
    expect(judge(121).found[0]).toMatchObject({
      entity: { kind: 'queue', id: 'short_pick@W' },
      category: 'short_pick',
      member: { severity: 'warning' },
    });
    expect(judge(241).found[0].member.severity).toBe('critical');
    // Closed: neither found nor fine, so it leaves its alert.
    expect(judgeBreaches([{ ...x, closed: true }], [x.exception_id], now, DEFAULT_SLA_MINUTES)).toMatchObject({
      found: [],
      ok: [],
    });
  });
});

describe('inventory accuracy drop', () => {
  const judge = (accurate: number, raised: string[] = []) =>
    judgeAccuracy([{ location: 'W', counts: 100, accurate }], ['W'], new Set(raised), rules);
  it('fires below 97% over the last counts, not at 97%; once raised it holds until 99%', () => {
    expect(judge(97)).toMatchObject({ found: [], ok: ['W'] });
    expect(judge(96).found[0]).toMatchObject({
      type: 'inventory_accuracy_drop',
      entity: { kind: 'location', id: 'W' },
    });
    expect(judge(98, ['W']).found).toHaveLength(1);
    expect(judge(99, ['W']).ok).toEqual(['W']);
  });
});

describe('return reason spike', () => {
  const base = { category: 'apparel', reason: 'too_small', dayTotal: 40, base: 30, baseTotal: 300 }; // baseline 10%
  const spike = (s: Partial<typeof base> & { day: number }, raised: string[] = []) =>
    judgeSpikes([{ ...base, ...s }], new Set(raised), rules).found[0] ?? null;
  it('fires when the 24 h share is well above the 7-day one', () => {
    expect(spike({ day: 12 })).toMatchObject({ type: 'return_reason_spike', entity: { id: 'apparel:too_small' } }); // 30%
  });
  it('stays quiet on a near miss: share not twice the baseline, or too few returns to judge', () => {
    expect(spike({ day: 7 })).toBeNull(); // 17.5% < 2 × 10%
    expect(spike({ day: 6, dayTotal: 10 })).toBeNull(); // 60% but only 10 returns in 24 h
    expect(spike({ day: 4, dayTotal: 20 })).toBeNull(); // 20% but only 4 of that reason
  });
  it('once raised, holds until the share falls well back (hysteresis)', () => {
    expect(spike({ day: 9, dayTotal: 50 })).toBeNull(); // 18%: under the 20% trigger
    expect(spike({ day: 9, dayTotal: 50 }, ['apparel:too_small'])).not.toBeNull(); // but above 80% of it once raised
    expect(spike({ day: 6, dayTotal: 50 }, ['apparel:too_small'])).toBeNull(); // 12%
  });
});
