import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, type Embedded } from '@/test/embedded';
import { get, health, post, publishRuntime } from '@/test/runtime';
import { EVENTS } from '@/test/scenario';
import { GET as kpis } from './kpis/route';
import { GET as orders } from './orders/route';
import { GET as order } from './orders/[order_id]/route';
import { GET as reasons } from './returns/reasons/route';
import { GET as exceptions } from './exceptions/route';
import { GET as deadLetters } from './dead-letters/route';
import { POST as ingest } from './events/route';
import { MARGIN_KEYS } from '@/lib/queries/getChannelMargin';

let stack: Embedded;
beforeAll(async () => {
  stack = await startEmbedded();
  publishRuntime(stack);
  await stack.post(EVENTS);
});
afterAll(async () => stack?.stop());

const W = 'from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z';

describe('HTTP API (SPEC section 6) on real chDB', () => {
  it('GET /api/kpis answers with the SPEC field names', async () => {
    const res = await kpis(get(`/api/kpis?${W}`));
    expect(res.status).toBe(200);
    const k = await res.json();
    expect(Object.keys(k)).toEqual(
      expect.arrayContaining([
        'window',
        'inventory_accuracy',
        'refund_cycle_time',
        'exception_queues',
        'channel_margin',
        'fulfilment',
        'freshness',
      ]),
    );
    expect(Object.keys(k.inventory_accuracy)).toEqual(
      expect.arrayContaining(['counts', 'accurate', 'pct', 'value_accuracy_pct', 'by_location']),
    );
    expect(Object.keys(k.refund_cycle_time)).toEqual(
      expect.arrayContaining([
        'refunds',
        'refunded_before_receipt',
        'received_to_refund_hours',
        'requested_to_refund_hours',
        'stages',
      ]),
    );
    expect(Object.keys(k.refund_cycle_time.stages)).toEqual([
      'requested_to_received_hours',
      'received_to_inspected_hours',
      'inspected_to_refunded_hours',
    ]);
    expect(Object.keys(k.exception_queues)).toEqual(
      expect.arrayContaining(['open', 'breached', 'opened', 'resolved', 'mean_time_to_resolve_minutes', 'by_category']),
    );
    expect(Object.keys(k.exception_queues.by_category[0])).toEqual(
      expect.arrayContaining(['category', 'open', 'breached', 'oldest_age_minutes']),
    );
    expect(Object.keys(k.channel_margin[0])).toEqual(
      expect.arrayContaining(['channel', 'orders', ...MARGIN_KEYS, 'margin_pct']),
    );
    expect(Object.keys(k.fulfilment)).toEqual(
      expect.arrayContaining(['created', 'shipped', 'cancelled', 'on_time_ship_pct']),
    );
    expect(Object.keys(k.freshness)).toEqual(expect.arrayContaining(['last_event_at', 'lag_ms']));
    expect(k.fulfilment.created).toBe(4);
    expect(k.window).toEqual({ from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' });
  });

  it.each([
    ['/api/kpis?from=yesterday', 'from'],
    ['/api/kpis?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z', 'from'],
    ['/api/kpis?channel=%27%3B%20DROP%20TABLE%20x', 'channel'],
    ['/api/kpis?tolerance_pct=250', 'tolerance_pct'],
  ])('GET %s → 400 naming %s', async (url, param) => {
    const res = await kpis(get(url));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.details.map((d: { param: string }) => d.param)).toContain(param);
  });

  it('GET /api/orders/{id}: 200 with a timeline, 404 when unknown', async () => {
    const res = await order(get('/api/orders/O2'), { params: Promise.resolve({ order_id: 'O2' }) });
    expect(res.status).toBe(200);
    const o = await res.json();
    expect(o).toMatchObject({ order_id: 'O2', status: 'shipped', warehouse_id: 'DC-WEST' });
    expect(o.timeline[0].type).toBe('order.created');
    const missing = await order(get('/api/orders/NOPE'), { params: Promise.resolve({ order_id: 'NOPE' }) });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });

  it('GET /api/orders?q= searches; q is required', async () => {
    expect(
      (await (await orders(get('/api/orders?q=T-O1'))).json()).orders.map((o: { order_id: string }) => o.order_id),
    ).toEqual(['O1']);
    // By return (RMA) id: the order it came from.
    const byRma = (await (await orders(get('/api/orders?q=R1'))).json()).orders;
    expect(byRma.map((o: { order_id: string; matched: string }) => [o.order_id, o.matched])).toEqual([
      ['O4', 'rma_id'],
    ]);
    expect((await orders(get('/api/orders'))).status).toBe(400);
  });

  it('GET /api/returns/reasons groups and filters; a bad group_by is a 400', async () => {
    const body = await (await reasons(get(`/api/returns/reasons?${W}&group_by=reason`))).json();
    expect(body.rows.map((r: { key: string }) => r.key)).toEqual(['too_small', 'damaged_in_transit', 'too_large']);
    expect(body.trend.length).toBeGreaterThan(0);
    expect((await reasons(get('/api/returns/reasons?group_by=color'))).status).toBe(400);
  });

  it('GET /api/exceptions filters by status and category', async () => {
    const body = await (await exceptions(get('/api/exceptions?status=closed&category=short_pick'))).json();
    expect(body.exceptions.map((x: { entity: { id: string } }) => x.entity.id)).toEqual(['O2']);
    expect((await exceptions(get('/api/exceptions?status=maybe'))).status).toBe(400);
  });

  it('POST /api/events and GET /api/dead-letters: a rejected event is listed with its reason and raw text', async () => {
    const bad = JSON.stringify({
      event_id: 'bad-1',
      type: 'order.created',
      occurred_at: '2026-11-20T00:00:00Z',
      source: 's',
      schema_version: 1,
      data: {},
    });
    const res = await ingest(post('/api/events', bad));
    expect(res.status).toBe(422);
    expect((await res.json()).rejected[0].errors.map((e: { path: string }) => e.path)).toContain('data.order_id');
    const malformed = await ingest(post('/api/events', '{"a": '));
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/line 1, column/);
    const list = await (await deadLetters(get('/api/dead-letters?since=2020-01-01T00:00:00Z'))).json();
    expect(list.dead_letters.find((d: { event_id: string }) => d.event_id === 'bad-1')).toMatchObject({
      stage: 'api',
      raw: bad,
    });
  });

  it('GET /api/health reports store and bus, answered by the HTTP server itself (nothing else is)', async () => {
    const res = await health('GET', '/api/health?probe=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.json()).toMatchObject({
      status: 'ok',
      store: { ok: true, kind: 'chdb' },
      bus: { ok: true, kind: 'memory' },
    });
    const head = await health('HEAD');
    expect([head.status, await head.text()]).toEqual([200, '']);
    expect((await health('POST')).status).toBe(404);
    expect((await health('GET', '/api/healthz')).status).toBe(404);
  });
});
