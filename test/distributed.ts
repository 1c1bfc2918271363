import { inject } from 'vitest';
import { KafkaBus } from '@/lib/bus/kafka';
import { FAMILIES, type OpsEvent } from '@/lib/events';
import { publishEvents } from '@/lib/ingest/publish';
import { createLogger } from '@/lib/log';
import { Simulator } from '@/lib/simulator/simulator';
import { openStore, queryRows, type StoreHandle } from '@/lib/store/client';
import { startClickHouse, startProcessorService, tempDir, waitFor } from './processes';

let seq = 0;

/**
 * A distributed stack for one test: real Kafka (topics under a fresh prefix), a ClickHouse
 * endpoint with its own data, and `npm run processor` replicas started on demand.
 */
export async function distributedStack() {
  const brokers = inject('kafkaBrokers');
  const prefix = `t${process.pid}-${Date.now().toString(36)}-${++seq}.`;
  const clickhouse = await startClickHouse(tempDir('ops-ch-'));
  const store: StoreHandle = await openStore({ clickhouse: { url: clickhouse.url }, dataDir: '' });
  const bus = await KafkaBus.connect(
    { brokers: [brokers], clientId: 'test-publisher', partitions: 6, topicPrefix: prefix },
    createLogger('error', 'test'),
  );
  const env = {
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_GROUP_ID: `${prefix}processor`,
    KAFKA_PARTITIONS: '6',
    CLICKHOUSE_URL: clickhouse.url,
  };
  const processors: Awaited<ReturnType<typeof startProcessorService>>[] = [];
  const stack = {
    brokers,
    prefix,
    bus,
    store,
    clickhouse,
    env,
    startProcessor: async () => {
      const p = await startProcessorService(env);
      processors.push(p);
      return p;
    },
    publish: (events: OpsEvent[]) =>
      publishEvents(
        bus,
        events.map((event) => ({ event })),
      ),
    rows: <T>(sql: string, params: Record<string, unknown> = {}) => queryRows<T>(store.client, sql, params),
    /** Rows per family and distinct event ids: equal when nothing was counted twice. */
    totals: async () => {
      const parts = FAMILIES.map(
        (f) =>
          `SELECT count() AS n, uniqExact(event_id) AS u FROM ${f === 'orders' ? 'order' : f === 'returns' ? 'return' : f}_events`,
      );
      const rows = await queryRows<{ n: number; u: number }>(store.client, parts.join(' UNION ALL '));
      return { rows: rows.reduce((s, r) => s + Number(r.n), 0), distinct: rows.reduce((s, r) => s + Number(r.u), 0) };
    },
    /**
     * Waits until `expected` events are derived, not just stored: raw rows are appended before a
     * batch's derivation, which a busy machine can make slow; freshness is written after it.
     */
    waitForDerived: (expected: number, timeoutMs = 90_000) =>
      waitFor(
        `${expected} events derived`,
        async () => {
          const [{ n }] = await queryRows<{ n: number }>(store.client, 'SELECT sum(events) AS n FROM freshness');
          return Number(n) >= expected ? Number(n) : undefined;
        },
        timeoutMs,
        250,
      ),
    waitForRows: (expected: number, timeoutMs = 90_000) =>
      waitFor(
        `${expected} rows`,
        async () => {
          const t = await stack.totals();
          return t.rows >= expected ? t : undefined;
        },
        timeoutMs,
        500,
      ),
    close: async () => {
      await Promise.all(processors.map((p) => p.stop().catch(() => undefined)));
      await bus.close();
      await store.close();
      await stack.clickhouse.stop();
    },
  };
  return stack;
}

/**
 * Exactly `n` simulated events (valid, unique ids, in time order) for load in tests. The history
 * ends at a fixed instant, so the count and the mix do not depend on the hour the suite runs at
 * (the simulator's traffic follows the weekday and hour).
 */
export async function simulatedEvents(n: number, seed: number): Promise<OpsEvent[]> {
  const events: OpsEvent[] = [];
  const now = Date.UTC(2026, 10, 18, 15);
  for (let depth = n * 4; events.length < n; depth *= 2) {
    events.length = 0;
    const sim = new Simulator({
      seed,
      rate: 50,
      backfillDays: 4,
      backfillEvents: depth,
      scenario: '',
      now: () => now,
      publish: async (e) => void events.push(...e),
    });
    await sim.backfill();
  }
  return events.slice(0, n);
}
