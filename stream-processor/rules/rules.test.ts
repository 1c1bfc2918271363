import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_MINUTES, loadConfig } from '@/lib/config';
import { CutoffLearner, cutoffRisk } from './cutoff';
import { accuracyDrop, reasonSpike, slaBreach } from './others';

const rules = loadConfig({}).rules; // p80, 20 samples, margin 10 min, defaults created=120 allocated=90 picked=25
const MIN = 60_000;
const now = Date.UTC(2026, 10, 20, 12);

function learnerWith(picks: Record<string, number>) {
  const l = new CutoffLearner(rules);
  for (const [warehouse, minutes] of Object.entries(picks)) {
    for (let i = 0; i < 30; i++) {
      const packed = now - (i + 1) * 10 * MIN;
      l.learn({ warehouse_id: warehouse, packed_at: packed, created_at: packed - (minutes + 30) * MIN, allocated_at: packed - (minutes + 10) * MIN, picked_at: packed - minutes * MIN });
    }
  }
  return l;
}
const order = (warehouse: string, stage: 'created' | 'allocated' | 'picked' | 'packed', leftMin: number) => ({ order_id: 'O', warehouse_id: warehouse, stage, ship_by: now + leftMin * MIN, carrier: 'UPS' });

describe('cutoff risk', () => {
  it('learns per warehouse: the same time left is at risk at a slow warehouse, not at a fast one', () => {
    const l = learnerWith({ FAST: 15, SLOW: 120 }); // picked→packed 15 vs 120 minutes
    expect(cutoffRisk(order('FAST', 'picked', 60), now, l, rules)).toBeNull();
    const slow = cutoffRisk(order('SLOW', 'picked', 60), now, l, rules);
    expect(slow).toMatchObject({ type: 'cutoff_risk', severity: 'warning', warehouse_id: 'SLOW', entity: { kind: 'order', id: 'O' } });
    expect(slow!.detail).toContain('p80 of 30 recent orders');
  });

  it('near-miss: just enough time (need + hand-over margin) raises nothing; a minute less does', () => {
    const l = learnerWith({ W: 40 });
    expect(cutoffRisk(order('W', 'picked', 40 + 10), now, l, rules)).toBeNull();
    expect(cutoffRisk(order('W', 'picked', 40 + 9), now, l, rules)).not.toBeNull();
  });

  it('uses the configured defaults until a warehouse has history, and is critical once ship_by has passed', () => {
    const l = new CutoffLearner(rules);
    expect(cutoffRisk(order('NEW', 'allocated', 95), now, l, rules)).toMatchObject({ severity: 'warning' }); // default 90 + 10
    expect(cutoffRisk(order('NEW', 'allocated', 101), now, l, rules)).toBeNull();
    expect(cutoffRisk(order('NEW', 'packed', -5), now, l, rules)).toMatchObject({ severity: 'critical' });
    expect(cutoffRisk(order('NEW', 'packed', 11), now, l, rules)).toBeNull();
  });

  it('judges by orders that entered the stage at the same local hour: overnight waits do not flag mid-shift orders', () => {
    // DC-EAST (New York, UTC-5 in November): orders created 23:00 local wait 9 h for the morning
    // shift; orders created 14:00 local are packed within the hour. All hours together, p80 is 9 h.
    const l = new CutoffLearner(rules, { 'DC-EAST': 'America/New_York' });
    for (let i = 0; i < 25; i++) {
      const d = 1 + Math.floor(i / 5);
      const late = Date.UTC(2026, 10, 20 - d, 4, (i % 5) * 10); // 23:xx the evening before, local
      const mid = Date.UTC(2026, 10, 20 - d, 19, (i % 5) * 10); // 14:xx local
      l.learn({ warehouse_id: 'DC-EAST', created_at: late, allocated_at: late + 5 * MIN, picked_at: late + 8.5 * 60 * MIN, packed_at: late + 9 * 60 * MIN });
      l.learn({ warehouse_id: 'DC-EAST', created_at: mid, allocated_at: mid + 5 * MIN, picked_at: mid + 30 * MIN, packed_at: mid + 60 * MIN });
    }
    const at = Date.UTC(2026, 10, 20, 19, 0); // 14:00 local today
    const o = (createdAt: number) => ({ order_id: 'O', warehouse_id: 'DC-EAST', stage: 'created' as const, stage_at: createdAt, ship_by: createdAt + 120 * MIN, carrier: 'UPS' });
    expect(l.needed('DC-EAST', 'created', at, at)).toMatchObject({ ms: 60 * MIN, learned: true, samples: 25, hour: 14 });
    expect(cutoffRisk(o(at), at, l, rules)).toBeNull();
    const night = Date.UTC(2026, 10, 21, 4); // 23:00 local
    const risk = cutoffRisk(o(night), night, l, rules);
    expect(risk?.detail).toContain('created usually needs 540 min to be packed (p80 of 25 recent orders created around 23:00)');
    // An hour with too little history falls back to all hours together (p80 of 50 = 9 h).
    expect(l.needed('DC-EAST', 'created', at, Date.UTC(2026, 10, 20, 15))).toMatchObject({ ms: 540 * MIN, samples: 50 });
    expect(l.needed('DC-EAST', 'created', at, Date.UTC(2026, 10, 20, 15)).hour).toBeUndefined();
  });

  it('forgets samples older than the window', () => {
    const l = new CutoffLearner({ ...rules, cutoffWindowMs: 60 * MIN });
    for (let i = 0; i < 30; i++) l.learn({ warehouse_id: 'W', packed_at: now - 2 * 3_600_000, created_at: 0, allocated_at: 0, picked_at: now - 2 * 3_600_000 - 5 * MIN });
    expect(l.needed('W', 'picked', now)).toMatchObject({ learned: false, ms: 25 * MIN });
  });
});

describe('exception SLA breach', () => {
  const x = { exception_id: 'short_pick:O:e', category: 'short_pick' as const, warehouse_id: 'W', opened_at: now - 120 * MIN, detail: 'Short pick' };
  it('fires once the SLA (120 min) has passed, not a minute before', () => {
    expect(slaBreach({ ...x, opened_at: now - 119 * MIN }, now, DEFAULT_SLA_MINUTES)).toBeNull();
    expect(slaBreach({ ...x, opened_at: now - 121 * MIN }, now, DEFAULT_SLA_MINUTES)).toMatchObject({ severity: 'warning', category: 'short_pick' });
    expect(slaBreach({ ...x, opened_at: now - 241 * MIN }, now, DEFAULT_SLA_MINUTES)).toMatchObject({ severity: 'critical' });
  });
});

describe('inventory accuracy drop', () => {
  it('fires below 97% over the last counts, not at 97%', () => {
    expect(accuracyDrop('W', 100, 97, rules)).toBeNull();
    expect(accuracyDrop('W', 100, 96, rules)).toMatchObject({ type: 'inventory_accuracy_drop', entity: { kind: 'location', id: 'W' } });
  });
});

describe('return reason spike', () => {
  const base = { category: 'apparel', reason: 'too_small', dayTotal: 40, base: 30, baseTotal: 300 }; // baseline 10%
  it('fires when the 24 h share is well above the 7-day one', () => {
    expect(reasonSpike({ ...base, day: 12 }, rules)).toMatchObject({ type: 'return_reason_spike', entity: { id: 'apparel:too_small' } }); // 30%
  });
  it('stays quiet on a near miss: share not twice the baseline, or too few returns to judge', () => {
    expect(reasonSpike({ ...base, day: 7 }, rules)).toBeNull(); // 17.5% < 2 × 10%
    expect(reasonSpike({ ...base, day: 6, dayTotal: 10 }, rules)).toBeNull(); // 60% but only 10 returns in 24 h
    expect(reasonSpike({ ...base, day: 4, dayTotal: 20 }, rules)).toBeNull(); // 20% but only 4 of that reason
  });
});
