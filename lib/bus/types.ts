/** A record to publish. `key` keeps one entity's records in order (SPEC section 3). */
export interface BusRecord {
  key: string | null;
  value: Buffer | string;
  headers?: Record<string, string>;
}

export interface BusMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer;
  /** When the bus accepted the record (ms since epoch). */
  timestamp: number;
  headers: Record<string, string>;
}

/** One batch from one topic-partition, shaped like kafkajs `eachBatch` so the processor is bus-agnostic. */
export interface Batch {
  topic: string;
  partition: number;
  messages: BusMessage[];
  /** Marks everything up to and including this offset as done; call in ascending order. */
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
  /** Messages of this partition waiting behind the batch (consumer lag), if the bus knows. */
  backlog?(): number;
  /**
   * Whether a publisher waits for a record queued behind this batch to be stored (an operator's
   * action, `ack: 'stored'`): the processor then sits out no idle spell. Only the in-process bus knows.
   */
  awaitedBehind?(): boolean;
  /**
   * Everything up to and including this offset is on record (its raw events written), though not
   * yet committed: publishers that asked for `ack: 'stored'` are answered. Only the in-process bus
   * has it; a Kafka publish is durable once the broker has it.
   */
  stored?(offset: string): void;
}

export interface PublishOptions {
  /**
   * On the in-process bus, when the publisher is answered: once every consumer group committed the
   * records (`applied`, the default), or once the processor has written them to the record
   * (`stored`), before their derived state — what an operator's action waits for (docs/alerts.md).
   * Kafka answers once the brokers have the records either way.
   */
  ack?: 'applied' | 'stored';
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  onBatch(batch: Batch): Promise<void>;
  /** Called when partitions move (with this member's new assignment, topic → partitions). */
  onRebalance?(assignment?: Record<string, number[]>): void;
  /** How long to gather a batch once a record arrived (in-process bus; Kafka has its own). */
  maxWaitMs?: number;
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface Bus {
  readonly kind: 'memory' | 'kafka';
  /**
   * Resolves once the records are durable: acknowledged by all in-sync Kafka replicas, or, on the
   * in-process bus, processed and committed by every consumer group subscribed to the topic (or,
   * with `ack: 'stored'`, written to the record by them).
   */
  publish(topic: string, records: BusRecord[], options?: PublishOptions): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  health(): Promise<{ ok: boolean; detail?: string }>;
  close(): Promise<void>;
}
