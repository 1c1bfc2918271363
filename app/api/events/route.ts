import { getRuntime } from '@/lib/runtime';
import { guard } from '@/lib/auth/guard';
import { apiError, json } from '@/lib/http/respond';
import { BodyError, parseEventsBody } from '@/lib/ingest/parse';
import { ingestItems } from '@/lib/ingest/accept';

export const dynamic = 'force-dynamic';

/** POST /api/events: one event, a JSON array, or NDJSON (SPEC section 6). */
export async function POST(req: Request) {
  const g = await guard(req, 'events:post');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const text = await req.text();
  let items;
  try {
    items = parseEventsBody(text, req.headers.get('content-type'));
  } catch (err) {
    if (err instanceof BodyError) return apiError(400, 'malformed_body', err.message, err.details);
    throw err;
  }
  // `x-ops-replay: 1` marks an import of history: stored and counted, but it raises no alerts.
  const result = await ingestItems(rt, items, { replay: req.headers.get('x-ops-replay') === '1' });
  return json(result, result.accepted === 0 && result.rejected.length > 0 ? 422 : 200);
}
