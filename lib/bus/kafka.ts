import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type Producer,
  type KafkaMessage,
  type LogEntry,
} from 'kafkajs';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { TOPICS } from '../events';
import type { Batch, Bus, BusMessage, BusRecord, SubscribeOptions, Subscription } from './types';

export interface KafkaBusConfig {
  brokers: string[];
  clientId: string;
  partitions: number;
  /** Prepended to every topic name: lets tests share a broker without sharing topics. */
  topicPrefix?: string;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

function toMessage(topic: string, partition: number, m: KafkaMessage): BusMessage {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {}))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key ? m.key.toString('utf8') : null,
    value: m.value ?? Buffer.alloc(0),
    timestamp: Number(m.timestamp),
    headers,
  };
}

/**
 * Kafka behind the Bus interface (kafkajs). Publishing uses the idempotent producer with acks=-1
 * and resolves when the in-sync replicas have the records. Consumers run `eachBatch` with
 * auto-resolve off: the handler resolves offsets after its insert, and they are committed right
 * after the handler returns.
 */
const PUBLISH_BYTES = 768 * 1024;

export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private consumers = new Set<Consumer>();
  private lagTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly producer: Producer,
    private readonly cfg: KafkaBusConfig,
    private readonly log: Logger,
  ) {}

  static async connect(cfg: KafkaBusConfig, log: Logger): Promise<KafkaBus> {
    const kafka = new Kafka({
      clientId: cfg.clientId,
      brokers: cfg.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => {
        const { message, ...extra } = entry.log;
        log[LEVELS[entry.level] ?? 'info']({ kafka: entry.namespace, ...extra }, message);
      },
      retry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: 12 },
    });
    const admin = kafka.admin();
    await admin.connect();
    const bus = new KafkaBus(
      kafka,
      admin,
      kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
      cfg,
      log,
    );
    await bus.ensureTopics();
    await bus.producer.connect();
    return bus;
  }

  private physical(topic: string) {
    return `${this.cfg.topicPrefix ?? ''}${topic}`;
  }
  private logical(topic: string) {
    const p = this.cfg.topicPrefix ?? '';
    return p && topic.startsWith(p) ? topic.slice(p.length) : topic;
  }

  /** Creates the SPEC topics that are missing (concurrent creators are fine). */
  private async ensureTopics() {
    const existing = new Set(await this.admin.listTopics());
    const missing = Object.values(TOPICS)
      .map((t) => this.physical(t))
      .filter((t) => !existing.has(t));
    if (missing.length === 0) return;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: this.cfg.partitions, replicationFactor: -1 })),
    });
  }

  /**
   * Sends in requests of at most ~768 KB: a record batch over the broker's message.max.bytes
   * (1 MB by default) is refused whole. Requests go one after another, so a key's order holds.
   */
  /** Durable once all in-sync replicas have it, whatever `ack` asks (see PublishOptions). */
  async publish(topic: string, records: BusRecord[]): Promise<void> {
    let part: BusRecord[] = [];
    let bytes = 0;
    const send = async () => {
      if (part.length === 0) return;
      await this.producer.send({
        topic: this.physical(topic),
        acks: -1,
        messages: part.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
      });
      part = [];
      bytes = 0;
    };
    for (const r of records) {
      const size = r.value.length + (r.key?.length ?? 0) + 64;
      if (bytes + size > PUBLISH_BYTES) await send();
      part.push(r);
      bytes += size;
    }
    await send();
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      // A replica that dies is noticed (and its partitions handed over) within 15 s; the processor
      // heartbeats between stages and while it waits out a store outage.
      sessionTimeout: 15_000,
      rebalanceTimeout: 60_000,
      heartbeatInterval: 3_000,
      // The broker answers as soon as there is data (small batches, low latency when quiet) and
      // lets batches grow to a few MB per partition under load.
      minBytes: 1,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxBytes: 64 * 1024 * 1024,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: options.topics.map((t) => this.physical(t)),
      fromBeginning: options.fromBeginning ?? true,
    });
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.log.info({ group: options.groupId, assignment: e.payload.memberAssignment }, 'joined consumer group');
      const assignment = Object.fromEntries(
        Object.entries(e.payload.memberAssignment).map(([t, ps]) => [this.logical(t), ps as number[]]),
      );
      options.onRebalance?.(assignment);
    });
    consumer.on(consumer.events.CRASH, (e) => {
      this.log.error({ err: e.payload.error?.message, restart: e.payload.restart }, 'consumer crashed');
      options.onRebalance?.();
    });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 64,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        const topic = this.logical(batch.topic);
        const b: Batch = {
          topic,
          partition: batch.partition,
          messages: batch.messages.map((m) => toMessage(topic, batch.partition, m)),
          resolveOffset,
          heartbeat,
          isRunning,
          isStale,
          backlog: () => Math.max(0, Number(batch.offsetLag())),
        };
        await options.onBatch(b);
        await commitOffsetsIfNecessary();
      },
    });
    this.consumers.add(consumer);
    return {
      stop: async () => {
        // Waits for the batch in hand, commits what it resolved, and leaves the group.
        await consumer.disconnect();
        this.consumers.delete(consumer);
      },
    };
  }

  /** Messages between each partition's committed offset and its end, as a gauge. */
  trackLag(groupId: string, topics: string[], metrics: Metrics, everyMs = 5000) {
    const measure = async () => {
      for (const topic of topics) {
        const [ends, committed] = await Promise.all([
          this.admin.fetchTopicOffsets(this.physical(topic)),
          this.admin.fetchOffsets({ groupId, topics: [this.physical(topic)] }),
        ]);
        const done = new Map(committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
        for (const p of ends) {
          const c = done.get(p.partition) ?? -1;
          metrics.consumerLag.set(
            { topic, partition: String(p.partition) },
            Math.max(0, Number(p.high) - (c < 0 ? Number(p.low) : c)),
          );
        }
      }
    };
    this.lagTimer = setInterval(
      () => void measure().catch((err) => this.log.debug({ err: err.message }, 'lag measurement failed')),
      everyMs,
    );
    this.lagTimer.unref();
  }

  async health() {
    try {
      await Promise.race([
        this.admin.describeCluster(),
        new Promise((_, r) => setTimeout(() => r(new Error('timeout')), 3000)),
      ]);
      return { ok: true, detail: this.cfg.brokers.join(',') };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  async close() {
    if (this.lagTimer) clearInterval(this.lagTimer);
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}
