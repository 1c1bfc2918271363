import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { scopeFor } from '@/lib/auth/scope';
import type { OpsEvent } from '@/lib/events';
import { getInventoryView } from '@/lib/queries/getInventoryView';
import { getDimensions } from '@/lib/queries/getDimensions';
import { TEST_TOKENS, type Embedded } from '@/test/embedded';
import { waitFor } from '@/test/processes';
import { bearer, startScenarioRuntime } from '@/test/runtime';
import { WINDOW } from '@/test/scenario';
import * as exceptions from './exceptions/route';
import * as kpis from './kpis/route';
import * as order from './orders/[order_id]/route';
import * as orders from './orders/route';
import * as reasons from './returns/reasons/route';

/**
 * The access matrix's READ dimension across warehouses: a warehouse manager of DC-WEST (token
 * `west`) reads only DC-WEST. In the scenario DC-EAST has O1, O3, O4 and DC-WEST has O2, O5.
 * A single record elsewhere is a 404 (its existence is not revealed); a list filtered to another
 * warehouse is empty; an unfiltered list is clamped to the manager's warehouses.
 */
let stack: Embedded;
beforeAll(async () => {
  stack = await startScenarioRuntime({ live: true });
});
afterAll(async () => stack?.stop());

const url = (p: string) => `http://test${p}`;
const west = bearer(TEST_TOKENS.west);
const admin = bearer(TEST_TOKENS.admin);
const range = `from=${WINDOW.from.toISOString()}&to=${WINDOW.to.toISOString()}`;
const getJson = async (
  h: { GET: (r: Request) => Promise<Response> },
  path: string,
  headers: Record<string, string>,
) => {
  const res = await h.GET(new Request(url(path), { headers }));
  return { status: res.status, body: await res.json() };
};
const orderAs = async (id: string, headers: Record<string, string>) =>
  (await order.GET(new Request(url(`/api/orders/${id}`), { headers }), { params: Promise.resolve({ order_id: id }) }))
    .status;

describe('a DC-WEST warehouse manager reads only DC-WEST', () => {
  it('an order at another warehouse is a 404, like an unknown one; its own is a 200', async () => {
    expect([
      await orderAs('O1', west),
      await orderAs('O2', west),
      await orderAs('O1', admin),
      await orderAs('NOPE', west),
    ]).toEqual([404, 200, 200, 404]);
    const body = await (
      await order.GET(new Request(url('/api/orders/O1'), { headers: west }), {
        params: Promise.resolve({ order_id: 'O1' }),
      })
    ).json();
    expect(body).toMatchObject({ error: { code: 'not_found' } });
    expect(JSON.stringify(body)).not.toContain('DC-EAST');
  });

  it('order search finds its own orders only, by id, customer ref or tracking id', async () => {
    const search = async (q: string, h = west) =>
      (await getJson(orders, `/api/orders?q=${q}`, h)).body.orders.map((o: { order_id: string }) => o.order_id);
    expect([
      await search('O1'),
      await search('cust-O1'),
      await search('T-O1'),
      await search('O2'),
      await search('cust-O5'),
    ]).toEqual([[], [], [], ['O2'], ['O5']]);
    expect(await search('T-O1', admin)).toEqual(['O1']);
  });

  it('exceptions: unfiltered lists are clamped to its warehouses; another warehouse is an empty list', async () => {
    const list = async (q: string, h = west) =>
      (await getJson(exceptions, `/api/exceptions?${q}`, h)).body.exceptions as {
        warehouse_id: string | null;
        entity: { id: string };
      }[];
    const open = await list('status=open');
    expect(open.map((x) => [x.entity.id, x.warehouse_id])).toEqual([['O5', 'DC-WEST']]);
    expect(await list('status=open&warehouse=DC-EAST')).toEqual([]);
    expect((await list('status=all')).every((x) => x.warehouse_id === 'DC-WEST')).toBe(true);
    expect((await list('status=open&warehouse=DC-EAST', admin)).length).toBeGreaterThan(0);
  });

  it('support reads its own exception categories only (carrier and refund), whatever it asks for', async () => {
    const support = bearer(TEST_TOKENS.support);
    const all = (await getJson(exceptions, '/api/exceptions?status=all', support)).body.exceptions as {
      category: string;
    }[];
    expect(all.every((x) => ['carrier_exception', 'refund_overdue'].includes(x.category))).toBe(true);
    const other = await getJson(exceptions, '/api/exceptions?status=all&category=short_pick', support);
    expect(other.body.exceptions).toEqual([]);
    const adminAll = (await getJson(exceptions, '/api/exceptions?status=all', admin)).body.exceptions as {
      category: string;
    }[];
    expect(adminAll.some((x) => x.category === 'short_pick')).toBe(true);
  });

  it('KPIs: its own warehouses without a filter, nothing for another warehouse', async () => {
    const as = async (q: string, h: Record<string, string>) => {
      const { window: _w, freshness: _f, ...figures } = (await getJson(kpis, `/api/kpis?${range}${q}`, h)).body;
      return figures;
    };
    expect(await as('', west)).toEqual(await as('&warehouse=DC-WEST', admin));
    const other = await as('&warehouse=DC-EAST', west);
    expect(other.fulfilment).toMatchObject({ created: 0, shipped: 0 });
    expect(other.inventory_accuracy.counts).toBe(0);
    expect(other.channel_margin).toEqual([]);
    expect(other.exception_queues.open).toBe(0);
    expect(other.returns.returns).toBe(0);
    expect(other.returns.held_inventory.every((h: { units: number }) => h.units === 0)).toBe(true);
    // DC-EAST's own figures are not empty: the clamp is what emptied them.
    expect((await as('&warehouse=DC-EAST', admin)).fulfilment.created).toBeGreaterThan(0);
  });

  it('returns by warehouse, inventory and filter choices show its warehouses only', async () => {
    const rows = async (q: string, h = west) =>
      (await getJson(reasons, `/api/returns/reasons?${range}&${q}`, h)).body.rows as { key: string }[];
    expect((await rows('group_by=warehouse', admin)).map((r) => r.key).sort()).toEqual(['DC-EAST', 'DC-WEST']);
    expect((await rows('group_by=warehouse')).map((r) => r.key)).toEqual(['DC-WEST']);
    expect(await rows('group_by=reason&warehouse=DC-EAST')).toEqual([]);
    const manager = {
      kind: 'token' as const,
      name: 'west',
      role: 'warehouse_manager' as const,
      warehouses: ['DC-WEST'],
    };
    const inv = await getInventoryView(
      stack.store.reader,
      { ...WINDOW, scope: scopeFor(manager) },
      { units: 0, pct: 0 },
    );
    expect(new Set([...inv.accuracy, ...inv.variances, ...inv.stock].map((r) => r.location))).toEqual(
      new Set(['DC-WEST']),
    );
    expect((await getDimensions(stack.store.reader, scopeFor(manager), WINDOW.to)).warehouses).toEqual(['DC-WEST']);
  });

  it('socket pushes: kpi:update carries no figures; exception:update reaches only that warehouse’s managers', async () => {
    const connect = (token: string) =>
      new Promise<Socket>((resolve, reject) => {
        const s = io(stack.url, {
          path: '/socket.io',
          transports: ['websocket'],
          auth: { token },
          reconnection: false,
          forceNew: true,
        });
        s.once('hello', () => resolve(s));
        s.once('connect_error', reject);
      });
    const [w, e] = await Promise.all([connect(TEST_TOKENS.west), connect(TEST_TOKENS.east)]);
    const got = { west: [] as string[], east: [] as string[], kpi: [] as unknown[] };
    w.on('exception:update', (x: { entity: { id: string } }) => got.west.push(x.entity.id));
    e.on('exception:update', (x: { entity: { id: string } }) => got.east.push(x.entity.id));
    w.on('kpi:update', (u: unknown) => got.kpi.push(u));
    const now = new Date().toISOString();
    // A short pick at DC-EAST and one at DC-WEST, both opening exceptions now.
    const ev = (id: string, type: string, data: Record<string, unknown>): OpsEvent =>
      ({
        event_id: `scope-${id}-${type}`,
        type,
        occurred_at: now,
        source: 'test',
        schema_version: 1,
        data,
      }) as OpsEvent;
    const orderAt = (id: string, wh: string) => [
      ev(id, 'order.created', {
        order_id: id,
        channel: 'web',
        customer_ref: 'c',
        ship_by: new Date(Date.now() + 86_400_000).toISOString(),
        lines: [{ sku: 'A', qty: 1, unit_price: 1, unit_cost: 1 }],
        shipping_charged: 0,
        fees: 0,
      }),
      ev(id, 'order.allocated', { order_id: id, warehouse_id: wh, lines: [{ sku: 'A', qty: 1 }] }),
      ev(id, 'order.short_picked', { order_id: id, sku: 'A', qty_short: 1 }),
    ];
    await stack.post([...orderAt('SCOPE-E', 'DC-EAST'), ...orderAt('SCOPE-W', 'DC-WEST')]);
    await stack.settled();
    await waitFor('both pushes', async () => got.west.length > 0 && got.east.length > 0 && got.kpi.length > 0, 20_000);
    w.close();
    e.close();
    expect([got.west, got.east]).toEqual([['SCOPE-W'], ['SCOPE-E']]);
    expect(got.kpi[0]).toMatchObject({ history: null });
    expect(Object.keys(got.kpi[0] as object).sort()).toEqual(['at', 'freshness', 'history']);
  });
});
