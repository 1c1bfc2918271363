import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryBus } from '@/lib/bus/memory';
import { EVENT_TOPICS } from '@/lib/events';
import { createLogger } from '@/lib/log';
import { createMetrics } from '@/lib/metrics';
import { openStore, queryRows, type StoreHandle } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { StreamProcessor } from '@/stream-processor/processor';
import { createDeriver } from '@/stream-processor/derive';
import { ingestItems } from '@/lib/ingest/accept';
import { parseEventsBody } from '@/lib/ingest/parse';

/** A real embedded stack (chDB + in-process bus + processor) in the test's own process. */
export async function startEmbedded(opts: { dir?: string; tolerance?: { units: number; pct: number } } = {}) {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ops-test-'));
  const store: StoreHandle = await openStore({ clickhouse: null, dataDir: dir });
  await migrate(store.client);
  const bus = new MemoryBus({ maxBatch: 5000, batchWaitMs: 5 });
  const metrics = createMetrics();
  const log = createLogger('silent', 'test');
  const processor = new StreamProcessor({ store: store.client, metrics, log, derive: createDeriver(opts.tolerance ?? { units: 0, pct: 0 }) });
  const sub = await bus.subscribe({ groupId: 'p', topics: EVENT_TOPICS, onBatch: (b) => processor.handle(b) });
  const rt = { bus, store, metrics };
  return {
    dir,
    store,
    bus,
    processor,
    metrics,
    /** POST /api/events, minus HTTP. */
    post: (body: unknown, contentType = 'application/json') =>
      ingestItems(rt, parseEventsBody(typeof body === 'string' ? body : JSON.stringify(body), contentType)),
    rows: <T = Record<string, unknown>>(sql: string, params: Record<string, unknown> = {}) => queryRows<T>(store.reader, sql, params),
    stop: async () => {
      await sub.stop();
      await store.close();
    },
  };
}
export type Embedded = Awaited<ReturnType<typeof startEmbedded>>;
