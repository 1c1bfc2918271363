import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type Embedded } from '@/test/embedded';
import { EVENTS, NOW, only, shuffledWithDuplicates, WINDOW } from '@/test/scenario';
import { ALL_WAREHOUSES, scopeFor } from './auth/scope';
import type { Principal } from './auth/principal';

const ADMIN: Principal = { kind: 'token', name: 'admin', role: 'admin', warehouses: [] };
import { expectScenarioKpis } from '@/test/scenario-expectations';
import { getOrderDetail } from './orders';
import { DEFAULT_SLA_MINUTES } from './config';
import { searchOrders } from './queries/searchOrders';
import { listExceptions } from './queries/listExceptions';
import { explainShipped } from './queries/explainShipped';
import { explainCounts } from './queries/explainCounts';
import { explainRefunds } from './queries/explainRefunds';
import { explainMargin } from './queries/explainMargin';
import { getChannelMargin, MARGIN_KEYS } from './queries/getChannelMargin';
import { getRefundCycleTime } from './queries/getRefundCycleTime';
import { getExceptionQueues } from './queries/getExceptionQueues';
import { getFulfilment } from './queries/getFulfilment';
import { getInventoryAccuracy } from './queries/getInventoryAccuracy';

let stack: Embedded;
beforeAll(async () => {
  stack = await startEmbedded();
  // Shuffled, some events twice, in several requests: the results must not depend on any of it.
  const events = shuffledWithDuplicates();
  for (let i = 0; i < events.length; i += 9) expect((await stack.post(events.slice(i, i + 9))).rejected).toEqual([]);
});
afterAll(async () => stack?.stop());

describe('KPIs on chDB from a hand-computed scenario (shuffled, with duplicates)', () => {
  it('matches every figure', async () => {
    await expectScenarioKpis(stack.store.reader);
  });

  it('"explain this number": the records behind each explained tile (on-time ship rate, inventory accuracy, refund cycle time, open exceptions) agree with it exactly', async () => {
    const r = stack.store.reader;
    for (const w of [WINDOW, { ...WINDOW, channel: 'web' }, { ...WINDOW, scope: scopeFor(ADMIN, 'DC-WEST') }]) {
      const f = await getFulfilment(r, w);
      const shipped = await explainShipped(r, w);
      expect(shipped.length).toBe(f.shipped);
      expect(shipped.filter((o) => o.on_time).length).toBe(f.shipped_on_time);
      for (const tol of [
        { units: 0, pct: 0 },
        { units: 1, pct: 10 },
      ]) {
        const a = await getInventoryAccuracy(r, w, tol);
        const counts = await explainCounts(r, w, tol);
        expect(counts.length).toBe(a.counts);
        expect(counts.filter((c) => c.accurate).length).toBe(a.accurate);
      }
    }
    // Refund cycle time: the returns refunded in the window; the tile's p50 is their median
    // (exact, interpolated between closest ranks, as ClickHouse's quantileExactInclusive).
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const h = (s.length - 1) * 0.5;
      return s.length ? s[Math.floor(h)] + (h - Math.floor(h)) * ((s[Math.ceil(h)] ?? 0) - s[Math.floor(h)]) : null;
    };
    for (const w of [WINDOW, { ...WINDOW, channel: 'web' }]) {
      const k = await getRefundCycleTime(r, w);
      const list = await explainRefunds(r, w);
      expect(list.length).toBe(k.refunds);
      expect(list.filter((x) => x.refunded_before_receipt).length).toBe(k.refunded_before_receipt);
      const hours = list.flatMap((x) => (x.received_to_refund_hours === null ? [] : [x.received_to_refund_hours]));
      expect(hours.length).toBe(k.received_to_refund_hours.n);
      const m = median(hours);
      expect(m === null ? null : Math.round(m * 100) / 100).toBe(k.received_to_refund_hours.p50);
    }
    // Open exceptions: the open list is exactly the tile's count, overall and per warehouse.
    for (const scope of [ALL_WAREHOUSES, scopeFor(ADMIN, 'DC-EAST'), scopeFor(ADMIN, 'DC-WEST')]) {
      const q = await getExceptionQueues(r, { ...WINDOW, scope }, DEFAULT_SLA_MINUTES, NOW);
      const open = await listExceptions(r, { status: 'open', scope, limit: 100_000 }, DEFAULT_SLA_MINUTES, NOW);
      expect(open.length).toBe(q.open);
      expect(open.filter((x) => x.breached).length).toBe(q.breached);
    }
    // Channel margin: per channel, the orders' and returns' components sum to the tile's.
    for (const w of [WINDOW, { ...WINDOW, channel: 'web' }, { ...WINDOW, scope: scopeFor(ADMIN, 'DC-EAST') }]) {
      const kpi = await getChannelMargin(r, w);
      const list = await explainMargin(r, w);
      const keys = MARGIN_KEYS;
      const cents = (x: number) => Math.round(x * 100);
      const summed = [...new Set(list.map((x) => x.channel))].sort().map((channel) => {
        const mine = list.filter((x) => x.channel === channel);
        return { channel, ...Object.fromEntries(keys.map((k) => [k, cents(mine.reduce((t, x) => t + x[k], 0))])) };
      });
      expect(summed).toEqual(
        kpi.map((c) => ({ channel: c.channel, ...Object.fromEntries(keys.map((k) => [k, cents(c[k])])) })),
      );
      expect(list.filter((x) => x.kind === 'order').length).toBe(kpi.reduce((t, c) => t + c.orders, 0));
    }
    expect((await explainShipped(r, WINDOW)).length).toBeGreaterThan(0);
    expect((await explainCounts(r, WINDOW, { units: 0, pct: 0 })).length).toBeGreaterThan(0);
  });

  it('answers an order lookup: status, money, timeline in time order, returns with refund status, open exceptions', async () => {
    // Time-driven exceptions (inspection_overdue) depend on "now": pin it so the answer does not depend on the day the test runs.
    const o = await getOrderDetail(stack.store.reader, 'O1', DEFAULT_SLA_MINUTES, ALL_WAREHOUSES, NOW);
    expect(o).toMatchObject({
      order_id: 'O1',
      status: 'shipped',
      channel: 'web',
      warehouse_id: 'DC-EAST',
      carrier: 'UPS',
      tracking_id: 'T-O1',
      money: { revenue: 235, cogs: 90, shipping_cost: 7, fees: 3, shipping_charged: 5 },
    });
    const timeline = o!.timeline as { occurred_at: string; type: string }[];
    // Business-time order; ties (R2's refund and R3's request at 18:00, …) by event id.
    expect(timeline.map((e) => e.type)).toEqual([
      'order.created',
      'order.allocated',
      'order.picked',
      'order.packed',
      'order.shipped',
      'return.requested',
      'return.authorized',
      'return.refunded',
      'return.requested',
      'carrier.exception',
      'return.authorized',
      'return.received',
      'return.inspected',
      'return.received',
      'return.refunded',
    ]);
    expect(timeline.map((e) => e.occurred_at)).toEqual([...timeline.map((e) => e.occurred_at)].sort());
    expect(timeline.length).toBe(
      EVENTS.filter(
        (e) =>
          JSON.stringify(e.data).includes('"O1"') ||
          ['R2', 'R3'].includes(String((e.data as { rma_id?: string }).rma_id)),
      ).length,
    );
    const returns = o!.returns as { rma_id: string; refund: { status: string; amount: number | null } }[];
    expect(returns.map((r) => [r.rma_id, r.refund.status, r.refund.amount])).toEqual([
      ['R2', 'refunded', 30],
      ['R3', 'refunded', 50],
    ]);
    const exceptions = (o!.exceptions as { category: string }[]).map((x) => x.category).sort();
    expect(exceptions).toEqual(['carrier_exception', 'return_mismatch']);
    expect((await getOrderDetail(stack.store.reader, 'O4', DEFAULT_SLA_MINUTES, ALL_WAREHOUSES))!.status).toBe(
      'delivered',
    );
    expect(await getOrderDetail(stack.store.reader, 'NOPE', DEFAULT_SLA_MINUTES, ALL_WAREHOUSES)).toBeNull();
  });

  it('finds orders by id, customer ref, tracking id and id prefix', async () => {
    expect(
      (await searchOrders(stack.store.reader, 'cust-O2', ALL_WAREHOUSES)).map((o) => [o.order_id, o.matched]),
    ).toEqual([['O2', 'customer_ref']]);
    expect((await searchOrders(stack.store.reader, 'T-O4', ALL_WAREHOUSES)).map((o) => o.order_id)).toEqual(['O4']);
    expect((await searchOrders(stack.store.reader, 'O3', ALL_WAREHOUSES)).map((o) => [o.order_id, o.status])).toEqual([
      ['O3', 'cancelled'],
    ]);
    expect(await searchOrders(stack.store.reader, 'nothing-like-it', ALL_WAREHOUSES)).toEqual([]);
  });

  it('lists exceptions with SLA state, filtered by warehouse (a carrier exception takes its order’s)', async () => {
    const now = new Date('2026-11-21T00:00:00Z');
    const open = await listExceptions(
      stack.store.reader,
      { status: 'open', scope: ALL_WAREHOUSES },
      DEFAULT_SLA_MINUTES,
      now,
    );
    expect(open.map((x) => [x.category, x.entity.id, x.age_minutes, x.breached])).toEqual([
      ['inventory_variance', 'B@DC-EAST', 1130, false],
      ['carrier_exception', 'O1', 330, false],
      ['return_mismatch', 'R3', 240, false],
      ['late_shipment', 'O5', 120, true],
    ]);
    const east = await listExceptions(
      stack.store.reader,
      { status: 'open', scope: only('DC-EAST') },
      DEFAULT_SLA_MINUTES,
      now,
    );
    expect(east.map((x) => x.entity.id)).toEqual(['B@DC-EAST', 'O1', 'R3']);
    const closed = await listExceptions(
      stack.store.reader,
      { status: 'closed', category: 'order_hold', scope: ALL_WAREHOUSES },
      DEFAULT_SLA_MINUTES,
      now,
    );
    expect(closed.map((x) => [x.entity.id, x.close_reason, x.age_minutes])).toEqual([['O2', 'order.released', 54]]);
  });

  it('compacting the open-exception table drops closed versions and changes no figure', async () => {
    const count = async (final: string) =>
      Number((await stack.rows<{ n: number }>(`SELECT count() AS n FROM open_exceptions ${final}`))[0].n);
    const [stored, live] = [await count(''), await count('FINAL')];
    expect(stored, 'the scenario closes some exceptions').toBeGreaterThan(live);
    await stack.compact();
    expect(await count('')).toBe(live);
    await expectScenarioKpis(stack.store.reader);
  });
});
