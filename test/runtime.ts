import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerHealth } from '@/lib/http/fastHealth';
import { setRuntime, type Runtime } from '@/lib/runtime';
import { startEmbedded, TEST_TOKENS, type Embedded } from './embedded';
import { EVENTS } from './scenario';

/** Publishes an embedded test stack as the runtime route handlers read, so handlers can be called directly. */
export const ADMIN_TOKEN = TEST_TOKENS.admin;

/** Publishes the stack's runtime where route handlers read it, so handlers can be called directly. */
export function publishRuntime(stack: Embedded): Runtime {
  setRuntime(stack.rt);
  return stack.rt;
}

/** A request as the test admin (bearer token) unless `headers` say otherwise. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const get = (url: string, headers: Record<string, string> = bearer(ADMIN_TOKEN)) =>
  new Request(`http://test${url}`, { headers });
export const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`http://test${url}`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...headers },
  });

/** The route tests' stack: started, the hand-computed scenario applied, published as the runtime. */
export async function startScenarioRuntime(opts: Parameters<typeof startEmbedded>[0] = {}): Promise<Embedded> {
  const stack = await startEmbedded(opts);
  publishRuntime(stack);
  await stack.post(EVENTS);
  await stack.settled();
  return stack;
}

/**
 * GET /api/health as the server answers it (lib/http/fastHealth.ts, before Next), over a real
 * HTTP connection to a listener that answers 404 to anything else, for the runtime published last.
 */
export async function health(method = 'GET', path = '/api/health'): Promise<Response> {
  const server = createServer((req, res) => {
    if (!answerHealth(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { method });
    return new Response(await res.arrayBuffer(), { status: res.status, headers: res.headers });
  } finally {
    server.close();
  }
}
