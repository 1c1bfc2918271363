import { queryRows, type Store } from '@/lib/store/client';
import type { Batch, BusMessage } from '@/lib/bus/types';
import type { Family, OpsEvent } from '@/lib/events';
import type { Logger } from '@/lib/log';
import type { Metrics } from '@/lib/metrics';
import { decode, type Decoded } from './decode';
import { deadLetterRow, type DeadLetter } from '@/lib/store/ingest';
import { eventRow, freshnessRow, snapshotRow, type IngestRow } from './rows';
import { encodeSnapshot, loadSnapshots, SnapshotCache, toStored, withEvents, type Snapshot, type StoredEvent } from './snapshots';
import { withRetry, writeGroups, type WriteContext } from './write';

/** What derivation adds for one entity whose event set grew: the rows of its derived tables. */
export type Deriver = (input: { family: Family; key: string; before: Snapshot; after: Snapshot; fresh: StoredEvent[]; now: number; version: number }) => IngestRow[];

export interface AppliedBatch {
  /** Events applied for the first time, in arrival order. */
  events: OpsEvent[];
  families: Partial<Record<Family, number>>;
  duplicates: number;
  deadLetters: DeadLetter[];
  lastEventAt: number | null;
}

export interface ProcessorOptions {
  store: Store;
  metrics: Metrics;
  log: Logger;
  cacheBytes?: number;
  derive?: Deriver;
  /** After the insert that holds a batch succeeded: live pushes, rules. */
  onApplied?(applied: AppliedBatch): void | Promise<void>;
  /** Dead letters to `ops.dlq` (Kafka mode), after they are stored. */
  publishDeadLetters?(dls: DeadLetter[]): Promise<void>;
  /** How long to wait for batches of other partitions to join one insert. */
  coalesceMs?: number;
  maxBatchEvents?: number;
}

type Good = Extract<Decoded, { ok: true }>;

const RAW_TABLE: Record<Family, { table: string; where: string }> = {
  orders: { table: 'order_events', where: 'order_id = {k:String}' },
  carrier: { table: 'carrier_events', where: 'order_id = {k:String}' },
  returns: { table: 'return_events', where: 'rma_id = {k:String}' },
  inventory: { table: 'inventory_events', where: "sku = splitByChar('@', {k:String})[1] AND location = arrayStringConcat(arraySlice(splitByChar('@', {k:String}), 2), '@')" },
};

/**
 * The stream processor: validate → dead-letter or dedupe → derive → one insert → commit → notify.
 * Each step is a plain function of the batch, so the embedded bus and Kafka drive the same code.
 */
export class StreamProcessor {
  readonly cache: SnapshotCache;
  private lastVersion = 0;

  constructor(private readonly o: ProcessorOptions) {
    this.cache = new SnapshotCache(o.cacheBytes ?? 64 * 1024 * 1024);
  }

  /**
   * kafkajs-shaped batch handler. Batches that arrive together (several partitions, or several
   * topics on the in-process bus) are coalesced into one apply, hence one insert; each batch's
   * offsets are resolved, in ascending order, only after the insert that holds them succeeded.
   */
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

  private queue: { batch: Batch; resolve(): void; reject(err: unknown): void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing = false;

  private schedule() {
    if (this.flushing) return; // the running flush takes what queued meanwhile
    const queued = this.queue.reduce((n, q) => n + q.batch.messages.length, 0);
    if (queued >= this.maxEvents) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush();
    } else this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.o.coalesceMs ?? 5);
  }

  private async flush() {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const take: typeof this.queue = [];
        let n = 0;
        while (this.queue.length > 0 && (take.length === 0 || n + this.queue[0].batch.messages.length <= this.maxEvents)) {
          const q = this.queue.shift()!;
          n += q.batch.messages.length;
          take.push(q);
        }
        try {
          const applied = await this.apply(
            take.flatMap((t) => t.batch.messages),
            {
              isRunning: () => take.every((t) => t.batch.isRunning() && !t.batch.isStale()),
              heartbeat: async () => void (await Promise.all(take.map((t) => t.batch.heartbeat()))),
            },
          );
          if (applied.deadLetters.length > 0 && this.o.publishDeadLetters) await this.o.publishDeadLetters(applied.deadLetters);
          for (const t of take) t.resolve();
          Promise.resolve(this.o.onApplied?.(applied)).catch((err) => this.o.log.error({ err }, 'post-apply hook failed'));
        } catch (err) {
          for (const t of take) t.reject(err);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private get maxEvents() {
    return this.o.maxBatchEvents ?? 20_000;
  }

  private version(now: number) {
    this.lastVersion = Math.max(now * 1000, this.lastVersion + 1);
    return this.lastVersion;
  }

  async apply(messages: BusMessage[], run: { isRunning(): boolean; heartbeat(): Promise<void> }): Promise<AppliedBatch> {
    const { metrics, log } = this.o;
    const now = Date.now();
    metrics.batchSize.observe(messages.length);
    for (const m of messages) metrics.eventsConsumed.inc({ topic: m.topic });

    const deadLetters: DeadLetter[] = [];
    const byEntity = new Map<string, Good[]>();
    for (const m of messages) {
      const d = decode(m);
      if (!d.ok) {
        deadLetters.push({ stage: 'processor', reason: d.reason, errors: d.errors, raw: d.raw, rawBytes: m.value, eventId: d.eventId, eventType: d.eventType, message: m });
        continue;
      }
      const id = `${d.family}:${d.key}`;
      const list = byEntity.get(id);
      if (list) list.push(d);
      else byEntity.set(id, [d]);
    }

    const ctx: WriteContext = { store: this.o.store, metrics, log, isRunning: run.isRunning, heartbeat: run.heartbeat };
    const snapshots = await withRetry(ctx, 'snapshot lookup', () => loadSnapshots(this.o.store, this.cache, [...byEntity.keys()]));
    await run.heartbeat();

    const groups: IngestRow[][] = [];
    const groupEvents: Good[][] = [];
    const nextSnapshots: { id: string; snapshot: Snapshot; state: string }[] = [];
    let duplicates = 0;
    for (const [id, items] of byEntity) {
      const before = snapshots.get(id)!;
      const seen = new Set(before.events.map((e) => e.id));
      const fresh: Good[] = [];
      for (const it of items) {
        if (seen.has(it.event.event_id)) continue;
        seen.add(it.event.event_id);
        fresh.push(it);
      }
      const known = await withRetry(ctx, 'duplicate check', () => this.alreadyStored(before, fresh));
      const applied = fresh.filter((f) => !known.has(f.event.event_id));
      duplicates += items.length - applied.length;
      if (applied.length > 0) metrics.eventsDuplicate.inc({ family: applied[0].family }, items.length - applied.length);
      else if (items.length > 0) metrics.eventsDuplicate.inc({ family: items[0].family }, items.length);
      if (applied.length === 0) continue;

      const { family, key } = applied[0];
      const stored = applied.map((a) => toStored(a.event));
      const after = withEvents(before, stored);
      const version = this.version(now);
      const state = encodeSnapshot(after);
      const rows = applied.map((a) => eventRow(a.event, family, key, a.raw, a.message, now));
      rows.push(snapshotRow(id, state, version, now));
      try {
        if (this.o.derive) rows.push(...this.o.derive({ family, key, before, after, fresh: stored, now, version }));
      } catch (err) {
        // A derivation bug must not stall the partition: keep the events as dead letters.
        for (const a of applied) {
          deadLetters.push({ stage: 'processor', reason: `derivation failed: ${(err as Error).message}`, errors: [], raw: a.raw, eventId: a.event.event_id, eventType: a.event.type, message: a.message });
        }
        log.error({ err, entity: id }, 'derivation failed; events kept as dead letters');
        continue;
      }
      groups.push(rows);
      groupEvents.push(applied);
      nextSnapshots.push({ id, snapshot: after, state });
    }

    const { failed } = await writeGroups(ctx, [...groups, this.batchRows(groupEvents.flat(), deadLetters, now)]);
    const failedSet = new Set(failed.map((f) => f.group));
    if (failed.length > 0) {
      const rejected: DeadLetter[] = [];
      for (const f of failed) {
        if (f.group >= groups.length) throw new Error(`store refused the batch bookkeeping rows: ${f.error}`);
        for (const a of groupEvents[f.group]) {
          rejected.push({ stage: 'processor', reason: `store rejected: ${f.error}`, errors: [], raw: a.raw, eventId: a.event.event_id, eventType: a.event.type, message: a.message });
        }
      }
      log.error({ failed: failed.length }, 'store rejected entity groups; kept as dead letters');
      const r = await writeGroups(ctx, [rejected.map((dl) => deadLetterRow(dl, now))]);
      if (r.failed.length > 0) throw new Error(`store refused dead letters: ${r.failed[0].error}`);
      deadLetters.push(...rejected);
    }

    const appliedEvents: OpsEvent[] = [];
    const families: Partial<Record<Family, number>> = {};
    let lastEventAt: number | null = null;
    nextSnapshots.forEach((s, i) => {
      if (failedSet.has(i)) return;
      this.cache.set(s.id, s.snapshot, s.state.length);
      for (const a of groupEvents[i]) {
        appliedEvents.push(a.event);
        families[a.family] = (families[a.family] ?? 0) + 1;
        const t = Date.parse(a.event.occurred_at);
        if (t <= now && (lastEventAt === null || t > lastEventAt)) lastEventAt = t;
        metrics.eventsWritten.inc({ family: a.family });
        metrics.eventToRow.observe((Date.now() - a.message.timestamp) / 1000);
      }
    });
    if (deadLetters.length > 0) metrics.eventsRejected.inc({ stage: 'processor' }, deadLetters.length);
    return { events: appliedEvents, families, duplicates, deadLetters, lastEventAt };
  }

  /** Dead letters and freshness of the batch, written in the same insert as the events. */
  private batchRows(applied: Good[], deadLetters: DeadLetter[], now: number): IngestRow[] {
    const rows = deadLetters.map((dl) => deadLetterRow(dl, now));
    const perFamily = new Map<Family, { last: number; lag: number; n: number }>();
    for (const a of applied) {
      const t = Math.min(Date.parse(a.event.occurred_at), now);
      const f = perFamily.get(a.family) ?? { last: 0, lag: 0, n: 0 };
      f.last = Math.max(f.last, t);
      f.lag = Math.max(f.lag, now - a.message.timestamp);
      f.n++;
      perFamily.set(a.family, f);
    }
    for (const [family, f] of perFamily) rows.push(freshnessRow(family, f.last, f.lag, f.n, now));
    return rows;
  }

  /** Exact duplicate check for events older than what a truncated snapshot still holds. */
  private async alreadyStored(before: Snapshot, fresh: Good[]): Promise<Set<string>> {
    if (before.truncatedBefore === undefined || fresh.length === 0) return new Set();
    const old = fresh.filter((f) => Date.parse(f.event.occurred_at) < before.truncatedBefore!);
    if (old.length === 0) return new Set();
    const { table, where } = RAW_TABLE[old[0].family];
    const rows = await queryRows<{ event_id: string }>(
      this.o.store,
      `SELECT event_id FROM ${table} WHERE ${where} AND event_id IN {ids:Array(String)}`,
      { k: old[0].key, ids: old.map((o) => o.event.event_id) },
    );
    return new Set(rows.map((r) => r.event_id));
  }
}
