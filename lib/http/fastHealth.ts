import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkHealth } from '../health';
import { getRuntime } from '../runtime';
import SECURITY from './security-headers.json' with { type: 'json' };

const HEADERS: Record<string, string> = {
  ...SECURITY,
  'content-type': 'application/json',
  'cache-control': 'no-store',
};

/**
 * GET /api/health answered by the HTTP server itself, before Next.js: through Next's request
 * pipeline an answer took a few dozen turns of the event loop, and under ingest load each turn
 * waited behind the processor's and the rules' slices (bench:overload: p50 27-36 ms through Next,
 * 9 ms here). The body is lib/health.ts's; the security headers are Next's answers' own list.
 * Returns whether it answered; there is no Next route for it.
 */
export function answerHealth(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = req.url?.split('?')[0];
  if (path !== '/api/health') return false;
  const body = JSON.stringify(checkHealth(getRuntime()));
  res.writeHead(200, { ...HEADERS, 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
