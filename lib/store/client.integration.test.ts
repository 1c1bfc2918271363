import { expect, it } from 'vitest';
import { openStore, READER_NICE, SESSION_SETTINGS, WRITER_NICE } from './client';
import { tempDir } from '@/test/processes';

it('closing the embedded store waits for the queries still running', async () => {
  const store = await openStore({ clickhouse: null, dataDir: tempDir('ops-chdb-close-') });
  const order: string[] = [];
  // Still running when close() is called right after: the call registers it before it returns.
  const running = store.reader
    .query({ query: 'SELECT count() AS n FROM numbers(3000000000) WHERE number % 7 = 3', format: 'JSONEachRow' })
    .then(async (rs) => {
      order.push('query done');
      return rs.json<{ n: number }>();
    });
  await store.close();
  order.push('closed');
  expect(order).toEqual(['query done', 'closed']);
  expect(Number((await running)[0].n)).toBeGreaterThan(0);
});

it('every embedded connection holds its settings, each statement after the first too', async () => {
  const store = await openStore({ clickhouse: null, dataDir: tempDir('ops-chdb-settings-') });
  try {
    for (const [side, settings] of [
      [store.client, { ...SESSION_SETTINGS, ...WRITER_NICE }],
      [store.reader, { ...SESSION_SETTINGS, ...READER_NICE }],
    ] as const) {
      const names = Object.keys(settings);
      const read = `SELECT [${names.map((n) => `toString(getSetting('${n}'))`).join(', ')}] AS v`;
      // getSetting answers a boolean setting as true/false; the values given are 0/1.
      const want = names.map((n) => String(settings[n as keyof typeof settings]));
      // Four statements on each side: the writer's calls alternate between its two connections.
      for (let i = 0; i < 4; i++) {
        const [{ v }] = await (await side.query({ query: read, format: 'JSONEachRow' })).json<{ v: string[] }>();
        expect(v.map((x) => ({ false: '0', true: '1' })[x] ?? x)).toEqual(want);
      }
    }
  } finally {
    await store.close();
  }
});
