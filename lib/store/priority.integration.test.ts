import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { openStore, type StoreHandle } from './client';
import { tempDir, waitFor } from '@/test/processes';

/**
 * The nice value of each thread of this process that runs a query's pipeline (by the engine's thread
 * names); `running`: only those on a core or ready for one (idle pool threads keep their name).
 */
function pipelineNice(running = false): number[] {
  return fs.readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // Fields 3 (state) and 19 (nice) of /proc/<pid>/task/<tid>/stat, after the name.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (!name.startsWith('QueryPipelineEx') || (running && fields[0] !== 'R')) return [];
      return [Number(fields[16])];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}

/** Every pipeline thread's nice value seen while `run` runs (sampled every 10 ms). */
async function niceWhile(run: () => Promise<unknown>): Promise<Set<number>> {
  const seen = new Set<number>();
  let done = false;
  const running = run().finally(() => (done = true));
  while (!done) {
    for (const n of pipelineNice(true)) seen.add(n);
    await new Promise((r) => setTimeout(r, 10));
  }
  await running;
  return seen;
}

const LONG = 'SELECT count() AS n FROM numbers(1500000000) WHERE number % 7 = 3';
let store: StoreHandle | undefined;
afterAll(() => store?.close());

it("the writer's statements run at a lower CPU priority than the dashboard's reads", async () => {
  store = await openStore({ clickhouse: null, dataDir: tempDir('ops-chdb-nice-') });
  const s = store;
  const query = (client: typeof s.client) => client.query({ query: LONG, format: 'JSONEachRow' }).then((r) => r.json());
  await s.client.command({ query: 'CREATE TABLE nice_t (a UInt64, b String) ENGINE = MergeTree ORDER BY a' });
  // A write and an insert at once: the engine starts pool threads from the writer's threads, and a
  // thread started from one at nice 10 is at 10 (Linux), until a statement sets its own.
  const insert = s.client.command({
    query: 'INSERT INTO nice_t SELECT number, toString(number) FROM numbers(1000000)',
  });
  expect([...(await niceWhile(() => query(s.client)))]).toEqual([10]);
  await insert;
  // The write's threads may still be leaving it just after its result came.
  await waitFor('no pipeline thread running', async () => pipelineNice(true).length === 0 || undefined, 10_000, 10);
  // The read runs at its own value, on whichever pool threads it gets. Left "as they are" (0), reads
  // after a few rounds of such writes ran wholly at 10 (docs/architecture.md); one did in CI.
  expect([...(await niceWhile(() => query(s.reader)))]).toEqual([1]);
});
