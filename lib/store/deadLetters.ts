import { randomUUID } from 'node:crypto';
import type { BusMessage } from '../bus/types';
import type { ValidationIssue } from '../events';
import { insertTsv, type Store } from './client';
import { tsvRow } from './tsv';
import { now as clockNow } from '../clock';

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
function rawColumns(dl: DeadLetter): [string, 'utf8' | 'base64'] {
  if (!dl.rawBytes) return [dl.raw, 'utf8'];
  const text = dl.rawBytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(dl.rawBytes) ? [text, 'utf8'] : [dl.rawBytes.toString('base64'), 'base64'];
}

const COLUMNS = [
  'dead_letter_id',
  'received_at',
  'stage',
  'reason',
  'errors',
  'event_id',
  'event_type',
  'raw',
  'raw_encoding',
  'bus_topic',
  'bus_partition',
  'bus_offset',
  'bus_key',
];

export function deadLetterRow(dl: DeadLetter, now: number): string {
  return tsvRow([
    randomUUID(),
    now,
    dl.stage,
    dl.reason.slice(0, 4000),
    JSON.stringify(dl.errors.slice(0, 50)),
    dl.eventId ?? '',
    dl.eventType ?? '',
    ...rawColumns(dl),
    dl.message?.topic ?? '',
    dl.message?.partition ?? -1,
    dl.message ? Number(dl.message.offset) : -1,
    dl.message?.key ?? '',
  ]);
}

/** Keeps dead letters: the bytes as received, why, and where they came from. */
export async function storeDeadLetters(store: Store, dls: DeadLetter[]): Promise<void> {
  if (dls.length === 0) return;
  const now = clockNow();
  await insertTsv(store, 'dead_letters', COLUMNS, Buffer.from(dls.map((d) => deadLetterRow(d, now)).join('')));
}
