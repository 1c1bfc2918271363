import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { Alert } from '@/lib/alerts/types';
import { performAction } from '@/lib/actions/perform';
import type { Principal } from '@/lib/auth/principal';
import type { OpsEvent } from '@/lib/events';
import { ingestItems } from '@/lib/ingest/accept';
import { REPLAY_HEADER } from '@/lib/ingest/publish';
import { TOPICS } from '@/lib/events';
import { parseEventsBody } from '@/lib/ingest/parse';
import { getPackedSamples } from '@/lib/queries/alertRuleReads';
import { listAlerts } from '@/lib/queries/listAlerts';
import { startEmbedded, TEST_TOKENS, type Embedded } from '@/test/embedded';
import { waitFor } from '@/test/processes';

let s: Embedded;
beforeAll(async () => {
  s = await startEmbedded({ live: true });
});
afterAll(async () => s?.stop());

const MIN = 60_000;
let n = 0;
const at = (offsetMin: number) => new Date(Date.now() + offsetMin * MIN).toISOString();
const ev = (type: string, offsetMin: number, data: Record<string, unknown>): OpsEvent =>
  ({ event_id: `al-${++n}`, type, occurred_at: at(offsetMin), source: 'test', schema_version: 1, data }) as OpsEvent;
const created = (id: string, offsetMin: number, shipByMin: number, warehouse = 'DC-EAST') =>
  ev('order.created', offsetMin, {
    order_id: id,
    channel: 'web',
    customer_ref: 'c',
    ship_by: at(shipByMin),
    lines: [{ sku: 'A', qty: 1, unit_price: 10, unit_cost: 4, category: 'apparel' }],
    shipping_charged: 0,
    fees: 0,
    warehouse_id: warehouse,
    carrier: 'UPS',
  });
const post = async (events: OpsEvent[]) => {
  expect((await s.post(events)).rejected).toEqual([]);
  await s.settled();
};
/** As a back-fill or an import marked `x-ops-replay: 1`: history. */
const replay = async (events: OpsEvent[]) => {
  expect(
    (await ingestItems(s.rt, await parseEventsBody(JSON.stringify(events), 'application/json'), { replay: true }))
      .rejected,
  ).toEqual([]);
  await s.settled();
};
const alert = async (id: string) => (await listAlerts(s.store.reader, { id, limit: 1 }))[0];
/** The open (or acknowledged) alert of `type` that lists `member` (an order, an exception, a parcel, a location). */
const withMember = async (type: Alert['type'], member: string) =>
  (await listAlerts(s.store.reader, { limit: 5000 })).find(
    (a) =>
      a.type === type &&
      a.status !== 'resolved' &&
      ((a.data.members as { key: string }[] | undefined) ?? []).some((m) => m.key === member),
  );
const admin: Principal = { kind: 'token', name: 'admin', role: 'admin', warehouses: [] };
const east: Principal = { kind: 'token', name: 'east', role: 'warehouse_manager', warehouses: ['DC-EAST'] };
const west: Principal = { kind: 'token', name: 'west', role: 'warehouse_manager', warehouses: ['DC-WEST'] };
const support: Principal = { kind: 'token', name: 'support', role: 'support', warehouses: [] };

describe('alert rules on real chDB', () => {
  it('cutoff risk: an order created 30 min before ship_by (created needs 120 by default) is at risk; 4 h is not; shipping takes it out at once', async () => {
    await post([created('CR-1', 0, 30), created('CR-2', 0, 240)]);
    const risk = await withMember('cutoff_risk', 'CR-1');
    expect(risk).toMatchObject({
      type: 'cutoff_risk',
      severity: 'critical',
      status: 'open',
      warehouse_id: 'DC-EAST',
      entity: { kind: 'collection' },
    });
    expect(risk!.title).toMatch(/^1 order at DC-EAST may miss the UPS collection at \d\d:\d\d EST$/);
    expect(await withMember('cutoff_risk', 'CR-2')).toBeUndefined();
    await post([ev('order.shipped', 1, { order_id: 'CR-1', carrier: 'UPS', tracking_id: 'T', shipping_cost: 5 })]);
    expect(await withMember('cutoff_risk', 'CR-1')).toBeUndefined();
    expect(await alert(risk!.alert_id)).toMatchObject({
      status: 'open',
      data: { count: 0 },
      title: expect.stringMatching(/^No orders at risk/),
    });
  });

  it('an order a carrier has scanned, or delivered, is never at cutoff risk, whatever order its events arrive in', async () => {
    // The delivery arrives before the order's own shipment: the order still looks open, but it has left.
    await post([
      ev('carrier.delivered', -1, { order_id: 'OOO-1', tracking_id: 'T-OOO' }),
      created('OOO-1', -5, 20),
      ev('carrier.picked_up', -2, { order_id: 'OOO-2', carrier: 'UPS', tracking_id: 'T-2' }),
      created('OOO-2', -5, 20),
    ]);
    await s.rules.sweep();
    expect(await withMember('cutoff_risk', 'OOO-1')).toBeUndefined();
    expect(await withMember('cutoff_risk', 'OOO-2')).toBeUndefined();
  });

  it('cutoff risk learns per warehouse: the same 60 minutes left alerts at the slow warehouse only', async () => {
    const history: OpsEvent[] = [];
    for (const [wh, pickToPack] of [
      ['DC-EU', 10],
      ['DC-WEST', 100],
    ] as const) {
      for (let i = 0; i < 25; i++) {
        const id = `H-${wh}-${i}`;
        const t0 = -600 - i * 5;
        history.push(
          created(id, t0, t0 + 600, wh),
          ev('order.allocated', t0 + 5, { order_id: id, warehouse_id: wh, lines: [{ sku: 'A', qty: 1 }] }),
          ev('order.picked', t0 + 20, { order_id: id }),
          ev('order.packed', t0 + 20 + pickToPack, { order_id: id }),
          ev('order.shipped', t0 + 30 + pickToPack, {
            order_id: id,
            carrier: 'UPS',
            tracking_id: `T-${id}`,
            shipping_cost: 5,
          }),
        );
      }
    }
    await post(history);
    const picked = (id: string, wh: string) => [
      created(id, -30, 60, wh),
      ev('order.allocated', -25, { order_id: id, warehouse_id: wh, lines: [{ sku: 'A', qty: 1 }] }),
      ev('order.picked', -5, { order_id: id }),
    ];
    await post([...picked('FAST-1', 'DC-EU'), ...picked('SLOW-1', 'DC-WEST')]);
    expect(await withMember('cutoff_risk', 'FAST-1')).toBeUndefined();
    const slow = await withMember('cutoff_risk', 'SLOW-1');
    expect(slow).toMatchObject({ severity: 'critical', warehouse_id: 'DC-WEST' });
    expect(slow!.detail).toContain('Slowest: order SLOW-1 (picked; p80 of 25 recent orders: 1 h 40 min)');
  });

  it('cutoff risk learns from orders packed and waiting for their collection: before the first collection of a day nothing has shipped', async () => {
    const history: OpsEvent[] = [];
    for (let i = 0; i < 25; i++) {
      const id = `PK-NORTH-${i}`;
      const t0 = -300 - i * 5;
      history.push(
        created(id, t0, 120, 'DC-NORTH'),
        ev('order.allocated', t0 + 5, { order_id: id, warehouse_id: 'DC-NORTH', lines: [{ sku: 'A', qty: 1 }] }),
        ev('order.picked', t0 + 20, { order_id: id }),
        ev('order.packed', t0 + 120, { order_id: id }), // picked → packed: 100 min; none shipped
      );
    }
    await post(history);
    // What a start learns from (the warm-up read) holds them too.
    const warm = await getPackedSamples(s.store.reader, { since: Date.now() - 86_400_000, perWarehouse: 5000 });
    expect(warm.filter((p) => p.warehouse_id === 'DC-NORTH')).toHaveLength(25);
    await post([
      created('NORTH-1', -30, 60, 'DC-NORTH'),
      ev('order.allocated', -25, { order_id: 'NORTH-1', warehouse_id: 'DC-NORTH', lines: [{ sku: 'A', qty: 1 }] }),
      ev('order.picked', -5, { order_id: 'NORTH-1' }),
    ]);
    const risk = await withMember('cutoff_risk', 'NORTH-1');
    expect(risk).toMatchObject({ severity: 'critical', warehouse_id: 'DC-NORTH' });
    expect(risk!.detail).toContain('Slowest: order NORTH-1 (picked; p80 of 25 recent orders: 1 h 40 min)');
  });

  it('history (marked replay, or old with more queued behind it) raises nothing and leaves nothing open; the present is judged at once', async () => {
    // A back-filled order at risk, and nothing else: no alert, and no sweep while history flows.
    await replay([created('RP-1', -10, 30)]);
    expect(await withMember('cutoff_risk', 'RP-1')).toBeUndefined();
    expect(await s.rules.sweep()).toEqual([]);
    // Old events with a backlog behind them are history too.
    const now = Date.now();
    expect(
      await s.rules.onApplied({
        touched: [{ family: 'orders', key: 'RP-1' }],
        replay: false,
        backlog: 500,
        lastEventAt: now - 3 * 86_400_000,
      }),
    ).toEqual([]);
    // The same order judged as the present (nothing behind it): raised at once.
    const changes = await s.rules.onApplied({
      touched: [{ family: 'orders', key: 'RP-1' }],
      replay: false,
      backlog: 0,
      lastEventAt: now,
    });
    expect(
      changes.map((c) => [c.kind, c.alert.type, (c.alert.data.members as { key: string }[]).map((m) => m.key)]),
    ).toEqual([['new', 'cutoff_risk', ['RP-1']]]);
    // Its shipment arriving as history still takes it out.
    await replay([ev('order.shipped', 1, { order_id: 'RP-1', carrier: 'UPS', tracking_id: 'T-RP', shipping_cost: 5 })]);
    expect(await withMember('cutoff_risk', 'RP-1')).toBeUndefined();
  });

  it('a batch that mixes the end of a back-fill with a live post: only the live order may raise; the history order joins nothing', async () => {
    // One publish, one batch: a back-filled order whose later events may still be queued, and a live one.
    const h = created('MIX-H', -10, 30);
    const l = created('MIX-L', -1, 30);
    await s.rt.bus.publish(TOPICS.orders, [
      { key: 'MIX-H', value: JSON.stringify(h), headers: { [REPLAY_HEADER]: '1' } },
      { key: 'MIX-L', value: JSON.stringify(l) },
    ]);
    await s.settled();
    const a = await withMember('cutoff_risk', 'MIX-L');
    expect(a).toBeDefined();
    expect((a!.data.members as { key: string }[]).map((m) => m.key)).not.toContain('MIX-H');
    expect(await withMember('cutoff_risk', 'MIX-H')).toBeUndefined();
    // History still flowing: no sweep judges everything meanwhile.
    expect(await s.rules.sweep()).toEqual([]);
  });

  it('a sweep running while history is written never judges it as the present', async () => {
    // The periodic sweep may read the store after a back-fill batch is written and before that
    // batch's own judgement marks it as history: it must not raise what it read there.
    for (let round = 0; round < 8; round++) {
      await post([created(`SW-LIVE-${round}`, 0, 600)]); // live: the sweep is free to run
      let sweeping = true;
      const sweeps = (async () => {
        // A sweep that waits for history answers without I/O: yield, or this loop starves the rest.
        while (sweeping) await Promise.all([s.rules.sweep(), new Promise((r) => setImmediate(r))]);
      })();
      const id = `SW-HIST-${round}`;
      await replay([created(id, -10, 30)]);
      sweeping = false;
      await sweeps;
      expect(await withMember('cutoff_risk', id), id).toBeUndefined();
    }
  });

  it('sweeps and batches judged at the same time never leave a shipped order in an alert', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `RACE-${i}`);
    await post(ids.map((id) => created(id, -5, 20)));
    await Promise.all(
      ids.map(async (id, i) => {
        await Promise.all([
          s.rules.sweep(),
          post([ev('order.shipped', 0, { order_id: id, carrier: 'UPS', tracking_id: `T-${id}`, shipping_cost: 1 })]),
          i % 2 ? s.rules.sweep() : null,
        ]);
      }),
    );
    await s.rules.sweep();
    for (const id of ids) expect(await withMember('cutoff_risk', id), id).toBeUndefined();
  });

  it('exception SLA breach: a short pick open 3 h (SLA 2 h) alerts; one open 1 h does not', async () => {
    await post([
      created('SP-1', -200, 600),
      ev('order.short_picked', -180, { order_id: 'SP-1', sku: 'A', qty_short: 1 }),
      created('SP-2', -70, 600),
      ev('order.short_picked', -60, { order_id: 'SP-2', sku: 'A', qty_short: 1 }),
    ]);
    const [sp1, sp2] = await s.rows<{ exception_id: string }>(
      "SELECT exception_id FROM open_exceptions FINAL WHERE category = 'short_pick' AND entity_id IN ('SP-1', 'SP-2') ORDER BY entity_id",
    );
    const breach = await withMember('exception_sla_breach', sp1.exception_id);
    expect(breach).toMatchObject({
      category: 'short_pick',
      entity: { kind: 'queue', id: 'short_pick@DC-EAST' },
      warehouse_id: 'DC-EAST',
    });
    expect(breach!.title).toMatch(/^\d+ short pick exceptions? at DC-EAST past their 2 h SLA$/);
    expect(await withMember('exception_sla_breach', sp2.exception_id)).toBeUndefined();
  });

  it('carrier exception: alerts support at once, one alert per carrier and warehouse; delivery takes the parcel out', async () => {
    await post([
      created('CX-1', -300, 600),
      ev('carrier.exception', -1, { order_id: 'CX-1', tracking_id: 'T', carrier: 'UPS', reason: 'lost' }),
      created('CX-2', -300, 600),
      ev('carrier.exception', -1, { order_id: 'CX-2', tracking_id: 'T2', carrier: 'UPS', reason: 'delay' }),
    ]);
    const a = await withMember('carrier_exception', 'CX-1');
    expect(a).toMatchObject({
      severity: 'critical',
      warehouse_id: 'DC-EAST',
      status: 'open',
      entity: { kind: 'carrier', id: 'UPS@DC-EAST' },
    });
    expect(await withMember('carrier_exception', 'CX-2')).toMatchObject({ alert_id: a!.alert_id });
    await post([ev('carrier.delivered', 0, { order_id: 'CX-1', tracking_id: 'T' })]);
    expect(await withMember('carrier_exception', 'CX-1')).toBeUndefined();
    expect(await withMember('carrier_exception', 'CX-2')).toMatchObject({ alert_id: a!.alert_id, severity: 'warning' });
  });

  it('inventory accuracy: 47 of the last 50 counts (94%) alerts; 49 of 50 (98%) does not', async () => {
    const counts = (loc: string, off: number) =>
      Array.from({ length: 50 }, (_, i) =>
        ev('inventory.counted', -100 + i, {
          sku: `K${i}`,
          location: loc,
          counted_qty: i < off ? 9 : 10,
          expected_qty: 10,
        }),
      );
    await post([...counts('LOC-BAD', 3), ...counts('LOC-OK', 1)]);
    expect(await alert('inventory_accuracy_drop:location:LOC-BAD')).toMatchObject({
      severity: 'warning',
      title: 'Count accuracy at LOC-BAD is 94%',
    });
    expect(await alert('inventory_accuracy_drop:location:LOC-OK')).toBeUndefined();
  });

  it('return reason spike: too_small at 50% of 24 h apparel returns vs 10% over the week before; 15% in home does not', async () => {
    const events: OpsEvent[] = [];
    const ret = (category: string, reason: string, offsetMin: number) => {
      const id = `RS-${++n}`;
      events.push(
        ev('order.created', offsetMin - 60, {
          order_id: id,
          channel: 'web',
          customer_ref: 'c',
          ship_by: at(offsetMin),
          lines: [{ sku: `S-${category}`, qty: 1, unit_price: 10, unit_cost: 4, category }],
          shipping_charged: 0,
          fees: 0,
        }),
        ev('return.requested', offsetMin, { rma_id: `R-${id}`, order_id: id, sku: `S-${category}`, qty: 1, reason }),
      );
    };
    for (let i = 0; i < 100; i++) ret('apparel', i < 10 ? 'too_small' : 'changed_mind', -2 * 1440 - i * 30);
    for (let i = 0; i < 30; i++) ret('apparel', i < 15 ? 'too_small' : 'changed_mind', -60 - i * 10);
    for (let i = 0; i < 100; i++) ret('home', i < 10 ? 'defective' : 'changed_mind', -2 * 1440 - i * 30);
    for (let i = 0; i < 40; i++) ret('home', i < 6 ? 'defective' : 'changed_mind', -60 - i * 10);
    await post(events);
    await s.rules.sweep({ slow: true });
    expect(await alert('return_reason_spike:return_reason:apparel:too_small')).toMatchObject({
      type: 'return_reason_spike',
      category: 'apparel',
    });
    expect(await alert('return_reason_spike:return_reason:home:defective')).toBeUndefined();
  });
});

describe('operator actions', () => {
  it('an action done twice writes once: one event, one audit row, the same answer', async () => {
    await post([created('AX-1', -10, 600)]);
    const a = { action_id: 'act-expedite-1', type: 'order.expedite', payload: { order_id: 'AX-1' } };
    const first = await performAction(s.rt, east, a);
    const second = await performAction(s.rt, east, a);
    await s.settled();
    expect(first).toMatchObject({
      status: 'done',
      code: 200,
      before: { service_level: '' },
      after: { service_level: 'express' },
    });
    expect(second).toEqual(first);
    expect(
      await s.rows("SELECT event_id FROM order_events WHERE order_id = 'AX-1' AND type = 'order.expedited'"),
    ).toEqual([{ event_id: 'act-act-expedite-1-0' }]);
    expect(await s.rows("SELECT result FROM audit_log WHERE action_id = 'act-expedite-1'")).toEqual([
      { result: 'done' },
    ]);
    const [o] = await s.rows<{ service_level: string; expedited_at: string }>(
      "SELECT service_level, expedited_at FROM orders_current FINAL WHERE order_id = 'AX-1'",
    );
    expect(o.service_level).toBe('express');
  });

  it('refuses (and audits) an action outside the role or the warehouse', async () => {
    await post([created('AX-2', -10, 600, 'DC-EAST')]);
    const wrongWarehouse = await performAction(s.rt, west, {
      action_id: 'act-wh',
      type: 'order.expedite',
      payload: { order_id: 'AX-2' },
    });
    expect(wrongWarehouse).toMatchObject({ status: 'refused', code: 403, message: expect.stringContaining('DC-EAST') });
    const wrongRole = await performAction(s.rt, support, {
      action_id: 'act-role',
      type: 'order.release_hold',
      payload: { order_id: 'AX-2' },
    });
    expect(wrongRole).toMatchObject({ status: 'refused', code: 403 });
    const audited = await s.rows<{ action_id: string; actor: string; result: string }>(
      "SELECT action_id, actor, result FROM audit_log WHERE action_id IN ('act-wh','act-role') ORDER BY action_id",
    );
    expect(audited).toEqual([
      { action_id: 'act-role', actor: 'support', result: 'refused' },
      { action_id: 'act-wh', actor: 'west', result: 'refused' },
    ]);
    expect(await s.rows("SELECT 1 FROM order_events WHERE order_id = 'AX-2' AND type = 'order.expedited'")).toEqual([]);
    expect((await performAction(s.rt, east, { action_id: 'bad', type: 'order.expedite', payload: {} })).code).toBe(400);
  });

  it('an action_id belongs to whoever sent it first: another principal reusing it gets a 409, not their result', async () => {
    await post([created('AX-IDEM', -10, 600, 'DC-EAST')]);
    const a = { action_id: 'shared-id-1', type: 'order.expedite', payload: { order_id: 'AX-IDEM' } };
    const first = await performAction(s.rt, east, a);
    expect(first).toMatchObject({ status: 'done' });
    expect(await performAction(s.rt, east, a)).toEqual(first);
    const planner: Principal = { kind: 'token', name: 'planner', role: 'planner', warehouses: [] };
    for (const other of [planner, admin]) {
      const r = await performAction(s.rt, other, a);
      expect(r).toMatchObject({ status: 'refused', code: 409 });
      expect(r).not.toHaveProperty('event_ids');
      expect(r).not.toHaveProperty('before');
    }
    // Two principals racing with one new id: one does it, the other is refused.
    const race = {
      action_id: 'shared-id-2',
      type: 'order.expedite',
      payload: { order_id: 'AX-IDEM', service_level: 'same_day' },
    };
    const both = await Promise.all([performAction(s.rt, east, race), performAction(s.rt, admin, race)]);
    expect(both.map((r) => r.code).sort()).toEqual([200, 409]);
    const audited = await s.rows<{ actor: string; result: string }>(
      "SELECT actor, result FROM audit_log WHERE action_id = 'shared-id-1' ORDER BY at, actor",
    );
    expect(
      audited
        .filter((x) => x.result === 'refused')
        .map((x) => x.actor)
        .sort(),
    ).toEqual(['admin', 'planner']);
  });

  it('release hold writes order.released: the hold exception closes, the timeline shows it', async () => {
    await post([created('AX-3', -30, 600), ev('order.held', -20, { order_id: 'AX-3', reason: 'payment' })]);
    expect(
      (
        await performAction(s.rt, admin, {
          action_id: 'act-release',
          type: 'order.release_hold',
          payload: { order_id: 'AX-3' },
        })
      ).status,
    ).toBe('done');
    await s.settled();
    const [x] = await s.rows<{ close_reason: string }>(
      "SELECT close_reason FROM exceptions FINAL WHERE entity_id = 'AX-3' AND category = 'order_hold'",
    );
    expect(x.close_reason).toBe('order.released');
    expect(
      (
        await performAction(s.rt, admin, {
          action_id: 'act-release-again',
          type: 'order.release_hold',
          payload: { order_id: 'AX-3' },
        })
      ).code,
    ).toBe(409);
  });

  it('resolving a short pick closes it and its SLA-breach alert', async () => {
    const [x] = await s.rows<{ exception_id: string }>(
      "SELECT exception_id FROM open_exceptions FINAL WHERE entity_id = 'SP-1' AND category = 'short_pick'",
    );
    const r = await performAction(s.rt, east, {
      action_id: 'act-resolve-sp',
      type: 'exception.resolve',
      payload: { exception_id: x.exception_id, note: 'restocked' },
    });
    expect(r.status).toBe('done');
    await s.settled();
    expect(await withMember('exception_sla_breach', x.exception_id)).toBeUndefined();
    const late = await s.rows<{ exception_id: string }>(
      "SELECT exception_id FROM open_exceptions FINAL WHERE category = 'late_shipment' AND opened_at <= now64() LIMIT 1",
    );
    if (late[0])
      expect(
        (
          await performAction(s.rt, admin, {
            action_id: 'act-late',
            type: 'exception.resolve',
            payload: { exception_id: late[0].exception_id, note: 'x' },
          })
        ).code,
      ).toBe(409);
  });
});

describe('live push over socket.io', () => {
  const connect = (token: string | null, since = 0): Socket =>
    io(s.url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: token ? { token, since } : {},
      reconnection: false,
      forceNew: true,
    });
  const next = (sock: Socket, event: string, match: (a: Alert) => boolean) =>
    new Promise<Alert>((resolve) => sock.on(event, (a: Alert) => match(a) && resolve(a)));

  it('refuses a connection without credentials', async () => {
    const sock = connect(null);
    const err = await new Promise<Error>((r) => sock.on('connect_error', r));
    expect(err.message).toBe('unauthorized');
    sock.close();
  });

  it('pushes an alert only to whom it concerns; acknowledgement is pushed as an update', async () => {
    const eastSock = connect(TEST_TOKENS.east);
    const westSock = connect(TEST_TOKENS.west);
    await Promise.all([eastSock, westSock].map((x) => new Promise((r) => x.on('hello', r))));
    let westGot = false;
    const lists = (id: string) => (a: Alert) => ((a.data.members as { key: string }[]) ?? []).some((m) => m.key === id);
    westSock.on('alert:new', (a: Alert) => lists('PUSH-1')(a) && (westGot = true));
    const got = next(eastSock, 'alert:new', lists('PUSH-1'));
    await post([created('PUSH-1', 0, 20, 'DC-EAST')]);
    const raised = await got;
    expect(raised).toMatchObject({ type: 'cutoff_risk', status: 'open', warehouse_id: 'DC-EAST' });
    const acked = next(eastSock, 'alert:update', (a) => a.alert_id === raised.alert_id && a.status === 'acknowledged');
    const res = await new Promise<{ status: string }>((r) =>
      eastSock.emit(
        'action',
        { action_id: 'ack-push-1', type: 'alert.acknowledge', payload: { alert_id: raised.alert_id } },
        r,
      ),
    );
    expect(res.status).toBe('done');
    expect(await acked).toMatchObject({ acknowledged_by: 'east' });
    expect(westGot).toBe(false);
    eastSock.close();
    westSock.close();
  });

  it('a client that drops and reconnects receives what it missed', async () => {
    const first = connect(TEST_TOKENS.east);
    const lists = (id: string) => (a: Alert) => ((a.data.members as { key: string }[]) ?? []).some((m) => m.key === id);
    const seen = await new Promise<Alert>((resolve) => {
      first.on('alert:new', (a: Alert) => lists('MISS-1')(a) && resolve(a));
      first.on('hello', () => void post([created('MISS-1', 0, 15, 'DC-EAST')]));
    });
    first.close();
    await post([created('MISS-2', 0, 16, 'DC-EAST')]); // raised while disconnected
    await waitFor('the alert to be stored', async () => (await withMember('cutoff_risk', 'MISS-2')) ?? undefined);
    const again = connect(TEST_TOKENS.east, seen.seq);
    const missed = await next(again, 'alert:update', lists('MISS-2'));
    expect(missed).toMatchObject({ type: 'cutoff_risk', status: 'open' });
    again.close();
  });
});
