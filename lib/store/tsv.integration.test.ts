import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTsv, openStore, queryRows, type StoreHandle } from './client';
import { tsvRow } from './tsv';

let store: StoreHandle;
beforeAll(async () => {
  store = await openStore({ clickhouse: null, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ops-tsv-')) });
  await store.client.command({
    query: `CREATE TABLE t (s String, t DateTime64(3, 'UTC'), n Nullable(DateTime64(3, 'UTC')), a Array(String), d Nullable(Decimal(18, 4)), b Nullable(Bool)) ENGINE = MergeTree ORDER BY s`,
  });
});
afterAll(async () => store?.close());

describe('TabSeparated through chDB’s raw insert', () => {
  it('round-trips every byte of awkward text, epoch-ms times, nulls, arrays and decimals', async () => {
    // Pretty-printed JSON holds "\n\n": chdb 3.4's raw insert cuts a binary payload there; TSV escapes it away.
    const pretty = JSON.stringify({ note: 'line one\n\nline three', tab: '\t', quote: "it's", back: '\\' }, null, 2);
    const rows: [string, number, number | null, string[], number | null, boolean | null][] = [
      [pretty, Date.UTC(2026, 10, 18, 15, 0, 0, 123), null, ["o'neil", 'back\\slash', 'new\nline', ''], 1e-7, true],
      ['plain', Date.UTC(2000, 0, 1), Date.UTC(2026, 10, 18), [], 123456789.1234, null],
      ['ünïcødé 😀', Date.UTC(2026, 0, 1, 0, 0, 0, 1), Date.UTC(2026, 0, 1, 0, 0, 0, 999), ['😀'], null, false],
    ];
    const body = Buffer.from(rows.map((r) => tsvRow(r)).join(''));
    expect(body.includes('\n\n')).toBe(false);
    await insertTsv(store.client, 't', ['s', 't', 'n', 'a', 'd', 'b'], body);
    const back = await queryRows<{
      s: string;
      ms: number;
      n: number | null;
      a: string[];
      d: number | null;
      b: boolean | null;
    }>(store.reader, 'SELECT s, toUnixTimestamp64Milli(t) AS ms, toUnixTimestamp64Milli(n) AS n, a, d, b FROM t');
    const bySource = new Map(back.map((r) => [r.s, r]));
    for (const [s, t, n, a, d, b] of rows) {
      expect(bySource.get(s)).toEqual({ s, ms: t, n, a, d: d === 1e-7 ? 0 : d, b });
    }
  });

  it('says which row the store could not read', async () => {
    await expect(
      insertTsv(store.client, 't', ['s', 't'], Buffer.from('ok\t1763478000000\nbad\tnot-a-time\n')),
    ).rejects.toThrow(/row 2|DateTime/i);
  });
});
