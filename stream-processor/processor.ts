import type { Batch, BusMessage } from '@/lib/bus/types';
import type { Logger } from '@/lib/log';
import type { Metrics } from '@/lib/metrics';
import type { Store } from '@/lib/store/client';
import type { DeadLetter } from '@/lib/store/ingest';
import { REPLAY_HEADER } from '@/lib/ingest/publish';
import { commitBatch, type AppliedBatch } from './commit';
import { prepareBatch, type Deriver, type Prepared } from './prepare';
import { SnapshotCache } from './snapshots';
import type { WriteContext } from './write';

export type { AppliedBatch } from './commit';
export type { Deriver } from './prepare';

export interface ProcessorOptions {
  store: Store;
  metrics: Metrics;
  log: Logger;
  cacheBytes?: number;
  derive?: Deriver;
  /** After the insert that holds a batch succeeded: live pushes, rules. */
  onApplied?(applied: AppliedBatch): void | Promise<void>;
  /** Dead letters to `ops.dlq` (Kafka mode), after they are stored and before offsets commit. */
  publishDeadLetters?(dls: DeadLetter[]): Promise<void>;
  /** How long to wait for batches of other partitions to join one insert. */
  coalesceMs?: number;
  maxBatchEvents?: number;
}

interface Waiting {
  batch: Batch;
  resolve(): void;
  reject(err: unknown): void;
}
type Run = { isRunning(): boolean; heartbeat(): Promise<void> };

/**
 * The stream processor: validate → dead-letter or dedupe → derive → one insert → commit → notify.
 * Batches delivered together (several partitions, or several topics on the in-process bus) are
 * coalesced into one insert. Batches are written one after another: preparing the next batch
 * while an insert runs was measured slower on chDB (a snapshot lookup waits ~10x longer behind a
 * running insert), so there is no overlap to gain; see docs/benchmarks.md.
 */
export class StreamProcessor {
  readonly cache: SnapshotCache;
  private lastVersion = 0;
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing = false;
  private hooks: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: ProcessorOptions) {
    this.cache = new SnapshotCache(o.cacheBytes ?? 64 * 1024 * 1024);
  }

  /** kafkajs-shaped handler: the batch's offsets are resolved, ascending, after its insert succeeded. */
  handle(batch: Batch): Promise<void> {
    if (batch.messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      this.schedule();
    }).then(async () => {
      for (const m of batch.messages) batch.resolveOffset(m.offset);
      await batch.heartbeat();
    });
  }

  private get maxEvents() {
    return this.o.maxBatchEvents ?? 20_000;
  }

  private queued() {
    return this.queue.reduce((n, q) => n + q.batch.messages.length, 0);
  }

  private schedule() {
    if (this.flushing) return; // the running flush takes what queued meanwhile
    if (this.queued() >= this.maxEvents) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush();
    } else
      this.timer ??= setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.o.coalesceMs ?? 5);
  }

  private takeNext(): Waiting[] {
    const take: Waiting[] = [];
    let n = 0;
    while (this.queue.length > 0 && (take.length === 0 || n + this.queue[0].batch.messages.length <= this.maxEvents)) {
      const q = this.queue.shift()!;
      n += q.batch.messages.length;
      take.push(q);
    }
    return take;
  }

  private runOf(take: Waiting[]): Run {
    return {
      isRunning: () => take.every((t) => t.batch.isRunning() && !t.batch.isStale()),
      heartbeat: async () => void (await Promise.all(take.map((t) => t.batch.heartbeat()))),
    };
  }

  private ctx(run: Run): WriteContext {
    return { store: this.o.store, metrics: this.o.metrics, log: this.o.log, ...run };
  }

  private version = (now: number) => (this.lastVersion = Math.max(now * 1000, this.lastVersion + 1));

  /** Prepare and write one coalesced batch, then settle its waiting handlers. */
  private async process(take: Waiting[]) {
    const run = this.runOf(take);
    let applied: AppliedBatch;
    let prepared: Prepared;
    try {
      prepared = await prepareBatch(
        { store: this.o.store, metrics: this.o.metrics, log: this.o.log, cache: this.cache, derive: this.o.derive, version: this.version },
        take.flatMap((t) => t.batch.messages),
        run,
      );
      applied = await commitBatch(this.ctx(run), prepared);
      applied.replay = take.every((t) => t.batch.messages.every((m) => m.headers[REPLAY_HEADER] === '1'));
      applied.backlog = take.reduce((n, t) => n + (t.batch.backlog?.() ?? 0), 0) + this.queue.reduce((n, q) => n + q.batch.messages.length, 0);
      if (applied.deadLetters.length > 0 && this.o.publishDeadLetters) await this.o.publishDeadLetters(applied.deadLetters);
    } catch (err) {
      for (const t of take) t.reject(err);
      return;
    }
    for (const w of prepared.writes) if (!applied.failed.has(w.id)) this.cache.set(w.id, w.snapshot, w.state.length);
    for (const t of take) t.resolve();
    this.o.log.debug({ events: applied.events.length, duplicates: applied.duplicates, deadLetters: applied.deadLetters.length }, 'batch applied');
    // Hooks (rules, pushes) run after the insert, one batch after another, off the commit path.
    this.hooks = this.hooks.then(() => this.o.onApplied?.(applied)).catch((err) => this.o.log.error({ err }, 'post-apply hook failed'));
  }

  /** Resolves once everything handed in so far is written and its hooks have run. */
  async idle(): Promise<void> {
    while (this.flushing || this.queue.length > 0 || this.timer) await new Promise((r) => setTimeout(r, 5));
    await this.hooks;
  }

  private async flush() {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const started = Date.now();
        await this.process(this.takeNext());
        // A trickle must not turn into back-to-back inserts (each has a fixed fan-out and merge cost):
        // unless a full batch waits, the next insert starts at least coalesceMs after this one did.
        const rest = started + (this.o.coalesceMs ?? 5) - Date.now();
        if (rest > 0 && this.queued() < this.maxEvents) await new Promise((r) => setTimeout(r, rest));
      }
    } finally {
      this.flushing = false;
    }
  }
}
