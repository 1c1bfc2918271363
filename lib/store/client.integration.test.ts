import { expect, it } from 'vitest';
import { openStore } from './client';
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
