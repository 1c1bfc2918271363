import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, waitFor } from './processes';

/** What only the real HTTP server shows: how a connection ends after a refused body. */
const TOKEN = 'http-test-token-0123456789abcdef';
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ OPS_MAX_BODY_MB: '0.05', OPS_API_TOKENS: `it:integration:${TOKEN}` });
});
afterAll(async () => server?.stop());

/** Sends raw bytes on one connection; resolves with the first response's head, and whether the server then closed the connection. */
function exchange(request: (sock: net.Socket) => void) {
  return new Promise<{ status: number; headers: Record<string, string>; closedByServer: Promise<boolean> }>(
    (resolve, reject) => {
      const sock = net.connect(server.port, '127.0.0.1');
      let buf = '';
      let ended = false;
      const closed = new Promise<boolean>((r) => {
        sock.on('end', () => ((ended = true), r(true)));
        sock.on('close', () => r(ended));
        setTimeout(() => r(false), 15_000).unref();
      });
      sock.on('error', () => undefined);
      sock.on('data', (d) => {
        buf += d.toString('latin1');
        const at = buf.indexOf('\r\n\r\n');
        if (at < 0) return;
        const [statusLine, ...lines] = buf.slice(0, at).split('\r\n');
        const headers = Object.fromEntries(
          lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        resolve({
          status: Number(statusLine.split(' ')[1]),
          headers,
          closedByServer: closed.finally(() => sock.destroy()),
        });
      });
      sock.on('connect', () => request(sock));
      sock.on('error', reject);
    },
  );
}
const head = (extra: string) =>
  `POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\n${extra}\r\n`;

describe('a body over the limit', () => {
  it('chunked (no Content-Length): a 413 with Connection: close, and the server closes the connection cleanly', async () => {
    const r = await exchange((sock) => {
      sock.write(head('Transfer-Encoding: chunked\r\n'));
      const chunk = 'x'.repeat(16_384);
      for (let i = 0; i < 8; i++) sock.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      sock.write('0\r\n\r\n');
    });
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
    expect(await r.closedByServer).toBe(true);
  });

  it('declared too large: refused before reading, and the connection is closed too', async () => {
    const r = await exchange((sock) => sock.write(`${head('Content-Length: 200000\r\n')}[`));
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
    expect(await r.closedByServer).toBe(true);
  });

  it('a body read in full keeps the connection open for the next request', async () => {
    const body = '[]';
    const r = await exchange((sock) => sock.write(`${head(`Content-Length: ${body.length}\r\n`)}${body}`));
    expect(r.status).toBe(200);
    expect(r.headers.connection).not.toBe('close');
    await waitFor(
      'the server to answer a new connection',
      async () => (await fetch(`${server.url}/api/health`)).ok,
      10_000,
    );
  });
});
