import { queryRows, type Store } from '@/lib/store/client';
import type { BusMessage } from '@/lib/bus/types';
import type { Family } from '@/lib/events';
import type { Logger } from '@/lib/log';
import type { Metrics } from '@/lib/metrics';
import type { DeadLetter } from '@/lib/store/ingest';
import type { Derived } from './derive/types';
import { decode, type Decoded } from './decode';
import { eventRow, snapshotRow, type IngestRow } from './rows';
import { encodeSnapshot, loadSnapshots, toStored, withEvents, type Snapshot, type SnapshotCache, type StoredEvent } from './snapshots';
import { withRetry, type WriteContext } from './write';
import { now as clockNow } from '@/lib/clock';

export type Good = Extract<Decoded, { ok: true }>;

/** Derivation, per entity whose event set grew: the rows of its derived tables. */
export interface Deriver {
  /** Record decisions on fresh events that must not change later (kept in the snapshot). */
  annotate?(family: Family, fresh: StoredEvent[]): void;
  /** The rows to write, and the entity's derived state after the batch (for the rules). */
  rows(input: { family: Family; key: string; before: Snapshot; after: Snapshot; fresh: StoredEvent[]; now: number; version: number }): { rows: IngestRow[]; derived: Derived };
}

/** One entity's share of a batch: written together, or dead-lettered together. */
export interface EntityWrite {
  id: string;
  family: Family;
  key: string;
  derived?: Derived;
  rows: IngestRow[];
  events: Good[];
  snapshot: Snapshot;
  state: string;
}

export interface Prepared {
  messages: BusMessage[];
  now: number;
  writes: EntityWrite[];
  deadLetters: DeadLetter[];
  duplicates: number;
}

export interface PrepareDeps {
  store: Store;
  metrics: Metrics;
  log: Logger;
  cache: SnapshotCache;
  derive?: Deriver;
  version(now: number): number;
}

const RAW_TABLE: Record<Family, { table: string; where: string }> = {
  orders: { table: 'order_events', where: 'order_id = {k:String}' },
  carrier: { table: 'carrier_events', where: 'order_id = {k:String}' },
  returns: { table: 'return_events', where: 'rma_id = {k:String}' },
  inventory: { table: 'inventory_events', where: "sku = splitByChar('@', {k:String})[1] AND location = arrayStringConcat(arraySlice(splitByChar('@', {k:String}), 2), '@')" },
};

/**
 * Exact duplicate check for events a truncated snapshot may have dropped: every event at or before
 * its oldest kept time. At that time itself ties were cut (450 events of one millisecond, 400 kept),
 * so the check is inclusive; anything newer than it that was ever stored is still in the snapshot.
 */
async function alreadyStored(store: Store, before: Snapshot, fresh: Good[]): Promise<Set<string>> {
  if (before.truncatedBefore === undefined || fresh.length === 0) return new Set();
  const old = fresh.filter((f) => Date.parse(f.event.occurred_at) <= before.truncatedBefore!);
  if (old.length === 0) return new Set();
  const { table, where } = RAW_TABLE[old[0].family];
  const rows = await queryRows<{ event_id: string }>(store, `SELECT event_id FROM ${table} WHERE ${where} AND event_id IN {ids:Array(String)}`, {
    k: old[0].key,
    ids: old.map((o) => o.event.event_id),
  });
  return new Set(rows.map((r) => r.event_id));
}

/**
 * Everything about a batch but the write: decode (ok | dead letter), group by entity, skip event
 * ids the entity already has, derive, and build the rows.
 */
export async function prepareBatch(d: PrepareDeps, messages: BusMessage[], run: { isRunning(): boolean; heartbeat(): Promise<void> }): Promise<Prepared> {
  const { metrics, log } = d;
  const now = clockNow();
  metrics.batchSize.observe(messages.length);
  for (const m of messages) metrics.eventsConsumed.inc({ topic: m.topic });

  const deadLetters: DeadLetter[] = [];
  const byEntity = new Map<string, Good[]>();
  for (const m of messages) {
    const r = decode(m);
    if (!r.ok) {
      deadLetters.push({ stage: 'processor', reason: r.reason, errors: r.errors, raw: r.raw, rawBytes: m.value, eventId: r.eventId, eventType: r.eventType, message: m });
      continue;
    }
    const id = `${r.family}:${r.key}`;
    const list = byEntity.get(id);
    if (list) list.push(r);
    else byEntity.set(id, [r]);
  }

  const ctx: WriteContext = { store: d.store, metrics, log, isRunning: run.isRunning, heartbeat: run.heartbeat };
  const started = performance.now();
  const snapshots = await withRetry(ctx, 'snapshot lookup', () => loadSnapshots(d.store, d.cache, [...byEntity.keys()]));
  metrics.lookupLatency.observe((performance.now() - started) / 1000);
  await run.heartbeat();

  const writes: EntityWrite[] = [];
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
    const known = await withRetry(ctx, 'duplicate check', () => alreadyStored(d.store, before, fresh));
    const applied = known.size > 0 ? fresh.filter((f) => !known.has(f.event.event_id)) : fresh;
    const skipped = items.length - applied.length;
    if (skipped > 0) metrics.eventsDuplicate.inc({ family: items[0].family }, skipped);
    duplicates += skipped;
    if (applied.length === 0) continue;

    const { family, key } = applied[0];
    const stored = applied.map((a) => toStored(a.event));
    d.derive?.annotate?.(family, stored);
    const after = withEvents(before, stored);
    const version = d.version(now);
    const state = encodeSnapshot(after);
    const rows = applied.map((a) => eventRow(a.event, family, key, a.raw, a.message, now));
    rows.push(snapshotRow(id, state, version, now));
    let derived: Derived | undefined;
    try {
      if (d.derive) {
        const out = d.derive.rows({ family, key, before, after, fresh: stored, now, version });
        rows.push(...out.rows);
        derived = out.derived;
      }
    } catch (err) {
      // A derivation bug must not stall the partition: keep the events as dead letters.
      for (const a of applied) {
        deadLetters.push({ stage: 'processor', reason: `derivation failed: ${(err as Error).message}`, errors: [], raw: a.raw, eventId: a.event.event_id, eventType: a.event.type, message: a.message });
      }
      log.error({ err, entity: id }, 'derivation failed; events kept as dead letters');
      continue;
    }
    writes.push({ id, family, key, derived, rows, events: applied, snapshot: after, state });
  }
  return { messages, now, writes, deadLetters, duplicates };
}
