import type { Batch, Bus, BusMessage, BusRecord, PublishOptions, SubscribeOptions, Subscription } from './types';

interface Pending {
  message: BusMessage;
  /** Groups still to commit this message (or store it, with ack 'stored'); the publisher's promise settles at zero. */
  waiting: { left: number; resolve(): void; onStored: boolean };
  /** This group has counted itself out of `waiting`. */
  told?: boolean;
}

/** One group is done with the message, for its publisher. */
function tell(p: Pending) {
  if (p.told) return;
  p.told = true;
  if (--p.waiting.left === 0) p.waiting.resolve();
}

interface GroupQueue {
  groupId: string;
  topic: string;
  partition: number;
  queue: Pending[];
  wake?: () => void;
  /** Something changed that may let the next batch be handed early (a record stored or queued). */
  nudge?: () => void;
}

export interface MemoryBusOptions {
  maxBatch: number;
  /** How long a consumer waits for more records once one arrived, so inserts are not one row each. */
  batchWaitMs: number;
  /**
   * Partitions per topic (by key, as Kafka's default partitioner does: one key stays in order).
   * More than one lets the processor decode a batch while the one before is written.
   */
  partitions?: number;
}

/** A key's partition: FNV-1a of the key. Records without a key go to partition 0. */
function partitionOf(key: string | null, partitions: number): number {
  if (key === null || partitions === 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % partitions;
}

/**
 * Partitions per topic of the embedded bus. One: with four, the processor could decode a batch
 * while the one before was written, but got more, smaller batches and their fixed costs: 12.2k
 * events/s against 15.0k with one (docs/benchmarks.md).
 */
export const MEMORY_PARTITIONS = 1;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The embedded bus: ordered partitions per topic (by key), a queue per consumer group and partition. A handler that
 * throws gets the unresolved rest of its batch again after a capped backoff, as Kafka would
 * redeliver uncommitted offsets.
 */
export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  private groups: GroupQueue[] = [];
  private offsets = new Map<string, number>();
  private closed = false;

  constructor(private readonly options: MemoryBusOptions) {}

  async publish(topic: string, records: BusRecord[], options: PublishOptions = {}): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    const all = this.groups.filter((g) => g.topic === topic);
    if (all.length === 0 || records.length === 0) return;
    const partitions = this.options.partitions ?? 1;
    const done: Promise<void>[] = [];
    const woken = new Set<GroupQueue>();
    for (const record of records) {
      const partition = partitionOf(record.key, partitions);
      const targets = all.filter((g) => g.partition === partition);
      const slot = `${topic}\u0000${partition}`;
      const offset = this.offsets.get(slot) ?? 0;
      this.offsets.set(slot, offset + 1);
      const message: BusMessage = {
        topic,
        partition,
        offset: String(offset),
        key: record.key,
        value: typeof record.value === 'string' ? Buffer.from(record.value) : record.value,
        timestamp: Date.now(),
        headers: record.headers ?? {},
      };
      done.push(
        new Promise<void>((resolve) => {
          const waiting = { left: targets.length, resolve, onStored: options.ack === 'stored' };
          for (const g of targets) g.queue.push({ message, waiting });
        }),
      );
      for (const g of targets) woken.add(g);
    }
    for (const g of woken) {
      g.wake?.();
      g.nudge?.();
    }
    await Promise.all(done);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const queues = options.topics.flatMap((topic) =>
      Array.from({ length: this.options.partitions ?? 1 }, (_, partition) => {
        const q: GroupQueue = { groupId: options.groupId, topic, partition, queue: [] };
        this.groups.push(q);
        return q;
      }),
    );
    let running = true;
    const loops = queues.map((q) => this.consume(q, options, () => running));
    return {
      stop: async () => {
        running = false;
        for (const q of queues) q.wake?.();
        await Promise.all(loops);
        this.groups = this.groups.filter((g) => !queues.includes(g));
      },
    };
  }

  /**
   * A partition's batches go to the handler one at a time, with one exception: once the batch being
   * handled is on record (`stored`) and a publisher waits for a record queued behind it (an
   * operator's action, `ack: 'stored'`), the next batch is handed at once instead of after the
   * first one's derivation, so the action is written while that derivation runs (docs/alerts.md).
   * Commits stay in order: the second batch's offsets count only once the first is fully resolved.
   */
  private async consume(q: GroupQueue, options: SubscribeOptions, running: () => boolean) {
    let failures = 0;
    while (running()) {
      if (q.queue.length === 0) {
        await new Promise<void>((r) => (q.wake = r));
        q.wake = undefined;
        continue;
      }
      // The wait runs from the oldest record's arrival, not from when the loop looks: records that
      // queued while the batch before was written have waited already.
      const wait = (options.maxWaitMs ?? this.options.batchWaitMs) - (Date.now() - q.queue[0].message.timestamp);
      if (q.queue.length < this.options.maxBatch && wait > 0) await sleep(wait);
      const first = this.hand(q, 0, options, running);
      const early = await Promise.race([
        first.settled.then(() => false),
        new Promise<boolean>((resolve) => {
          q.nudge = () => void (first.storedAll() && first.awaitedBehind() && resolve(true));
          q.nudge();
        }),
      ]);
      q.nudge = undefined;
      const second = early ? this.hand(q, first.size, options, running) : null;
      await Promise.all([first.settled, second?.settled]);
      let upto = first.resolved() + 1;
      if (second && first.error === undefined && upto === first.size) upto += second.resolved() + 1;
      for (const p of q.queue.splice(0, upto)) tell(p);
      const error = first.error ?? second?.error;
      if (error !== undefined) {
        failures++;
        console.error(`memory bus: ${q.topic} handler failed (attempt ${failures}):`, error);
        await sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      } else failures = 0;
    }
  }

  /** Hands the handler the records queued from index `from` (up to a batch); settles with its outcome. */
  private hand(q: GroupQueue, from: number, options: SubscribeOptions, running: () => boolean) {
    const taken = q.queue.slice(from, from + this.options.maxBatch);
    let resolved = -1;
    let stored = -1;
    const batch: Batch = {
      topic: q.topic,
      partition: q.partition,
      messages: taken.map((p) => p.message),
      // Offsets of one queue are consecutive, so the index follows from the first one.
      resolveOffset: (offset) => {
        const i = Number(offset) - Number(taken[0].message.offset);
        if (i > resolved && i < taken.length) resolved = i;
      },
      heartbeat: async () => {},
      isRunning: running,
      isStale: () => false,
      backlog: () => Math.max(0, q.queue.length - from - taken.length),
      awaitedBehind: () => q.queue.some((p, i) => i >= from + taken.length && p.waiting.onStored),
      stored: (offset) => {
        const i = Number(offset) - Number(taken[0].message.offset);
        for (const p of taken.slice(0, i + 1)) if (p.waiting.onStored) tell(p);
        stored = Math.max(stored, i);
        q.nudge?.();
      },
    };
    const out = {
      size: taken.length,
      error: undefined as unknown,
      resolved: () => resolved,
      storedAll: () => stored >= taken.length - 1,
      awaitedBehind: batch.awaitedBehind!,
      settled: Promise.resolve() as Promise<void>,
    };
    out.settled = options.onBatch(batch).then(
      () => undefined,
      (err) => void (out.error = err ?? new Error('handler failed')),
    );
    return out;
  }

  async health() {
    return { ok: !this.closed, detail: 'in-process' };
  }

  async close() {
    this.closed = true;
  }
}
