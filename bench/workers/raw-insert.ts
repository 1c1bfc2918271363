/**
 * Ceiling: the same events inserted into one MergeTree table (envelope columns and the JSON as
 * received) with the store's fastest insert (TabSeparated, chDB's raw insert), with nothing else
 * done: no validation, dedupe or derivation. Rows are encoded outside the timed section.
 * Prints one JSON line. Env: DATASET, STORE_DIR or CLICKHOUSE_URL, BATCH.
 */
import type { OpsEvent } from '@/lib/events';
import { insertTsv, openStore } from '@/lib/store/client';
import { tsvRow } from '@/lib/store/tsv';
import { chunks, peakRssMb } from '../lib';

const store = await openStore({
  clickhouse: process.env.CLICKHOUSE_URL ? { url: process.env.CLICKHOUSE_URL } : null,
  dataDir: process.env.STORE_DIR ?? '',
});
await store.client.command({ query: 'DROP TABLE IF EXISTS bench_raw' });
await store.client.command({
  query: `CREATE TABLE bench_raw (event_id String, type LowCardinality(String), occurred_at DateTime64(3, 'UTC'), source LowCardinality(String), raw String CODEC(ZSTD(3)))
          ENGINE = MergeTree ORDER BY (type, occurred_at, event_id)`,
});
const columns = ['event_id', 'type', 'occurred_at', 'source', 'raw'];
let rows = 0;
let ms = 0;
for await (const chunk of chunks(process.env.DATASET!, Number(process.env.BATCH ?? 20000))) {
  const body = Buffer.from(
    chunk
      .map((l) => {
        const e = JSON.parse(l.json) as OpsEvent;
        return tsvRow([e.event_id, e.type, Date.parse(e.occurred_at), e.source, l.json]);
      })
      .join(''),
  );
  const t = performance.now();
  await insertTsv(store.client, 'bench_raw', columns, body);
  ms += performance.now() - t;
  rows += chunk.length;
}
await store.close();
console.log(JSON.stringify({ rows, seconds: ms / 1000, rowsPerSecond: rows / (ms / 1000), peakRssMb: peakRssMb() }));
