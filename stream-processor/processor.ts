import type { Batch, BusMessage } from '@/lib/bus/types';
import { now as clockNow } from '@/lib/clock';
import { AWAITED_HEADER, REPLAY_HEADER } from '@/lib/ingest/publish';
import type { Logger } from '@/lib/log';
import type { Metrics } from '@/lib/metrics';
import type { Store } from '@/lib/store/client';
import type { DeadLetter } from '@/lib/store/deadLetters';
import { appendBatch, deriveAppended, type Appended, type AppliedBatch, type BatchWriteContext } from './write';
import { newestEvent, prepareBatch, type Prepared, type Tolerance } from './prepare';
import type { RawEncoder } from './rows';

export type { AppliedBatch } from './write';

export interface ProcessorOptions {
  store: Store;
  metrics: Metrics;
  log: Logger;
  encoder: RawEncoder;
  tolerance: Tolerance;
  /**
   * Before a batch's insert; the returned release runs after its `onApplied` (or when its write
   * failed). `replay`: some of its records are marked history.
   */
  onWriting?(w: { replay: boolean; backlog: number; lastEventAt: number | null }): () => void;
  /** After the writes that hold a batch succeeded: live pushes, rules. */
  onApplied?(applied: AppliedBatch): void | Promise<void>;
  /** Dead letters to `ops.dlq` (Kafka mode), after they are stored and before offsets commit. */
  publishDeadLetters?(dls: DeadLetter[]): Promise<void>;
  /** How long to wait for batches of other partitions to join one insert. */
  coalesceMs?: number;
  /**
   * While the stream is a live trickle, the share of the time spent writing: a write that took d ms
   * is followed by one no sooner than d / duty after it began. 1 (the default): back to back.
   */
  duty?: number;
  maxBatchEvents?: number;
}

interface Waiting {
  batch: Batch;
  /** Messages before this index are taken into writes; the rest still queue. */
  from: number;
  /** Writes holding some of its messages that have not ended yet. */
  writing: number;
  failed: boolean;
  /** Someone waits for one of its records (AWAITED_HEADER): no idle spell holds it. */
  awaited: boolean;
  resolve(): void;
  reject(err: unknown): void;
}
/** Some consecutive messages of one handed-in batch, in a write. */
interface Part {
  of: Waiting;
  messages: BusMessage[];
}
type Run = { isRunning(): boolean; heartbeat(): Promise<void> };
interface Taken {
  take: Part[];
  /** How many messages it holds, and how many of them are marked history (REPLAY_HEADER). */
  size: number;
  replayed: number;
  /** Decoding runs in slices, interleaved with the write of the batch before. */
  prepared: Promise<Prepared>;
  /** From `onWriting`, once the write begins. */
  release?: () => void;
}

/**
 * The stream processor: validate → dead-letter or row → one insert per family → re-derive the
 * batch's entities in the store → commit → notify. Batches delivered together (several partitions,
 * or several topics on the in-process bus) are coalesced. Writes run one batch after another; the
 * next batch is decoded while the current one is written (the store works off the event loop).
 */
export class StreamProcessor {
  private lastVersion = 0;
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing = false;
  private hooks: Promise<unknown> = Promise.resolve();
  /** The earliest time (Date.now()) the next write may start unless a full batch waits. */
  private nextStart = 0;
  /** The same without the idle spell: what an awaited record waits for at most. */
  private gathered = 0;
  /** Ends the idle spell now (an awaited record came in). */
  private wakeSpell: (() => void) | null = null;
  /** Ends the wait for a derivation when an awaited record is handed in (flush). */
  private awaitedIn: (() => void) | null = null;
  /** Looks for awaited records queued in the bus behind a held batch while a spell lasts. */
  private spellWatch: NodeJS.Timeout | null = null;

  constructor(private readonly o: ProcessorOptions) {}

  /** kafkajs-shaped handler: the batch's offsets are resolved, ascending, after its writes succeeded. */
  handle(batch: Batch): Promise<void> {
    if (batch.messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const awaited = batch.messages.some((m) => m.headers[AWAITED_HEADER] !== undefined);
      this.queue.push({ batch, from: 0, writing: 0, failed: false, awaited, resolve, reject });
      if (awaited) this.endSpell();
      this.schedule();
    }).then(async () => {
      for (const m of batch.messages) batch.resolveOffset(m.offset);
      await batch.heartbeat();
    });
  }

  /** Messages handed in and not yet written. */
  pending(): number {
    return this.queued();
  }

  private get maxEvents() {
    return this.o.maxBatchEvents ?? 20_000;
  }

  private queued() {
    return this.queue.reduce((n, q) => n + q.batch.messages.length - q.from, 0);
  }

  /**
   * An awaited record is not held by the idle spell (a write starts once the gathering allows), nor
   * by a derivation running (flush appends it meanwhile).
   */
  private endSpell() {
    this.nextStart = Math.min(this.nextStart, this.gathered);
    this.wakeSpell?.();
    this.awaitedIn?.();
    if (this.spellWatch) clearTimeout(this.spellWatch);
    this.spellWatch = null;
    if (this.timer && !this.flushing) {
      clearTimeout(this.timer);
      this.timer = null;
      this.schedule();
    }
  }

  /** An awaited record handed in, or queued in the bus behind a batch held here (the bus hands a partition's next batch only once this one is written). */
  private awaitedWaiting() {
    return this.queue.some((q) => q.awaited || q.batch.awaitedBehind?.() === true);
  }

  /** While a spell lasts, ends it as soon as an awaited record waits behind what is held. */
  private watchSpell() {
    const look = () => {
      this.spellWatch = null;
      if (Date.now() >= this.nextStart) return;
      if (this.awaitedWaiting()) this.endSpell();
      else this.spellWatch = setTimeout(look, 20);
    };
    if (!this.spellWatch) this.spellWatch = setTimeout(look, 20);
  }

  private schedule() {
    if (this.flushing) return; // the running flush takes what queued meanwhile
    if (this.queued() >= this.maxEvents) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush();
    } else if (!this.timer) {
      // Idle, a write starts soon: a few ms, so the batches of several topics handed in together
      // make one write, but never sooner than `nextStart` (the gathering after the last write
      // started, or a live trickle's idle spell after it). A trickle stays one write per gathering
      // (each write has a fixed cost), while a lone event after a quiet spell (an operator's
      // action) is written at once instead of waiting the gathering out.
      const wait = Math.max(5, this.nextStart - Date.now());
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, wait);
    }
  }

  private takeNext(): Taken {
    // Handed-in batches are split to fill a write exactly: taken whole, the batch that did not fit
    // was left alone for the next write, and every other write paid a pass's fixed cost for a remnant.
    const take: Part[] = [];
    let n = 0;
    while (this.queue.length > 0 && n < this.maxEvents) {
      const q = this.queue[0];
      const messages = q.batch.messages.slice(q.from, q.from + this.maxEvents - n);
      q.from += messages.length;
      q.writing++;
      if (q.from >= q.batch.messages.length) this.queue.shift();
      n += messages.length;
      take.push({ of: q, messages });
    }
    const messages = take.flatMap((t) => t.messages);
    this.o.metrics.batchSize.observe(messages.length);
    let replayed = 0;
    for (const m of messages) {
      this.o.metrics.eventsConsumed.inc({ topic: m.topic });
      if (m.headers[REPLAY_HEADER] === '1') replayed++;
    }
    const prepared = prepareBatch(messages, { encoder: this.o.encoder, tolerance: this.o.tolerance, now: clockNow() });
    // Awaited only when its write starts, after the current write's awaits: a failure meanwhile
    // must not be an unhandled rejection (which stops the process); `append` still sees it.
    prepared.catch(() => undefined);
    return { take, size: messages.length, replayed, prepared };
  }

  private runOf(take: Part[]): Run {
    return {
      isRunning: () => take.every((t) => t.of.batch.isRunning() && !t.of.batch.isStale()),
      heartbeat: async () => void (await Promise.all(take.map((t) => t.of.batch.heartbeat()))),
    };
  }

  private version = () => (this.lastVersion = Math.max(Date.now() * 1000, this.lastVersion + 1));

  private context(take: Part[]): BatchWriteContext {
    return {
      store: this.o.store,
      metrics: this.o.metrics,
      log: this.o.log,
      encoder: this.o.encoder,
      version: this.version,
      stored: () => {
        for (const t of take) t.of.batch.stored?.(t.messages[t.messages.length - 1].offset);
      },
      ...this.runOf(take),
    };
  }

  /** A write failed: its batches are handed back whole (redelivered); their parts still queued are not written. */
  private failed(take: Part[], err: unknown) {
    for (const { of } of take) {
      of.writing--;
      if (of.failed) continue;
      of.failed = true;
      this.queue = this.queue.filter((q) => q !== of);
      of.reject(err);
    }
  }

  /** Step 1 of a write: the batch on record. Null when it failed. */
  private async append(taken: Taken): Promise<Appended | null> {
    const { take } = taken;
    try {
      const prepared = await taken.prepared;
      taken.release = this.o.onWriting?.({
        replay: taken.replayed > 0,
        backlog: this.backlog(take),
        lastEventAt: newestEvent(prepared.families, prepared.now),
      });
      return await appendBatch(this.context(take), prepared);
    } catch (err) {
      taken.release?.();
      this.failed(take, err);
      return null;
    }
  }

  /** Step 2: the batch derived; then its waiting handlers settle and its hooks are queued. */
  private async derive({ take, release, size, replayed }: Taken, appended: Appended) {
    let applied: AppliedBatch;
    try {
      applied = await deriveAppended(this.context(take), appended);
      applied.replay = replayed === size;
      applied.backlog = this.backlog(take);
      if (applied.deadLetters.length > 0 && this.o.publishDeadLetters)
        await this.o.publishDeadLetters(applied.deadLetters);
    } catch (err) {
      release?.();
      this.failed(take, err);
      return;
    }
    for (const { of } of take) {
      of.writing--;
      if (!of.failed && of.writing === 0 && of.from >= of.batch.messages.length) of.resolve();
    }
    this.o.log.debug(
      { events: applied.events, duplicates: applied.duplicates, deadLetters: applied.deadLetters.length },
      'batch applied',
    );
    // Hooks (rules, pushes) run after the writes, one batch after another, off the commit path.
    this.hooks = this.hooks
      .then(() => this.o.onApplied?.(applied))
      .catch((err) => this.o.log.error({ err }, 'post-apply hook failed'))
      .finally(release);
  }

  /**
   * A live trickle: what the idle spell after a write is for. History (a back-fill), large writes (a
   * producer that waits for each batch to be applied) and a backlog (Kafka lag after a restart) are
   * not held: their passes are worth their cost, and a spell would only slow them (a back-fill took
   * 23 s instead of 16, for the same CPU).
   */
  private trickle(taken: Taken) {
    return taken.replayed === 0 && taken.size + this.backlog(taken.take) < this.maxEvents / 20;
  }

  /** Messages still waiting behind a write: in its batches (Kafka's lag) and queued here. */
  private backlog(take: Part[]) {
    return [...new Set(take.map((t) => t.of.batch))].reduce((n, b) => n + (b.backlog?.() ?? 0), 0) + this.queued();
  }

  /** Waits `ms`, or less if an awaited record comes in meanwhile. */
  private spell(ms: number) {
    return new Promise<void>((resolve) => {
      const t = setTimeout(() => this.wakeSpell?.(), ms);
      this.wakeSpell = () => {
        clearTimeout(t);
        this.wakeSpell = null;
        resolve();
      };
    });
  }

  /** Waits for the derivation; false if a batch with an awaited record is handed in first. */
  private async derivedBeforeAwaited(deriving: Promise<void>): Promise<boolean> {
    const awaitedIn = () => this.queue.some((q) => q.awaited && q.from === 0);
    if (awaitedIn()) return false;
    try {
      return await Promise.race([
        deriving.then(() => true),
        new Promise<boolean>((resolve) => (this.awaitedIn = () => void (awaitedIn() && resolve(false)))),
      ]);
    } finally {
      this.awaitedIn = null;
    }
  }

  /** Resolves once everything handed in so far is written and its hooks have run. */
  async idle(): Promise<void> {
    while (this.flushing || this.queue.length > 0 || this.timer) await new Promise((r) => setTimeout(r, 5));
    await this.hooks;
  }

  /**
   * Writes what is queued, a batch at a time. With a backlog, the writes overlap by one step: a
   * batch is appended while the one before it is derived (on the store's other connection), never
   * two derivations at once (one pass per entity at a time), and a batch's dedupe always sees the
   * batch before it on record. Without one, a write ends before the next is taken.
   */
  private async flush() {
    this.flushing = true;
    let deriving: Promise<void> = Promise.resolve();
    try {
      let next: Taken | null = null;
      while (next || this.queue.length > 0) {
        const started = Date.now();
        this.nextStart = this.gathered = started + (this.o.coalesceMs ?? 5);
        const taken = next ?? this.takeNext();
        next = null;
        // Decode the next batch while this one is written, if a good part of one is waiting already.
        // A remnant is not taken alone: the partitions this write settles hand in their next batches
        // as it ends, and the remnant joins them.
        if (this.queued() >= this.maxEvents / 2) next = this.takeNext();
        const appended = await this.append(taken);
        await deriving;
        deriving = appended ? this.derive(taken, appended) : Promise.resolve();
        if (next) continue;
        // An operator's action handed in meanwhile is appended while this derivation runs (it is
        // answered once on record), as a backlog's next batch would be.
        if (!(await this.derivedBeforeAwaited(deriving))) continue;
        if (this.queue.length > 0) await new Promise((r) => setImmediate(r));
        // A trickle must not turn into back-to-back writes (each has a fixed cost): unless a full
        // batch waits, the next write starts at least coalesceMs after this one did, and after a live
        // trickle's write the machine gets an idle spell in proportion to its length (a pass costs
        // about the same CPU whatever its size: back-to-back passes at a live rate kept both cores busy).
        if (this.trickle(taken) && !this.awaitedWaiting()) {
          this.nextStart = Math.max(this.nextStart, started + (Date.now() - started) / (this.o.duty ?? 1));
          this.watchSpell();
        }
        // Nothing queued: the loop ends, and schedule() keeps the same earliest start. An awaited
        // record cuts the spell short, down to the gathering.
        for (let rest = this.nextStart - Date.now(); rest > 0; rest = this.nextStart - Date.now()) {
          if (this.queue.length === 0 || this.queued() >= this.maxEvents) break;
          await this.spell(rest);
        }
      }
    } finally {
      await deriving;
      this.flushing = false;
      // What was handed in after the loop last looked (schedule() left it to this flush) is not left
      // waiting for a later batch to come along.
      if (this.queue.length > 0) this.schedule();
    }
  }
}
