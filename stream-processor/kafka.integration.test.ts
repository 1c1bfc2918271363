import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { example } from '@/lib/events/fixtures';
import { TOPICS } from '@/lib/events';
import { AVAILABLE_SQL, busyPosition, shuffled } from '@/test/busy';
import { distributedStack, simulatedEvents } from '@/test/distributed';
import { sleep, waitFor } from '@/test/processes';

type Stack = Awaited<ReturnType<typeof distributedStack>>;
let stack: Stack | undefined;
afterEach(async () => {
  const closing = stack;
  stack = undefined;
  await closing?.close();
});

describe('stream processor on a real Kafka broker', () => {
  it('round trip: every event once, duplicates skipped', async () => {
    stack = await distributedStack();
    await stack.startProcessor();
    const events = await simulatedEvents(6000, 1);
    await stack.publish(events);
    await stack.publish(events.slice(0, 500)); // redelivered by an upstream retry
    const totals = await stack.waitForRows(events.length);
    await stack.waitForDerived(events.length);
    await sleep(1500); // an event counted twice would show by now
    expect(await stack.totals()).toEqual({ rows: events.length, distinct: events.length });
    expect(totals.rows).toBe(events.length);
    expect(await stack.waitForDerived(events.length)).toBe(events.length);
  });

  it('two replicas in one consumer group share partitions and give exact totals', async () => {
    stack = await distributedStack();
    const a = await stack.startProcessor();
    const b = await stack.startProcessor();
    const events = await simulatedEvents(10_000, 2);
    await stack.publish(events);
    await stack.waitForRows(events.length);
    // An event counts as written once its batch is derived too, which a busy machine can make slow.
    const written = async () =>
      (await a.metric('ops_events_written_total')) + (await b.metric('ops_events_written_total'));
    await waitFor(
      'every event counted as written',
      async () => (await written()) >= events.length || undefined,
      60_000,
      250,
    );
    await sleep(1500); // an event counted twice would show by now
    expect(await stack.totals()).toEqual({ rows: events.length, distinct: events.length });
    const [wa, wb] = [await a.metric('ops_events_written_total'), await b.metric('ops_events_written_total')];
    expect(wa).toBeGreaterThan(0);
    expect(wb).toBeGreaterThan(0);
    expect(wa + wb).toBe(events.length);
  });

  it('a processor killed (SIGKILL) mid-stream and restarted loses nothing and counts nothing twice', async () => {
    stack = await distributedStack();
    const first = await stack.startProcessor();
    const events = await simulatedEvents(15_000, 3);
    const publishing = stack.publish(events);
    await waitFor('some progress', async () => (await stack!.totals()).rows > 3000 || undefined, 60_000, 100);
    await first.kill();
    const atKill = (await stack.totals()).rows;
    await publishing;
    expect(atKill).toBeLessThan(events.length);
    await stack.startProcessor();
    await stack.waitForRows(events.length);
    await sleep(2000);
    expect(await stack.totals()).toEqual({ rows: events.length, distinct: events.length });
  });

  it('a busy position: 1,200 events with tied times, sent three times (shuffled), counted once', async () => {
    stack = await distributedStack();
    const p = await stack.startProcessor();
    const events = busyPosition('KBUSY-1', 1200);
    await stack.publish(events.slice(0, 450));
    await stack.publish(events.slice(0, 450));
    await stack.publish(events.slice(450));
    await stack.publish(shuffled(events, 3));
    await stack.publish(shuffled(events, 5));
    const sent = 450 + 450 + 750 + 1200 + 1200;
    await waitFor(
      'every message consumed',
      async () => (await p.metric('ops_events_consumed_total')) >= sent || undefined,
      90_000,
      250,
    );
    await waitFor(
      'the last batch written',
      async () =>
        (await p.metric('ops_events_written_total')) + (await p.metric('ops_events_duplicate_total')) >= sent ||
        undefined,
      30_000,
      250,
    );
    const [{ n }] = await stack.rows<{ n: number }>(AVAILABLE_SQL, { sku: 'KBUSY-1', location: 'DC-EAST' });
    expect(Number(n)).toBe(1200);
    expect(await stack.totals()).toEqual({ rows: 1200, distinct: 1200 });
  });

  it('ClickHouse unavailable for a while: the processor pauses, retries, then writes everything', async () => {
    stack = await distributedStack();
    const p = await stack.startProcessor();
    const head = await simulatedEvents(3000, 4);
    await stack.publish(head);
    await stack.waitForRows(head.length);
    await stack.clickhouse.stop();
    const tail = (await simulatedEvents(6000, 5)).slice(0, 5000);
    await stack.publish(tail);
    await waitFor(
      'the processor to retry',
      async () => (await p.metric('ops_store_retries_total')) > 0 || undefined,
      30_000,
    );
    await sleep(3000);
    const { startClickHouse } = await import('@/test/processes');
    const again = await startClickHouse(stack.clickhouse.dir, stack.clickhouse.port);
    stack.clickhouse = again;
    await stack.waitForRows(head.length + tail.length);
    await sleep(1500);
    expect(await stack.totals()).toEqual({ rows: head.length + tail.length, distinct: head.length + tail.length });
  });

  it('a broker restart: producer and processor reconnect and resume', async () => {
    const dir = inject('kafkaDir');
    expect(dir, 'this test restarts the broker the suite started').not.toBe('');
    stack = await distributedStack();
    await stack.startProcessor();
    const events = await simulatedEvents(6000, 6);
    const half = Math.floor(events.length / 2);
    await stack.publish(events.slice(0, half));
    await stack.waitForRows(half);
    execFileSync('bash', ['scripts/kafka.sh', 'stop', dir]);
    await sleep(2000);
    execFileSync('bash', ['scripts/kafka.sh', 'start', dir]);
    await stack.publish(events.slice(half));
    await stack.waitForRows(events.length, 240_000);
    await sleep(1500);
    expect(await stack.totals()).toEqual({ rows: events.length, distinct: events.length });
    // Bounds against a hang, not a speed target: a JVM restart and kafkajs's reconnect backoff took
    // over 120 s in all on a machine busy with a live-hour bench beside the suite.
  }, 360_000);

  it('a poison message goes to ops.dlq and the dead-letter table, and its partition moves on', async () => {
    stack = await distributedStack();
    await stack.startProcessor();
    const key = 'ORD-POISON';
    const before = example('order.created', { order_id: key });
    const after = example('order.picked', { order_id: key });
    const invalid = { ...example('order.packed', { order_id: key }), occurred_at: 'soon' };
    const bus = stack.bus;
    await bus.publish(TOPICS.orders, [
      { key, value: JSON.stringify(before) },
      { key, value: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) },
      { key, value: JSON.stringify(invalid) },
      { key, value: JSON.stringify(after) },
    ]);
    await stack.waitForRows(2);
    const dl = await waitFor('dead letters', async () => {
      const r = await stack!.rows<{
        reason: string;
        raw: string;
        raw_encoding: string;
        bus_topic: string;
        bus_partition: number;
        bus_offset: number;
        bus_key: string;
        stage: string;
      }>(
        'SELECT reason, raw, raw_encoding, bus_topic, bus_partition, bus_offset, bus_key, stage FROM dead_letters ORDER BY bus_offset',
      );
      return r.length === 2 ? r : undefined;
    });
    expect(dl.map((d) => d.stage)).toEqual(['processor', 'processor']);
    expect(dl[0].reason).toMatch(/malformed JSON/);
    expect([dl[0].raw_encoding, Buffer.from(dl[0].raw, 'base64')]).toEqual([
      'base64',
      Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    ]);
    expect(JSON.parse(dl[1].raw).occurred_at).toBe('soon');
    expect(dl[1].reason).toMatch(/occurred_at/);
    expect(dl.every((d) => d.bus_topic === TOPICS.orders && d.bus_key === key && d.bus_offset >= 0)).toBe(true);

    const kafka = new Kafka({ clientId: 'dlq-reader', brokers: [stack.brokers], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `${stack.prefix}dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topics: [`${stack.prefix}${TOPICS.dlq}`], fromBeginning: true });
    const seen: { reason: string; offset: string; raw: Buffer }[] = [];
    await consumer.run({
      eachMessage: async ({ message }) =>
        void seen.push({
          reason: String(message.headers?.reason),
          offset: String(message.headers?.['source-offset']),
          raw: message.value!,
        }),
    });
    await waitFor('two DLQ messages', async () => seen.length >= 2 || undefined, 30_000);
    await consumer.disconnect();
    expect(seen[0].raw.equals(Buffer.from([0xff, 0xfe, 0x00, 0x7b]))).toBe(true);
    expect(seen[1].reason).toMatch(/occurred_at/);
    expect(seen.map((s) => Number(s.offset))).toEqual(dl.map((d) => Number(d.bus_offset)));
  });
});
