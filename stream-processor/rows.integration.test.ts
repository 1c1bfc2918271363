import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventSchema, entityKeyOf, familyOf, type EventType } from '@/lib/events';
import { EXAMPLE_DATA, example } from '@/lib/events/fixtures';
import { insertTsv, openStore, queryRows, type StoreHandle } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { RAW_TABLE, rawEncoder, type RawEncoder } from './rows';

let store: StoreHandle;
let encoder: RawEncoder;
beforeAll(async () => {
  store = await openStore({ clickhouse: null, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ops-rows-')) });
  await migrate(store.client);
  encoder = await rawEncoder(store.client);
});
afterAll(async () => store?.close());

/** Fields an event carries that have no column of their own: `lines` has lines.*, an action's entity_id its family's key columns. */
const NOT_COLUMNS = new Set(['lines', 'entity_id']);

describe('raw event rows', () => {
  it('every field of every event type has a column of its family’s raw table (a new field needs a migration)', () => {
    for (const option of eventSchema.options) {
      const type = option.shape.type.value as EventType;
      const family = familyOf(example(type));
      const fields = Object.keys((option.shape.data as unknown as { shape: Record<string, unknown> }).shape);
      for (const f of fields)
        if (!NOT_COLUMNS.has(f))
          expect(encoder.columns[family], `${type}.data.${f} in ${RAW_TABLE[family]}`).toContain(f);
    }
  });

  it('stores each example event’s fields in their columns, times as times, and the JSON as received', async () => {
    const message = {
      topic: 't',
      partition: 3,
      offset: '42',
      key: null,
      value: Buffer.alloc(0),
      timestamp: 0,
      headers: {},
    };
    for (const type of Object.keys(EXAMPLE_DATA) as EventType[]) {
      const event = example(type);
      const family = familyOf(event);
      const raw = JSON.stringify(event);
      await insertTsv(
        store.client,
        RAW_TABLE[family],
        encoder.columns[family],
        Buffer.from(encoder.row(family, { event, key: entityKeyOf(event), raw, message }, Date.UTC(2026, 10, 18))),
      );
      const [row] = await queryRows<Record<string, unknown>>(
        store.reader,
        `SELECT * FROM ${RAW_TABLE[family]} WHERE event_id = {id:String}`,
        { id: event.event_id },
      );
      expect(row, type).toMatchObject({
        type,
        raw,
        bus_partition: 3,
        bus_offset: 42,
        occurred_at: event.occurred_at.replace('T', ' ').replace('Z', ''),
      });
      for (const [k, v] of Object.entries(event.data as Record<string, unknown>)) {
        if (NOT_COLUMNS.has(k)) continue;
        const stored = row[k];
        if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v))
          expect(Date.parse(`${String(stored).replace(' ', 'T')}Z`), `${type}.${k}`).toBe(Date.parse(v));
        else expect(stored, `${type}.${k}`).toEqual(v);
      }
    }
  });
});
