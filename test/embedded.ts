import fs from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Server as SocketServer } from 'socket.io';
import type { LiveServer } from '@/lib/live/contract';
import { MEMORY_PARTITIONS, MemoryBus } from '@/lib/bus/memory';
import { loadConfig } from '@/lib/config';
import { ingestItems } from '@/lib/ingest/accept';
import { Admission } from '@/lib/ingest/admission';
import { Probes } from '@/lib/health';
import { parseEventsBody } from '@/lib/ingest/parse';
import { LiveHub } from '@/lib/live/hub';
import { createLogger } from '@/lib/log';
import { createMetrics } from '@/lib/metrics';
import type { Runtime } from '@/lib/runtime';
import { openStore, queryRows, type StoreHandle } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { startProcessor } from '@/stream-processor/service';

export const TEST_TOKENS = {
  admin: 'test-admin-token-0123456789',
  east: 'test-east-manager-token-01234',
  west: 'test-west-manager-token-01234',
  support: 'test-support-token-0123456789',
  planner: 'test-planner-token-0123456789',
  executive: 'test-executive-token-01234567',
  integration: 'test-integration-token-0123456',
};
const TOKENS = [
  `admin:admin:${TEST_TOKENS.admin}`,
  `east:warehouse_manager:${TEST_TOKENS.east}:DC-EAST`,
  `west:warehouse_manager:${TEST_TOKENS.west}:DC-WEST`,
  `support:support:${TEST_TOKENS.support}`,
  `planner:planner:${TEST_TOKENS.planner}`,
  `exec:executive:${TEST_TOKENS.executive}`,
  `upstream:integration:${TEST_TOKENS.integration}`,
].join(',');

/**
 * A real embedded stack (chDB, in-process bus, the processor with its rules, as `npm start` wires
 * them) in the test's own process; optionally the socket.io hub on a local port.
 */
export async function startEmbedded(opts: { dir?: string; env?: Record<string, string>; live?: boolean } = {}) {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ops-test-'));
  // Tests wait for each write to settle: an idle spell after it (OPS_BATCH_DUTY) would only add time.
  const config = loadConfig({
    OPS_DATA_DIR: dir,
    OPS_API_TOKENS: TOKENS,
    OPS_BATCH_WAIT_MS: '5',
    OPS_BATCH_DUTY: '1',
    ...opts.env,
  });
  const store: StoreHandle = await openStore({ clickhouse: null, dataDir: dir });
  await migrate(store.client);
  const bus = new MemoryBus({ maxBatch: 5000, batchWaitMs: config.batch.waitMs, partitions: MEMORY_PARTITIONS });
  const metrics = createMetrics();
  const log = createLogger((process.env.TEST_LOG as 'silent') ?? 'silent', 'test');
  const rt: Runtime = {
    config,
    store,
    bus,
    metrics,
    log,
    startedAt: Date.now(),
    admission: new Admission(config.limits.ingestMaxPending),
    probes: new Probes({ store, bus }),
    services: {},
  };
  await rt.probes.start();
  let http: HttpServer | undefined;
  let hub: LiveHub | undefined;
  let url = '';
  if (opts.live) {
    http = createServer();
    const io: LiveServer = new SocketServer(http, { path: '/socket.io', serveClient: false });
    hub = new LiveHub(io, rt, 200);
    await hub.start();
    await new Promise<void>((r) => http!.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  }
  const service = await startProcessor({ bus, store: store.client, config, metrics, log });
  rt.services.processor = service;
  return {
    dir,
    rt,
    store,
    bus,
    metrics,
    processor: service.processor,
    rules: service.rules,
    /** The leader's periodic open-exception compaction, now. */
    compact: () => service.compact(),
    drainRederive: () => service.drainRederive(),
    url,
    /** POST /api/events, minus HTTP. */
    post: async (body: unknown, contentType = 'application/json') =>
      ingestItems(rt, await parseEventsBody(typeof body === 'string' ? body : JSON.stringify(body), contentType)),
    /** Waits until the processor's post-insert hooks (alert rules, pushes) have run. */
    settled: () => service.processor.idle(),
    rows: <T = Record<string, unknown>>(sql: string, params: Record<string, unknown> = {}) =>
      queryRows<T>(store.reader, sql, params),
    stop: async () => {
      await service.stop();
      await hub?.close();
      rt.probes.stop();
      await new Promise((r) => (http ? http.close(r) : r(null)));
      await store.close();
    },
  };
}
export type Embedded = Awaited<ReturnType<typeof startEmbedded>>;
