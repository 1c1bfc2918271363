import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { TSV_SETTINGS } from './tsv';
import { slices } from '../slices';
import { oneAtATime } from './oneAtATime';
import type { Config } from '../config';

export type Store = ClickHouseClient;
export type StoreKind = 'chdb' | 'clickhouse';

/** Settings every session gets, so chDB and a ClickHouse server answer in the same shapes. */
export const SESSION_SETTINGS: ClickHouseSettings = {
  // Counts as JSON numbers (the server default quotes 64-bit integers).
  output_format_json_quote_64bit_integers: 0,
  date_time_input_format: 'best_effort',
};

export interface StoreHandle {
  kind: StoreKind;
  /** Writes and the processor's lookups. */
  client: Store;
  /** Dashboard and API reads; a separate connection so reads never queue behind a large insert. */
  reader: Store;
  close(): Promise<void>;
}

function serverClient(cfg: NonNullable<Config['clickhouse']>): Store {
  return createClient({
    url: cfg.url,
    username: cfg.username,
    password: cfg.password,
    database: cfg.database,
    clickhouse_settings: SESSION_SETTINGS,
    request_timeout: 60_000,
    max_open_connections: 16,
    // Large bind parameters (the processor's snapshot lookups) go in a multipart body, not the URL.
    use_multipart_params_auto: true,
    // Callers log failures with context; the client's own error log would print each one twice.
    log: { level: ClickHouseLogLevel.OFF },
  });
}

/**
 * The writer's statements run at a lower CPU priority than the process's own threads (the event
 * loop) and the dashboard's reads: under overload the engine's threads took the cores from the loop
 * that answers health probes and pushes, and from the board's queries. Linux nice values, applied
 * per query thread; the engine ignores them without CAP_SYS_NICE (it could not undo them).
 */
export const WRITER_NICE: ClickHouseSettings = {
  os_thread_priority: '10',
  os_threads_nice_value_materialized_view: 10,
};
/**
 * Reads set theirs too, just below the loop's: 0 means "leave the thread as it is", and a pooled
 * thread the engine started from a writer's thread inherits nice 10 (Linux), so a read it served ran
 * at 10 (seen in CI). A value set is put back to 0 as the thread leaves the statement.
 */
export const READER_NICE: ClickHouseSettings = { os_thread_priority: '1' };

/** A setting's value as SQL: numbers as they are, booleans as 0/1, text quoted (`'` doubled). */
const settingLiteral = (v: unknown) =>
  typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? '1' : '0') : `'${String(v).replace(/'/g, "''")}'`;

async function chdbClient(dataDir: string, priority: ClickHouseSettings = {}): Promise<Store> {
  fs.mkdirSync(dataDir, { recursive: true });
  // Loaded lazily: the native engine is only needed in embedded mode.
  const { createChdbConnection } = await import('chdb/connection');
  const connection = createChdbConnection({ path: dataDir });
  const client = createClient({ connection } as Parameters<typeof createClient>[0]);
  // A chDB connection is a session: a SET holds for every later statement on it. Settings given to
  // the client would instead be sent as SET statements before every statement (~2 ms each time).
  for (const [name, value] of Object.entries({ ...SESSION_SETTINGS, ...priority }))
    await client.command({ query: `SET ${name} = ${settingLiteral(value)}` });
  // chDB's own raw insert hands the Buffer to the engine as is; the client's insert would first
  // turn it into one SQL string (docs/benchmarks.md).
  RAW_INSERT.set(client, async (table, columns, body, settings) => {
    await connection.chdb.rawInsert({
      table,
      columns,
      values: body,
      format: 'TabSeparated',
      settings: { ...settings, ...priority } as Record<string, string | number>,
    });
  });
  return client;
}

type RawInsert = (
  table: string,
  columns: readonly string[],
  body: Buffer,
  settings: Record<string, string | number>,
) => Promise<void>;
const RAW_INSERT = new WeakMap<object, RawInsert>();

/** Inserts TabSeparated rows (lib/store/tsv.ts) into `table`: chDB's raw insert, or the server's HTTP insert. */
export async function insertTsv(store: Store, table: string, columns: readonly string[], body: Buffer): Promise<void> {
  if (body.length === 0) return;
  const raw = RAW_INSERT.get(store);
  if (raw) return raw(table, columns, body, TSV_SETTINGS);
  await store.insert({
    table,
    columns: [...columns] as [string, ...string[]],
    values: Readable.from(body, { objectMode: false }),
    format: 'TabSeparated',
    clickhouse_settings: TSV_SETTINGS,
  });
}

/** ClickHouse server when CLICKHOUSE_URL is set, otherwise chDB bound to OPS_DATA_DIR. */
export async function openStore(config: Pick<Config, 'clickhouse' | 'dataDir'>): Promise<StoreHandle> {
  if (config.clickhouse) {
    const client = serverClient(config.clickhouse);
    const reader = serverClient(config.clickhouse);
    return {
      kind: 'clickhouse',
      client,
      reader,
      close: async () => void (await Promise.all([client.close(), reader.close()])),
    };
  }
  const inflight = new Set<Promise<unknown>>();
  const writers = await Promise.all(
    Array.from({ length: WRITER_CONNECTIONS }, () => chdbClient(config.dataDir, WRITER_NICE)),
  );
  const readers = [await chdbClient(config.dataDir, READER_NICE)];
  const client = tracked(writers, inflight);
  const reader = tracked(readers, inflight);
  return {
    kind: 'chdb',
    client,
    reader,
    close: async () => {
      // Closing chDB while a query runs can hang the process's exit in the engine's teardown
      // (reproduced with scripts/chdb-server.ts: about one stop in ten under insert load).
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
      for (const c of [...readers, ...writers]) await c.close();
    },
  };
}

/**
 * Connections the writer's calls are spread over: a chDB connection runs one statement at a time,
 * and the processor's independent statements (a pass's writes, the families' inserts) run side by
 * side on two, as on a ClickHouse server, using the machine's second core (docs/architecture.md).
 */
const WRITER_CONNECTIONS = 2;

/**
 * chDB connections as one client: every running call in `inflight` so a close can wait for them;
 * each call goes to the connection with the fewest calls in hand and is handed to the engine one at
 * a time per connection (`oneAtATime`: a waiting chDB call would hold a libuv thread).
 */
function tracked(stores: Store[], inflight: Set<Promise<unknown>>): Store {
  const calls = new Set<PropertyKey>(['query', 'insert', 'command', 'exec']);
  const lanes = stores.map((store) => ({ store, raw: RAW_INSERT.get(store), queue: oneAtATime(), load: 0 }));
  const inTurn = <T>(start: (lane: (typeof lanes)[number]) => Promise<T>): Promise<T> => {
    const lane = lanes.reduce((a, b) => (b.load < a.load ? b : a));
    lane.load++;
    const p = lane.queue(() => start(lane));
    inflight.add(p);
    const done = () => {
      lane.load--;
      inflight.delete(p);
    };
    void p.then(done, done);
    return p;
  };
  const proxy = new Proxy(stores[0], {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!calls.has(prop)) return value.bind(target);
      return (...args: unknown[]) =>
        inTurn(({ store }) =>
          (Reflect.get(store, prop, store) as (...a: unknown[]) => Promise<unknown>).apply(store, args),
        );
    },
  });
  if (lanes[0].raw) RAW_INSERT.set(proxy, (...args) => inTurn(({ raw }) => raw!(...args)));
  return proxy;
}

export async function queryRows<T>(store: Store, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const rs = await store.query({ query, query_params: params, format: 'JSONEachRow' });
  return parseRows<T>(await rs.text());
}

/**
 * JSONEachRow text → rows, a line at a time in slices: a sweep's read of every open order is tens
 * of MB, and parsed in one piece it held the event loop for a quarter of a second.
 */
export async function parseRows<T>(text: string): Promise<T[]> {
  const rows: T[] = [];
  const slice = slices();
  for (let start = 0; start < text.length;) {
    const pause = slice();
    if (pause) await pause;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) rows.push(JSON.parse(text.slice(start, end)) as T);
    start = end + 1;
  }
  return rows;
}
