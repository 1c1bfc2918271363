import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { openStore, type StoreHandle } from './client';
import { tempDir, waitFor } from '@/test/processes';

/** The nice value of each thread of this process that runs a query's pipeline (by the engine's thread names). */
function pipelineNice(): number[] {
  return fs.readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // Field 19 of /proc/<pid>/task/<tid>/stat; the fields after the name start at field 3.
      return name.startsWith('QueryPipelineEx') ? [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])] : [];
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
    for (const n of pipelineNice()) seen.add(n);
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
  expect([...(await niceWhile(() => query(s.client)))]).toEqual([10]);
  // The engine puts a thread back at 0 as it leaves the statement, which may be just after the
  // result came: the read is judged once every pipeline thread has left the write.
  await waitFor(
    'the pipeline threads back at 0',
    async () => pipelineNice().every((n) => n === 0) || undefined,
    10_000,
    10,
  );
  expect([...(await niceWhile(() => query(s.reader)))]).toEqual([0]);
});
