/**
 * Ceiling: the same raw event rows the processor writes, inserted with nothing else done (no
 * validation, dedupe, snapshots or derivation). Rows are built outside the timed section.
 * Prints one JSON line. Env: DATASET, STORE_DIR or CLICKHOUSE_URL, BATCH.
 */
import { entityKeyOf, familyOf, type OpsEvent } from '@/lib/events';
import { openStore } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { eventRow } from '@/stream-processor/rows';
import { chunks, peakRssMb } from '../lib';

const store = await openStore({ clickhouse: process.env.CLICKHOUSE_URL ? { url: process.env.CLICKHOUSE_URL } : null, dataDir: process.env.STORE_DIR ?? '' });
await migrate(store.client);
const msg = { topic: 'bench', partition: 0, offset: '0', key: null, value: Buffer.alloc(0), timestamp: 0, headers: {} };
let rows = 0;
let ms = 0;
for await (const chunk of chunks(process.env.DATASET!, Number(process.env.BATCH ?? 20000))) {
  const now = Date.now();
  const values = chunk.map((l) => {
    const e = JSON.parse(l.json) as OpsEvent;
    return eventRow(e, familyOf(e), entityKeyOf(e), l.json, msg, now);
  });
  const t = performance.now();
  await store.client.insert({ table: 'ingest', values, format: 'JSONEachRow', clickhouse_settings: { input_format_parallel_parsing: 0 } });
  ms += performance.now() - t;
  rows += values.length;
}
await store.close();
console.log(JSON.stringify({ rows, seconds: ms / 1000, rowsPerSecond: rows / (ms / 1000), peakRssMb: peakRssMb() }));
