import type { BusMessage } from '@/lib/bus/types';
import { FAMILIES, type Family, type OpsEvent } from '@/lib/events';
import { queryRows, type Store } from '@/lib/store/client';
import { tsvField, type TsvValue } from '@/lib/store/tsv';

export const RAW_TABLE: Record<Family, string> = {
  orders: 'order_events',
  inventory: 'inventory_events',
  carrier: 'carrier_events',
  returns: 'return_events',
};

/** The entity key of each raw table's rows, as SQL (the key its events are partitioned by). */
export const RAW_KEY_SQL: Record<Family, string> = {
  orders: 'order_id',
  inventory: "concat(sku, '@', location)",
  carrier: 'order_id',
  returns: 'rma_id',
};

/** What a row is built from: the event, its entity key, the bytes as received, and where it came from. */
export interface RowSource {
  event: OpsEvent;
  key: string;
  raw: string;
  message: BusMessage;
  /** A count's tolerance verdict, taken when the count is first seen (inventory.counted only). */
  outside?: boolean;
}

type Field = (s: RowSource, now: number) => TsvValue;
type Line = Record<string, unknown>;

/** Columns an exception action fills from its entity id, per family (the rest of a row stays empty). */
function entityColumn(family: Family, column: string): ((s: RowSource) => string) | null {
  const id = (s: RowSource) => String((s.event.data as { entity_id: string }).entity_id);
  if (family === 'inventory' && (column === 'sku' || column === 'location')) {
    return (s) => {
      const key = id(s);
      const at = key.lastIndexOf('@');
      return column === 'sku' ? key.slice(0, at) : key.slice(at + 1);
    };
  }
  if (
    (family === 'returns' && column === 'rma_id') ||
    ((family === 'orders' || family === 'carrier') && column === 'order_id')
  )
    return id;
  return null;
}

const ENVELOPE: Record<string, Field> = {
  event_id: (s) => s.event.event_id,
  type: (s) => s.event.type,
  occurred_at: (s) => Date.parse(s.event.occurred_at),
  source: (s) => s.event.source,
  schema_version: (s) => s.event.schema_version,
  raw: (s) => s.raw,
  ingested_at: (_s, now) => now,
  bus_topic: (s) => s.message.topic,
  bus_partition: (s) => s.message.partition,
  bus_offset: (s) => Number(s.message.offset),
  outside: (s) => (s.outside ? 1 : 0),
};

/**
 * How each column of a raw table is filled. The columns are the table's own (DESCRIBE): an event
 * field goes to the column of the same name (SPEC names are column names), `lines[]` to the
 * `lines.*` columns, times become epoch milliseconds; the JSON as received is kept whole in `raw`.
 */
export function columnFields(family: Family, columns: { name: string; type: string }[]): Field[] {
  return columns.map(({ name, type }) => {
    if (ENVELOPE[name]) return ENVELOPE[name];
    const entity = entityColumn(family, name);
    if (name.startsWith('lines.')) {
      const f = name.slice('lines.'.length);
      const fallback = type.includes('String') ? '' : 0;
      return (s) => {
        const lines = (s.event.data as { lines?: Line[] }).lines;
        return Array.isArray(lines) ? lines.map((l) => (l[f] ?? fallback) as string | number) : [];
      };
    }
    const isTime = type.includes('DateTime');
    return (s) => {
      if (entity && s.event.type.startsWith('exception.')) return entity(s);
      const v = (s.event.data as Record<string, unknown>)[name];
      if (v === undefined || v === null) return null;
      if (isTime && typeof v === 'string') return Date.parse(v);
      return typeof v === 'object' ? JSON.stringify(v) : (v as TsvValue);
    };
  });
}

export interface RawEncoder {
  columns: Record<Family, string[]>;
  /** One TabSeparated line of the family's raw table. */
  row(family: Family, s: RowSource, now: number): string;
}

/** The encoder for the raw tables as they are in the store. */
export async function rawEncoder(store: Store): Promise<RawEncoder> {
  const columns = {} as Record<Family, string[]>;
  const fields = {} as Record<Family, Field[]>;
  for (const family of FAMILIES) {
    const cols = await queryRows<{ name: string; type: string; default_type: string }>(
      store,
      `DESCRIBE TABLE ${RAW_TABLE[family]}`,
    );
    const stored = cols.filter((c) => c.default_type !== 'MATERIALIZED' && c.default_type !== 'ALIAS');
    columns[family] = stored.map((c) => c.name);
    fields[family] = columnFields(family, stored);
  }
  return {
    columns,
    row(family, s, now) {
      const f = fields[family];
      let line = '';
      for (let i = 0; i < f.length; i++) line += (i === 0 ? '' : '\t') + tsvField(f[i](s, now));
      return `${line}\n`;
    },
  };
}
