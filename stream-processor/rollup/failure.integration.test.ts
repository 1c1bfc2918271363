import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store, type StoreHandle } from '@/lib/store/client';
import { migrate } from '@/lib/store/migrate';
import { rollup } from './index';

let store: StoreHandle;
beforeAll(async () => {
  store = await openStore({ clickhouse: null, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ops-rollup-fail-')) });
  await migrate(store.client);
});
afterAll(async () => store?.close());

/** The store, except that every INSERT fails at once: a ClickHouse server that went away mid-pass. */
function failingWrites(inner: Store): Store {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop !== 'command') return Reflect.get(target, prop, receiver);
      return (params: { query: string }) =>
        /^\s*INSERT/.test(params.query)
          ? Promise.reject(new Error('socket hang up'))
          : target.command(params as Parameters<Store['command']>[0]);
    },
  });
}

it('a write that fails while the pass waits for another statement fails the pass, not the process', async () => {
  // Seen in CI: a ClickHouse server stopped mid-pass, a family's write failed while the pass awaited
  // the exceptions table, and the processor died of an unhandled rejection instead of retrying.
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', listener);
  try {
    const touched = [
      { family: 'orders' as const, key: 'o-fail-1' },
      { family: 'inventory' as const, key: 'SKU-1@DC-EAST' },
    ];
    await expect(rollup(failingWrites(store.client), touched, { version: 1, now: Date.now() })).rejects.toThrow(
      'socket hang up',
    );
    // Unhandled rejections are reported after the microtasks drain: give them a turn.
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
    // The scratch tables went with the pass.
    const [{ n }] = await (
      await store.client.query({
        query:
          "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'rollup_')",
        format: 'JSONEachRow',
      })
    ).json<{ n: number }>();
    expect(Number(n)).toBe(0);
  } finally {
    process.off('unhandledRejection', listener);
  }
});
