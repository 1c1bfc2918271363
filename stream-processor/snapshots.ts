import { queryRows, type Store } from '@/lib/store/client';
import type { EventType, OpsEvent } from '@/lib/events';

/** An applied event as the processor keeps it per entity: enough to re-derive, nothing more. */
export interface StoredEvent {
  id: string;
  type: EventType;
  /** occurred_at, ms since epoch. */
  t: number;
  d: Record<string, unknown>;
  /** Decisions taken when the event was first applied (e.g. a count's tolerance verdict). */
  x?: Record<string, unknown>;
}

export interface Snapshot {
  events: StoredEvent[];
  /** Set once old events were dropped to bound the snapshot: events before it need an exact check. */
  truncatedBefore?: number;
}

/** Same-millisecond events sort in lifecycle order, then by id, so derivation never depends on arrival. */
const RANK: Partial<Record<EventType, number>> = {
  'order.created': 0,
  'order.allocated': 1,
  'order.reallocated': 2,
  'order.held': 3,
  'order.released': 4,
  'order.short_picked': 5,
  'order.picked': 6,
  'order.packed': 7,
  'order.expedited': 8,
  'order.shipped': 9,
  'order.cancelled': 10,
  'carrier.picked_up': 0,
  'carrier.in_transit': 1,
  'carrier.exception': 2,
  'carrier.delivered': 3,
  'return.requested': 0,
  'return.authorized': 1,
  'return.rejected': 2,
  'return.received': 3,
  'return.inspected': 4,
  'return.refund_approved': 5,
  'return.refunded': 6,
  'return.closed': 7,
  'exception.assigned': 20,
  'exception.resolved': 21,
};
export function compareStored(a: StoredEvent, b: StoredEvent): number {
  return a.t - b.t || (RANK[a.type] ?? 50) - (RANK[b.type] ?? 50) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function toStored(event: OpsEvent): StoredEvent {
  return { id: event.event_id, type: event.type, t: Date.parse(event.occurred_at), d: event.data as Record<string, unknown> };
}

/** Most entities hold a dozen events; an inventory position can collect thousands, so keep the newest. */
export const MAX_SNAPSHOT_EVENTS = 400;

export function withEvents(snapshot: Snapshot, fresh: StoredEvent[]): Snapshot {
  const events = [...snapshot.events, ...fresh].sort(compareStored);
  if (events.length <= MAX_SNAPSHOT_EVENTS) return { events, truncatedBefore: snapshot.truncatedBefore };
  const kept = events.slice(events.length - MAX_SNAPSHOT_EVENTS);
  return { events: kept, truncatedBefore: kept[0].t };
}

export const encodeSnapshot = (s: Snapshot) => JSON.stringify(s);
export const EMPTY: Snapshot = Object.freeze({ events: [] }) as Snapshot;

/**
 * Snapshots of the entities this process owns, newest first. The processor is the only writer of
 * an entity while it owns the partition, so a cached snapshot is the stored one; the cache is
 * dropped whenever partitions move.
 */
export class SnapshotCache {
  private map = new Map<string, { snapshot: Snapshot; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(id: string): Snapshot | undefined {
    const hit = this.map.get(id);
    if (!hit) return undefined;
    this.map.delete(id);
    this.map.set(id, hit);
    return hit.snapshot;
  }

  set(id: string, snapshot: Snapshot, bytes: number) {
    const old = this.map.get(id);
    if (old) {
      this.bytes -= old.bytes;
      this.map.delete(id);
    }
    this.map.set(id, { snapshot, bytes });
    this.bytes += bytes;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= v.bytes;
    }
  }

  clear() {
    this.map.clear();
    this.bytes = 0;
  }

  get size() {
    return this.map.size;
  }
}

const CHUNK = 5000;

/** Loads the snapshots of `ids`, from the cache where possible; unknown entities get EMPTY. */
export async function loadSnapshots(store: Store, cache: SnapshotCache, ids: string[]): Promise<Map<string, Snapshot>> {
  const out = new Map<string, Snapshot>();
  const missing: string[] = [];
  for (const id of ids) {
    const hit = cache.get(id);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  for (let i = 0; i < missing.length; i += CHUNK) {
    const chunk = missing.slice(i, i + CHUNK);
    const rows = await queryRows<{ entity: string; state: string }>(
      store,
      'SELECT entity, state FROM entity_snapshots WHERE entity IN {ids:Array(String)}',
      { ids: chunk },
    );
    for (const r of rows) {
      const snapshot = JSON.parse(r.state) as Snapshot;
      out.set(r.entity, snapshot);
      cache.set(r.entity, snapshot, r.state.length);
    }
  }
  for (const id of ids) if (!out.has(id)) out.set(id, EMPTY);
  return out;
}
