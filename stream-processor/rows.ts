import type { Family, OpsEvent } from '@/lib/events';
import type { BusMessage } from '@/lib/bus/types';
import { toChTime } from '@/lib/store/time';

import type { IngestRow } from '@/lib/store/ingest';

export type { IngestRow };

const EVENT_KIND: Record<Family, string> = {
  orders: 'order_event',
  inventory: 'inventory_event',
  carrier: 'carrier_event',
  returns: 'return_event',
};

/** Data fields copied as-is into same-named columns (SPEC names are the column names). */
const SCALARS: Record<Family, string[]> = {
  orders: [
    'order_id', 'channel', 'customer_ref', 'warehouse_id', 'carrier', 'service_level', 'shipping_charged', 'fees',
    'reason', 'sku', 'qty_short', 'tracking_id', 'shipping_cost', 'to_warehouse', 'actor',
  ],
  inventory: ['sku', 'location', 'qty', 'unit_cost', 'qty_delta', 'reason', 'counted_qty', 'expected_qty', 'from_state', 'to_state', 'actor'],
  carrier: ['order_id', 'tracking_id', 'carrier', 'location', 'reason', 'actor'],
  returns: [
    'rma_id', 'order_id', 'sku', 'qty', 'reason', 'reason_detail', 'label_cost', 'warehouse_id', 'qty_received',
    'disposition', 'condition', 'serial_match', 'amount', 'method', 'restocking_fee', 'actor',
  ],
};
const TIMES = ['ship_by', 'promised_delivery_at'];
const EXCEPTION_FIELDS = ['exception_id', 'category', 'assignee', 'note', 'actor'];

type Line = { sku: string; qty: number; unit_price?: number; unit_cost?: number; category?: string };

function entityColumns(family: Family, key: string): Record<string, string> {
  if (family === 'returns') return { rma_id: key };
  if (family !== 'inventory') return { order_id: key };
  const at = key.lastIndexOf('@');
  return { sku: key.slice(0, at), location: key.slice(at + 1) };
}

export function eventRow(event: OpsEvent, family: Family, key: string, raw: string, message: BusMessage, now: number): IngestRow {
  const d = event.data as Record<string, unknown>;
  const row: IngestRow = {
    kind: EVENT_KIND[family],
    event_id: event.event_id,
    type: event.type,
    occurred_at: toChTime(Date.parse(event.occurred_at)),
    source: event.source,
    schema_version: event.schema_version,
    raw,
    ingested_at: toChTime(now),
    bus_topic: message.topic,
    bus_partition: message.partition,
    bus_offset: Number(message.offset),
  };
  const isException = event.type.startsWith('exception.');
  for (const f of isException ? EXCEPTION_FIELDS : SCALARS[family]) if (d[f] !== undefined) row[f] = d[f];
  if (isException) Object.assign(row, entityColumns(family, key));
  for (const f of TIMES) if (typeof d[f] === 'string') row[f] = toChTime(Date.parse(d[f] as string));
  if (Array.isArray(d.lines)) {
    const lines = d.lines as Line[];
    row['lines.sku'] = lines.map((l) => l.sku);
    row['lines.qty'] = lines.map((l) => l.qty);
    row['lines.unit_price'] = lines.map((l) => l.unit_price ?? 0);
    row['lines.unit_cost'] = lines.map((l) => l.unit_cost ?? 0);
    row['lines.category'] = lines.map((l) => l.category ?? '');
  }
  return row;
}

export function snapshotRow(entity: string, state: string, version: number, now: number): IngestRow {
  return { kind: 'snapshot', entity, state, version, ingested_at: toChTime(now) };
}

export function freshnessRow(family: Family, lastEventAt: number, lagMs: number, events: number, now: number): IngestRow {
  return {
    kind: 'freshness',
    family,
    last_event_at: toChTime(lastEventAt),
    ingested_at: toChTime(now),
    lag_ms: Math.max(0, Math.min(4_294_967_295, Math.round(lagMs))),
    events,
  };
}
