import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { Admission } from '@/lib/ingest/admission';
import { Probes } from '@/lib/health';
import { createMetrics } from '@/lib/metrics';
import type { Runtime } from '@/lib/runtime';
import { distributedStack } from '@/test/distributed';
import { waitFor } from '@/test/processes';
import { LiveHub } from './hub';

const TOKEN = 'hub-kafka-admin-token-0123456789';
let stack: Awaited<ReturnType<typeof distributedStack>>;
let hub: LiveHub;
let http: ReturnType<typeof createServer>;
let client: Socket;
const seen = new Map<string, number>();

beforeAll(async () => {
  stack = await distributedStack();
  await stack.startProcessor();
  const config = loadConfig({ ...stack.env, OPS_API_TOKENS: `t:admin:${TOKEN}` });
  const store = {
    kind: 'clickhouse' as const,
    client: stack.store.client,
    reader: stack.store.reader,
    close: async () => {},
  };
  const rt: Runtime = {
    config,
    store,
    bus: stack.bus,
    metrics: createMetrics(),
    log: createLogger('silent', 'test'),
    startedAt: Date.now(),
    admission: new Admission(config.limits.ingestMaxPending),
    probes: new Probes({ store, bus: stack.bus }),
    services: {},
  };
  http = createServer();
  hub = new LiveHub(new SocketServer(http, { path: '/socket.io', serveClient: false }), rt);
  await hub.start();
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token: TOKEN },
  });
  await new Promise((r) => client.once('hello', r));
  // Each order is its own collection (its own ship-by), so its own new alert: counted by the orders it lists.
  client.on('alert:new', (a: { data: { members?: { key: string }[] } }) => {
    for (const m of a.data.members ?? []) seen.set(m.key, (seen.get(m.key) ?? 0) + 1);
  });
}, 180_000);
afterAll(async () => {
  client?.close();
  await hub?.close();
  http?.close();
  await stack?.close();
});

const dueSoon = (orderId: string, i: number) => ({
  event_id: `hub-${orderId}`,
  type: 'order.created' as const,
  occurred_at: new Date().toISOString(),
  source: 'test',
  schema_version: 1,
  data: {
    order_id: orderId,
    channel: 'web',
    customer_ref: `c${i}`,
    ship_by: new Date(Math.floor(Date.now() / 1000) * 1000 + 5 * 60_000 + i * 1000).toISOString(),
    lines: [{ sku: 'A', qty: 1, unit_price: 10, unit_cost: 4 }],
    shipping_charged: 0,
    fees: 0,
    warehouse_id: 'DC-EAST',
    carrier: 'UPS',
  },
});

describe('live push in distributed mode: alerts travel on ops.alerts to the web replica', () => {
  it('every raised alert reaches the socket client, across all partitions of ops.alerts', async () => {
    // A first alert proves the hub's consumers have joined (they start at the newest offset).
    await waitFor(
      'the hub to receive a first alert',
      async () => {
        const id = `PROBE-${Date.now()}`;
        await stack.publish([dueSoon(id, 100 + seen.size)]);
        return (
          (await waitFor('probe', async () => seen.has(id) || undefined, 8_000, 100).catch(() => false)) || undefined
        );
      },
      60_000,
      0,
    );
    const ids = Array.from({ length: 30 }, (_, i) => `HUB-${Date.now().toString(36)}-${i}`);
    await stack.publish(ids.map(dueSoon));
    await waitFor('30 alerts', async () => ids.every((id) => seen.has(id)) || undefined, 60_000, 200).catch(
      () => undefined,
    );
    expect(ids.filter((id) => !seen.has(id))).toEqual([]);
    expect(ids.map((id) => seen.get(id))).toEqual(ids.map(() => 1));
  }, 150_000);
});
