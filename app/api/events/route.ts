import { getRuntime } from '@/lib/runtime';
import { guard } from '@/lib/auth/guard';
import { readBody } from '@/lib/http/body';
import { RateLimiter, refused, tooMany } from '@/lib/http/rateLimit';
import { apiError, json } from '@/lib/http/respond';
import { BodyError, parseEventsBody } from '@/lib/ingest/parse';
import { ingestItems } from '@/lib/ingest/accept';
import { storeDeadLetters } from '@/lib/store/deadLetters';

export const dynamic = 'force-dynamic';

// One limiter per configured rate (tests run several runtimes in one process).
const limiters = new Map<number, RateLimiter>();

/** POST /api/events: one event, a JSON array, or NDJSON (SPEC section 6). */
export async function POST(req: Request) {
  const g = await guard(req, 'events:post');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const rate = rt.config.limits.ingestPerSecond;
  const limiter = limiters.get(rate) ?? limiters.set(rate, new RateLimiter(rate * 2, rate)).get(rate)!;
  const caller = `${g.principal.kind}:${g.principal.name}`;
  // A caller with an empty bucket is refused before its body is read and parsed (up to OPS_MAX_BODY_MB).
  if (!limiter.has(caller, 1)) return tooMany(`more than ${rate} events per second`, limiter.retryAfter(caller));
  // Nor is a body read while the process is full of unprocessed work.
  const full = rt.admission.full(caller);
  if (full && !full.ok) return refused(full.status, full.reason, full.retryAfterS);
  const body = await readBody(req, rt.config.limits.maxBodyBytes);
  if ('response' in body) return body.response;
  let items;
  try {
    items = await parseEventsBody(body.bytes, req.headers.get('content-type'));
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    // Nothing of it was accepted; what was sent is kept, exactly, for whoever fixes the producer.
    if (err.raw)
      await storeDeadLetters(rt.store.client, [
        {
          stage: 'api',
          reason: err.message,
          errors: [{ path: '(body)', message: err.message }],
          raw: err.raw.toString('utf8'),
          rawBytes: err.raw,
        },
      ]);
    return apiError(400, 'malformed_body', err.message, err.details);
  }
  // Each event costs one token, so one caller's flood cannot starve the processor for everyone.
  if (!limiter.take(caller, Math.min(items.length, rate * 2)))
    return tooMany(`more than ${rate} events per second`, limiter.retryAfter(caller, items.length));
  // The request is taken whole or refused whole: nothing of a refused request is processed.
  const admitted = rt.admission.admit(caller, items.length);
  if (!admitted.ok) {
    limiter.give(caller, Math.min(items.length, rate * 2));
    return refused(admitted.status, admitted.reason, admitted.retryAfterS);
  }
  try {
    // `x-ops-replay: 1` marks an import of history: stored and counted, but it raises no alerts.
    const result = await ingestItems(rt, items, { replay: req.headers.get('x-ops-replay') === '1' });
    return json(result, result.accepted === 0 && result.rejected.length > 0 ? 422 : 200);
  } finally {
    admitted.release();
  }
}
