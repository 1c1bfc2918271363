import { randomUUID } from 'node:crypto';
import type { BusMessage } from '../bus/types';
import type { ValidationIssue } from '../events';
import type { Store } from './client';
import { toChTime } from './time';
import { now as clockNow } from '../clock';

/** A row of the `ingest` Null table; `kind` routes it to its table (clickhouse/003 and later). */
export type IngestRow = { kind: string } & Record<string, unknown>;

export interface DeadLetter {
  stage: 'api' | 'processor';
  reason: string;
  errors: ValidationIssue[];
  raw: string;
  /** The payload exactly as it arrived, when it came off the bus (it may not be UTF-8). */
  rawBytes?: Buffer;
  eventId?: string;
  eventType?: string;
  message?: Pick<BusMessage, 'topic' | 'partition' | 'offset' | 'key'>;
}

/** Valid UTF-8 is stored as text; anything else as base64, so no byte is lost. */
function rawColumns(dl: DeadLetter): { raw: string; raw_encoding: 'utf8' | 'base64' } {
  if (!dl.rawBytes) return { raw: dl.raw, raw_encoding: 'utf8' };
  const text = dl.rawBytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(dl.rawBytes) ? { raw: text, raw_encoding: 'utf8' } : { raw: dl.rawBytes.toString('base64'), raw_encoding: 'base64' };
}

export function deadLetterRow(dl: DeadLetter, now: number): IngestRow {
  return {
    kind: 'dead_letter',
    dead_letter_id: randomUUID(),
    ingested_at: toChTime(now),
    stage: dl.stage,
    reason: dl.reason.slice(0, 4000),
    errors: JSON.stringify(dl.errors.slice(0, 50)),
    event_id: dl.eventId ?? '',
    event_type: dl.eventType ?? '',
    ...rawColumns(dl),
    bus_topic: dl.message?.topic ?? '',
    bus_partition: dl.message?.partition ?? -1,
    bus_offset: dl.message ? Number(dl.message.offset) : -1,
    bus_key: dl.message?.key ?? '',
  };
}

/** Dead letters written on their own (the HTTP ingest path); the processor batches them with events. */
export async function storeDeadLetters(store: Store, dls: DeadLetter[]): Promise<void> {
  if (dls.length === 0) return;
  const now = clockNow();
  await store.insert({ table: 'ingest', values: dls.map((d) => deadLetterRow(d, now)), format: 'JSONEachRow' });
}
