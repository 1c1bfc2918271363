import { expect, it } from 'vitest';
import { openStore } from '@/lib/store/client';
import { sleep, startClickHouse, tempDir } from './processes';

// A stop that lands while the engine runs a query used to hang the endpoint's exit now and then
// (a libuv worker stuck in chDB while process.exit joined it: about one stop in ten), which froze
// the outage test of the Kafka suite. Twenty short rounds show a one-in-ten hang in 88 % of runs
// (forty took a minute of the suite's CPU for 98.5 %; the endpoint is test equipment, not product).
it('the test ClickHouse endpoint stops promptly, round after round, while inserts run', async () => {
  const dir = tempDir('ops-ch-stop-');
  let ch = await startClickHouse(dir);
  const store = await openStore({ clickhouse: { url: ch.url }, dataDir: '' }); // migrates: the real tables and views
  try {
    for (let round = 0; round < 20; round++) {
      let go = true;
      const insert = () =>
        store.client.command({
          query: 'INSERT INTO order_events (event_id) SELECT toString(generateUUIDv4()) FROM numbers(2000)',
        });
      const load = Promise.all(
        Array.from({ length: 3 }, async () => {
          while (go) await insert().catch(() => sleep(20));
        }),
      );
      await sleep(150 + ((round * 37) % 400));
      // stop() fails, naming the process, if it is still running 10 s after SIGTERM.
      const code = await ch.stop(10_000).finally(() => (go = false));
      expect(code, `round ${round}`).toBe(0);
      await load;
      ch = await startClickHouse(dir, ch.port);
    }
  } finally {
    await store.close();
    await ch.stop();
  }
}, 300_000);
