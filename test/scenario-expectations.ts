import { expect } from 'vitest';
import { DEFAULT_SLA_MINUTES } from '@/lib/config';
import { getKpis } from '@/lib/kpis';
import { getKpiSeries } from '@/lib/queries/getKpiSeries';
import { getRefundCycleTime } from '@/lib/queries/getRefundCycleTime';
import { getReturnReasons } from '@/lib/queries/getReturnReasons';
import { getReturnsSummary } from '@/lib/queries/getReturnsSummary';
import type { Store } from '@/lib/store/client';
import { NOW, only, WINDOW } from './scenario';

const opts = { tolerance: { units: 0, pct: 0 }, slaMinutes: DEFAULT_SLA_MINUTES, now: NOW };

/** Every KPI of the scenario against numbers computed by hand (test/scenario.ts explains each). */
export async function expectScenarioKpis(store: Store) {
  const k = await getKpis(store, WINDOW, opts);

  // Created O1 O2 O3 O5 (O4 the day before); shipped O1 O2 O4; cancelled O3; on time O1 O4 = 2/3.
  expect(k.fulfilment).toEqual({ created: 4, shipped: 3, cancelled: 1, shipped_on_time: 2, on_time_ship_pct: 66.67 });

  // web: revenue 235+50, COGS 90+20, shipping 7+6, fees 3+2; labels R2 5 + R3 5; refunds R2 30 +
  // R3 (50-5); nothing restocked. margin = 285-110-13-5-10-75+0 = 72, 72/285 = 25.26%.
  // amazon: O4 48, 20, 5, 7.2; label R1 6; refund R1 48; R1 restocked 1×20. margin = -18.2, -37.92%.
  expect(k.channel_margin).toEqual([
    {
      channel: 'amazon',
      orders: 1,
      revenue: 48,
      cogs: 20,
      shipping_cost: 5,
      fees: 7.2,
      return_shipping: 6,
      refunds: 48,
      cogs_recovered: 20,
      margin: -18.2,
      margin_pct: -37.92,
    },
    {
      channel: 'web',
      orders: 2,
      revenue: 285,
      cogs: 110,
      shipping_cost: 13,
      fees: 5,
      return_shipping: 10,
      refunds: 75,
      cogs_recovered: 0,
      margin: 72,
      margin_pct: 25.26,
    },
  ]);

  // Refunds R1 14:00, R2 18:00, R3 23:00; R2 before receipt. Received→refund: R1 6 h, R3 3 h (p50
  // 4.5, p90 3+0.9×3 = 5.7). Requested→refund: 12, 1, 5 h → sorted 1,5,12: p50 5, p90 5+0.8×7 = 10.6,
  // avg 6. Stages over R1, R3: requested→received 6, 2; received→inspected 2, 2; inspected→refunded 4, 1.
  expect(k.refund_cycle_time).toEqual({
    refunds: 3,
    refunded_before_receipt: 1,
    received_to_refund_hours: { p50: 4.5, p90: 5.7, avg: 4.5, n: 2 },
    requested_to_refund_hours: { p50: 5, p90: 10.6, avg: 6, n: 3 },
    stages: {
      requested_to_received_hours: { p50: 4, p90: 5.6, avg: 4, n: 2 },
      received_to_inspected_hours: { p50: 2, p90: 2, avg: 2, n: 2 },
      inspected_to_refunded_hours: { p50: 2.5, p90: 3.7, avg: 2.5, n: 2 },
    },
  });

  // Counts: A@E exact, B@E off 2, C@W exact, A@W off 5, D@W exact (no cost) → 3/5 = 60%.
  // Value: Σ|d|×cost = 2×10 + 5×20 = 120 over Σ expected×cost = 2000+500+80+2000 = 4580 → 97.38%.
  expect(k.inventory_accuracy).toMatchObject({
    counts: 5,
    accurate: 3,
    pct: 60,
    value_accuracy_pct: 97.38,
    by_location: [
      { location: 'DC-EAST', counts: 2, accurate: 1, pct: 50 },
      { location: 'DC-WEST', counts: 3, accurate: 2, pct: 66.67 },
    ],
  });

  // Opened: hold, short pick, 2 late shipments, mismatch (R3), variances B@E and A@W, carrier (O1) = 8.
  // Closed: hold 54 min, short pick 100, late O2 60, variance A@W 60 → 4, mean 68.5 min.
  // Open now: late O5 (22:00, 120 min, SLA 0 → breached), mismatch R3 (20:00, 240), carrier (18:30,
  // 330), variance B@E (05:10, 1130; SLA 24 h).
  const q = k.exception_queues;
  expect([q.open, q.breached, q.opened, q.resolved, q.mean_time_to_resolve_minutes]).toEqual([4, 1, 8, 4, 68.5]);
  // "vs previous period" compares what was open at each window's end: 4 now; none at the end of
  // the 19th; at noon on the 20th B@DC-EAST's variance and O2's short pick (O2's late shipment
  // opens at 12:00 itself, the window's open end).
  expect(q.open_at_end).toBe(4);
  const at = (to: string, from: string) => getKpis(store, { ...WINDOW, from: new Date(from), to: new Date(to) }, opts);
  expect((await at('2026-11-20T00:00:00Z', '2026-11-19T00:00:00Z')).exception_queues.open_at_end).toBe(0);
  // The record begins with O4's order at 22:00 on the 19th: a window ending then has no figure.
  expect((await at('2026-11-19T22:00:00Z', '2026-11-18T22:00:00Z')).exception_queues.open_at_end).toBeNull();
  expect((await at('2026-11-19T22:00:01Z', '2026-11-18T22:00:01Z')).exception_queues.open_at_end).toBe(0);
  expect((await at('2026-11-20T12:00:00Z', '2026-11-20T00:00:00Z')).exception_queues.open_at_end).toBe(2);
  const cat = Object.fromEntries(q.by_category.map((c) => [c.category, c]));
  expect(cat.late_shipment).toMatchObject({
    open: 1,
    breached: 1,
    oldest_age_minutes: 120,
    opened: 2,
    resolved: 1,
    mean_time_to_resolve_minutes: 60,
  });
  expect(cat.return_mismatch).toMatchObject({ open: 1, breached: 0, oldest_age_minutes: 240, opened: 1, resolved: 0 });
  expect(cat.carrier_exception).toMatchObject({ open: 1, breached: 0, oldest_age_minutes: 330, opened: 1 });
  expect(cat.order_hold).toMatchObject({ open: 0, opened: 1, resolved: 1, mean_time_to_resolve_minutes: 54 });
  expect(cat.short_pick).toMatchObject({ open: 0, opened: 1, resolved: 1, mean_time_to_resolve_minutes: 100 });
  expect(cat.inventory_variance).toMatchObject({
    open: 1,
    breached: 0,
    oldest_age_minutes: 1130,
    opened: 2,
    resolved: 1,
    mean_time_to_resolve_minutes: 60,
  });
  expect([cat.inspection_overdue.opened, cat.refund_overdue.opened]).toEqual([0, 0]);

  // Requested R1-R4: 4 returns, 1+1+2+1 = 5 units over 5+1+1 = 7 shipped → 71.43%.
  // Refunds 48 + 30 + 45 = 123. Inspected: R1 restock 1, R3 refurbish 1.
  // Held now: R2 received, not inspected (B, 1 × 10); R3 refurbished (A, 20); 3 A quarantined (60).
  expect(k.returns).toMatchObject({
    returns: 4,
    units_returned: 5,
    units_shipped: 7,
    return_rate_pct: 71.43,
    refunds: 123,
  });
  expect(k.returns.by_reason).toEqual([
    { reason: 'too_small', returns: 2, units: 2, share_pct: 50 },
    { reason: 'damaged_in_transit', returns: 1, units: 1, share_pct: 25 },
    { reason: 'too_large', returns: 1, units: 2, share_pct: 25 },
  ]);
  expect(k.returns.disposition_mix).toEqual(
    expect.arrayContaining([
      { disposition: 'restock', units: 1, share_pct: 50 },
      { disposition: 'refurbish', units: 1, share_pct: 50 },
    ]),
  );
  expect(k.returns.held_inventory).toEqual([
    { state: 'pending_inspection', units: 1, value: 10 },
    { state: 'quarantined', units: 3, value: 60 },
    { state: 'refurbish', units: 1, value: 20 },
  ]);

  // Filters: W2 (DC-WEST) created O2 O5, shipped O2 (late) → 0% on time.
  const west = await getKpis(store, { ...WINDOW, scope: only('DC-WEST') }, opts);
  expect(west.fulfilment).toEqual({ created: 2, shipped: 1, cancelled: 0, shipped_on_time: 0, on_time_ship_pct: 0 });
  // Open now at DC-EAST: B@DC-EAST's variance, R3's mismatch, and O1's carrier exception, which has
  // no warehouse of its own and takes its order's; DC-WEST has only O5's late shipment.
  const east = await getKpis(store, { ...WINDOW, scope: only('DC-EAST') }, opts);
  expect(
    east.exception_queues.by_category
      .filter((c) => c.open > 0)
      .map((c) => [c.category, c.open])
      .sort(),
  ).toEqual([
    ['carrier_exception', 1],
    ['inventory_variance', 1],
    ['return_mismatch', 1],
  ]);
  expect(west.exception_queues.by_category.filter((c) => c.open > 0).map((c) => [c.category, c.open])).toEqual([
    ['late_shipment', 1],
  ]);
  // Tolerance 2 units makes B@E's count accurate: 4/5.
  const tol = await getKpis(store, WINDOW, { ...opts, tolerance: { units: 2, pct: 0 } });
  expect([tol.inventory_accuracy.accurate, tol.inventory_accuracy.pct]).toEqual([4, 80]);

  // Category: apparel R1 R3 R4 (4 units of 6 shipped: O1 4 + O2 1 + O4 1), refunds 48 + 45;
  // home R2 (1 of 1), refund 30.
  const byCategory = await getReturnReasons(store, { ...WINDOW, group_by: 'category' });
  expect(byCategory.rows).toEqual([
    { key: 'apparel', returns: 3, units: 4, refunds: 93, share_pct: 75, return_rate_pct: 66.67 },
    { key: 'home', returns: 1, units: 1, refunds: 30, share_pct: 25, return_rate_pct: 100 },
  ]);
  const byChannel = await getReturnReasons(store, { ...WINDOW, group_by: 'channel' });
  expect(byChannel.rows).toEqual([
    { key: 'web', returns: 3, units: 4, refunds: 75, share_pct: 75, return_rate_pct: 66.67 },
    { key: 'amazon', returns: 1, units: 1, refunds: 48, share_pct: 25, return_rate_pct: 100 },
  ]);
  // Drill to SKU within apparel, reason too_small: R1 and R4 (both SKU A).
  const drill = await getReturnReasons(store, { ...WINDOW, group_by: 'sku', category: 'apparel', reason: 'too_small' });
  expect(drill.rows.map((r) => [r.key, r.returns, r.units])).toEqual([['A', 2, 2]]);
  expect(drill.trend.map((t) => [t.bucket, t.returns])).toEqual([
    ['2026-11-20T02:00:00.000Z', 1],
    ['2026-11-20T21:00:00.000Z', 1],
  ]);

  // The cards follow the drill. Apparel: R1 R3 R4, 4 units of the 6 apparel units shipped, refunds
  // R1 48 + R3 45; inspected R1 restock 1, R3 refurbish 1; receipt → refund R1 6 h, R3 3 h.
  const apparel = { ...WINDOW, category: 'apparel' };
  const apparelSummary = await getReturnsSummary(store, apparel);
  expect(apparelSummary).toMatchObject({
    returns: 3,
    units_returned: 4,
    units_shipped: 6,
    return_rate_pct: 66.67,
    refunds: 93,
  });
  expect(apparelSummary.disposition_mix.map((d) => [d.disposition, d.units])).toEqual([
    ['refurbish', 1],
    ['restock', 1],
  ]);
  expect((await getRefundCycleTime(store, apparel)).received_to_refund_hours).toMatchObject({ n: 2, p50: 4.5 });
  // Too small within apparel: R1 R4, 2 of the same 6 units (a shipment has no reason), refund R1 48.
  const tooSmall = { ...apparel, reason: 'too_small' };
  expect(await getReturnsSummary(store, tooSmall)).toMatchObject({
    returns: 2,
    units_returned: 2,
    units_shipped: 6,
    return_rate_pct: 33.33,
    refunds: 48,
  });
  expect((await getRefundCycleTime(store, tooSmall)).received_to_refund_hours).toMatchObject({ n: 1, p50: 6 });

  // The board's trend lines in four 6-hour buckets (00, 06, 12, 18 h).
  // Counts 05:00-05:30 (3 of 4 exact) | A@W 06:00 off. Created O1 O2 O3 | O5. Shipped O4 01:00 on
  // time | O2 13:00 late, O1 16:00 on time. Margin per bucket is the order side less labels and net
  // refunds dated in it: 00 h 48-20-5-7.2-6 = 9.8/48; 12 h (235-90-7-3)+(50-20-6-2)-48-5 = 104/285.
  // Refund p50 over refunds with a receipt: R1 6 h (14:00), R3 3 h (23:00). Exceptions opened:
  // variance B@E | hold, short pick, variance A@W | late O2 (12:00) | carrier, mismatch, late O5.
  const series = await getKpiSeries(store, WINDOW, 4, NOW);
  expect(series.map((p) => p.bucket)).toEqual(['00', '06', '12', '18'].map((h) => `2026-11-20T${h}:00:00.000Z`));
  expect(series.map((p) => p.accuracy_pct)).toEqual([75, 0, null, null]);
  expect(series.map((p) => p.created)).toEqual([0, 3, 0, 1]);
  expect(series.map((p) => p.shipped)).toEqual([1, 0, 2, 0]);
  expect(series.map((p) => p.on_time_ship_pct)).toEqual([100, null, 50, null]);
  expect(series.map((p) => p.margin_pct)).toEqual([20.4, null, 36.5, null]);
  expect(series.map((p) => p.refund_p50_hours)).toEqual([null, null, 6, 3]);
  expect(series.map((p) => p.exceptions_opened)).toEqual([1, 3, 1, 3]);
}
