/**
 * A ClickHouse HTTP endpoint backed by chDB, for tests and benchmarks on machines where no
 * ClickHouse server can be installed (this one: Debian ships 18.16, far too old). It is real
 * ClickHouse (chDB is the ClickHouse engine in-process); only the HTTP layer is ours, and it covers
 * what @clickhouse/client sends: POST with the query in the body or `query=`, insert data in the
 * body, `param_*` bind parameters (URL or multipart), settings as URL parameters, `default_format`,
 * GET /ping. Several processes (web app, processor replicas) can then share one store, and the
 * store can be stopped and started to test outages. Production uses a real ClickHouse server.
 *
 *   node --import tsx scripts/chdb-server.ts --path DIR --port N
 */
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { Session } from 'chdb';

const { values } = parseArgs({
  options: {
    path: { type: 'string' },
    port: { type: 'string', default: '8123' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
if (!values.path) throw new Error('--path is required');
// Like a server's, settings sent with a request last for that request only: each request takes a
// session of its own from a small pool and resets what it set before handing it back.
const POOL = 4;
const idle: Session[] = Array.from({ length: POOL }, () => new Session(values.path!));
const waiting: ((s: Session) => void)[] = [];
const acquire = () =>
  new Promise<Session>((resolve) => (idle.length > 0 ? resolve(idle.pop()!) : waiting.push(resolve)));
const release = (s: Session) => (waiting.length > 0 ? waiting.shift()!(s) : idle.push(s));
const connectionOf = (s: Session) => (s as unknown as { connection: unknown }).connection;
// Bind values arrive already in ClickHouse's parameter text form; Session.queryBindAsync would escape
// them a second time, so they go to the native call as they are. The engine's parameter state is
// process-wide, so parameterized queries run one at a time (as chdb itself does).
const require = createRequire(import.meta.url);
const native = require(path.join(path.dirname(require.resolve('chdb')), 'dist/loader.js')).loadNative() as {
  QueryAsyncConnection(
    conn: unknown,
    sql: string,
    format: string,
    bound?: Record<string, string>,
  ): Promise<{ bytes?: Uint8Array; buffer?: Uint8Array; rowsRead?: number; bytesRead?: number }>;
};
let paramChain: Promise<unknown> = Promise.resolve();
function queryBound(conn: unknown, sql: string, format: string, bound: Record<string, string>) {
  const run = paramChain.then(() => native.QueryAsyncConnection(conn, sql, format, bound));
  paramChain = run.catch(() => undefined);
  return run;
}

// Exiting while a native query runs can hang the process in chDB's teardown (seen about once in
// ten stops under insert load), so a stop drops the connections, lets every request in hand
// finish and hand its session back, closes the sessions, and only then exits.
let stopping = false;
const inflight = new Set<Promise<unknown>>();

const NOT_SETTINGS = new Set([
  'query',
  'query_id',
  'database',
  'default_format',
  'session_id',
  'role',
  'user',
  'password',
  'compress',
  'decompress',
]);
const HTTP_ONLY = new Set([
  'wait_end_of_query',
  'enable_http_compression',
  'send_progress_in_http_headers',
  'http_headers_progress_interval_ms',
  'http_zlib_compression_level',
]);

function multipart(body: Buffer, contentType: string): Map<string, string> {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  const parts = new Map<string, string>();
  if (!boundary) return parts;
  for (const chunk of body.toString('utf8').split(`--${boundary}`)) {
    const m = /name="([^"]+)"\r\n\r\n([\s\S]*)\r\n$/.exec(chunk);
    if (m) parts.set(m[1], m[2]);
  }
  return parts;
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/ping') return res.end('Ok.\n');
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const params = new Map(url.searchParams);
  let text = body.toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    for (const [k, v] of multipart(body, type)) params.set(k, v);
    text = '';
  }
  const sql = params.has('query') ? `${params.get('query')}${text ? `\n${text}` : ''}` : text;
  const bind: Record<string, string> = {};
  const sets: string[] = [];
  const names: string[] = [];
  for (const [k, v] of params) {
    if (k.startsWith('param_')) bind[k.slice(6)] = v;
    else if (!NOT_SETTINGS.has(k) && !HTTP_ONLY.has(k) && /^[a-z_0-9]+$/i.test(k)) {
      sets.push(`SET ${k} = '${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
      names.push(k);
    }
  }
  const format = params.get('default_format') ?? 'TabSeparated';
  const full = [...sets, sql].join(';\n');
  const queryId = params.get('query_id') ?? randomUUID();
  const session = await acquire();
  const conn = connectionOf(session);
  try {
    if (stopping) throw new Error('Code: 210. DB::Exception: the server is shutting down');
    const result =
      Object.keys(bind).length > 0
        ? await queryBound(conn, full, format, bind)
        : await native.QueryAsyncConnection(conn, full, format);
    const summary = {
      read_rows: String(result.rowsRead ?? 0),
      read_bytes: String(result.bytesRead ?? 0),
      written_rows: '0',
      written_bytes: '0',
      total_rows_to_read: '0',
      result_rows: '0',
      result_bytes: '0',
      elapsed_ns: '0',
    };
    const bytes = result.bytes ?? result.buffer ?? new Uint8Array(0);
    res.writeHead(200, {
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Query-Id': queryId,
      'X-ClickHouse-Format': format,
      'X-ClickHouse-Summary': JSON.stringify(summary),
    });
    res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    const message = (err as Error).message.replace(/^(Code: \d+\. DB::Exception: )+/, '');
    const code = /Code: (\d+)/.exec((err as Error).message)?.[1] ?? '1001';
    res.writeHead(500, {
      'Content-Type': 'text/plain; charset=UTF-8',
      'X-ClickHouse-Query-Id': queryId,
      'X-ClickHouse-Exception-Code': code,
    });
    res.end(`Code: ${code}. DB::Exception: ${message}\n`);
  } finally {
    if (names.length > 0)
      await native
        .QueryAsyncConnection(conn, names.map((n) => `SET ${n} = DEFAULT`).join(';\n'), 'TabSeparated')
        .catch(() => undefined);
    release(session);
  }
}

const server = http.createServer({ maxHeaderSize: 4 * 1024 * 1024 }, (req, res) => {
  const handling = handle(req, res)
    .catch((err) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(500);
      res.end(`Code: 1001. DB::Exception: ${(err as Error).message}\n`);
    })
    .finally(() => inflight.delete(handling));
  inflight.add(handling);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(values.port), values.host, () =>
  console.log(`chdb-server listening on ${values.host}:${values.port}`),
);
const stop = async () => {
  if (stopping) return;
  stopping = true;
  server.close();
  // Keep-alive and in-flight connections would hold close() open; clients reconnect on their own.
  server.closeAllConnections();
  while (inflight.size > 0) await Promise.allSettled([...inflight]);
  for (const s of idle) s.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
