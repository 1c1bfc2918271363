import { execFileSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBus } from '@/lib/bus/kafka';
import { EVENT_TOPICS, type OpsEvent } from '@/lib/events';
import { publishEvents } from '@/lib/ingest/publish';
import { createLogger } from '@/lib/log';
import { openStore, queryRows } from '@/lib/store/client';
import { startClickHouse, startProcessorService, tempDir, waitFor } from '@/test/processes';
import { chunks, freshCopy, histogramQuantile, parseHistogram, peakRssMb, publishLines } from './lib';
import { runWorker } from './run';

const log = createLogger('error', 'bench');

/**
 * Kafka → processor → ClickHouse, beside the ceiling of the same machine and run: a raw kafkajs
 * consumer reading the same messages and doing nothing with them, and the raw insert of the same
 * rows into the same ClickHouse endpoint.
 */
export async function kafkaPath(file: string, n: number, pace: number, paceSeconds: number) {
  const kdir = tempDir('bench-kafka-');
  const brokers = execFileSync('bash', ['scripts/kafka.sh', 'start', kdir], { encoding: 'utf8' }).trim();
  const prefix = `bench${Date.now().toString(36)}.`;
  const clickhouse = await startClickHouse(tempDir('bench-ch-'));
  try {
    const bus = await KafkaBus.connect(
      { brokers: [brokers], clientId: 'bench', partitions: 6, topicPrefix: prefix },
      log,
    );
    const t = performance.now();
    for await (const chunk of chunks(file, 20_000)) {
      await publishLines(bus, chunk);
    }
    const produceSeconds = (performance.now() - t) / 1000;

    // Ceiling 1: a consumer group that reads every message and does nothing else.
    const kafka = new Kafka({ clientId: 'bench-raw', brokers: [brokers], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({
      groupId: `${prefix}raw`,
      minBytes: 1,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 64 * 1024 * 1024,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: EVENT_TOPICS.map((x) => `${prefix}${x}`), fromBeginning: true });
    let consumed = 0;
    let first = 0;
    let last = 0;
    // Timed from the first batch delivered to the last, as the processor is (from its first consumed
    // message). An earlier version started the clock on GROUP_JOIN, which kafkajs may emit after the
    // first fetches have already run, and reported an impossible 115M messages/s.
    await consumer.run({
      partitionsConsumedConcurrently: 64,
      eachBatch: async ({ batch }) => {
        first ||= performance.now();
        consumed += batch.messages.length;
        last = performance.now();
      },
    });
    await waitFor('raw consume', async () => consumed >= n || undefined, 600_000, 50);
    await consumer.disconnect();
    const rawConsume = {
      messages: consumed,
      seconds: (last - first) / 1000,
      perSecond: consumed / ((last - first) / 1000),
    };

    // The processor as its own service, reading the same topics in its own group.
    const store = await openStore({ clickhouse: { url: clickhouse.url }, dataDir: '' });
    const applied = async () =>
      Number((await queryRows<{ n: number }>(store.client, 'SELECT sum(events) AS n FROM freshness'))[0]?.n ?? 0);
    const proc = await startProcessorService({
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_ID: `${prefix}processor`,
      CLICKHOUSE_URL: clickhouse.url,
      OPS_LOG_LEVEL: 'error',
      NODE_OPTIONS: process.env.BENCH_PROCESSOR_NODE_OPTIONS ?? '--max-old-space-size=512',
    });
    const pt0 = performance.now();
    // Timed from its first consumed message (just after its first fetch, so slightly in its favour).
    const started = await waitFor(
      'first consumed',
      async () => ((await proc.metric('ops_events_consumed_total')) > 0 ? performance.now() : undefined),
      120_000,
      10,
    );
    await waitFor('all rows', async () => (await applied()) >= n || undefined, 3_600_000, 250);
    const procSeconds = (performance.now() - started) / 1000;
    const processor = {
      events: n,
      seconds: procSeconds,
      perSecond: n / procSeconds,
      startupSeconds: (started - pt0) / 1000,
      peakRssMb: peakRssMb(proc.proc.pid),
    };
    console.log(
      `kafka processor: ${Math.round(processor.perSecond)} events/s over ${n} events, RSS ${processor.peakRssMb} MB`,
    );

    // Latency at a steady pace: Kafka CreateTime → row written, from the processor's histogram.
    const metricsUrl = async () => (await fetch(`http://127.0.0.1:${await proc.metricsPort()}/metrics`)).text();
    const before = parseHistogram(await metricsUrl(), 'ops_event_to_row_seconds');
    const sample: string[] = [];
    for await (const c of chunks(file, 50_000)) {
      sample.push(...c.map((l) => l.json));
      break;
    }
    const perTick = Math.max(1, Math.round(pace / 20));
    let i = 0;
    const until = Date.now() + paceSeconds * 1000;
    const sends: Promise<void>[] = [];
    while (Date.now() < until) {
      const t1 = Date.now();
      const batch: { event: OpsEvent }[] = [];
      for (let k = 0; k < perTick; k++, i++) batch.push({ event: freshCopy(sample[i % sample.length], `k${i}`) });
      sends.push(publishEvents(bus, batch));
      await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - t1))));
    }
    await Promise.all(sends);
    await waitFor('paced rows', async () => (await applied()) >= n + i || undefined, 300_000, 100).catch(
      async (err: Error) => {
        const alive = proc.proc.exitCode === null ? 'running' : `exited with ${proc.proc.exitCode}`;
        const tail = proc.output().split('\n').slice(-30).join('\n');
        throw new Error(`${err.message}: ${await applied()} of ${n + i} applied; the processor is ${alive}\n${tail}`);
      },
    );
    const after = parseHistogram(await metricsUrl(), 'ops_event_to_row_seconds');
    const delta = after.map((b, k) => ({ le: b.le, count: b.count - (before[k]?.count ?? 0) }));
    const latency = {
      pace,
      seconds: paceSeconds,
      events: i,
      p50ms: histogramQuantile(delta, 0.5) * 1000,
      p99ms: histogramQuantile(delta, 0.99) * 1000,
    };
    processor.peakRssMb = peakRssMb(proc.proc.pid);
    await proc.stop();
    await bus.close();
    await store.close();

    // Ceiling 2: the same raw rows inserted into a fresh ClickHouse endpoint of the same kind.
    const ch2 = await startClickHouse(tempDir('bench-ch2-'));
    const rawInsert = await runWorker<{ rowsPerSecond: number; seconds: number }>('bench/workers/raw-insert.ts', {
      DATASET: file,
      CLICKHOUSE_URL: ch2.url,
    });
    await ch2.stop();
    return { produceSeconds, rawConsume, processor, latency, rawInsert };
  } finally {
    await clickhouse.stop().catch(() => undefined);
    execFileSync('bash', ['scripts/kafka.sh', 'stop', kdir]);
  }
}
