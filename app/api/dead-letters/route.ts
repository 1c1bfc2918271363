import { z } from 'zod';
import { getRuntime } from '@/lib/runtime';
import { guard } from '@/lib/auth/guard';
import { LIST_QUERY, sinceOr } from '@/lib/http/list';
import { json, parseQuery } from '@/lib/http/respond';
import { DEAD_LETTER_STATUSES, listDeadLetters } from '@/lib/queries/listDeadLetters';

export const dynamic = 'force-dynamic';

const query = z.object({
  ...LIST_QUERY,
  stage: z.enum(['api', 'processor']).optional(),
  status: z.enum(DEAD_LETTER_STATUSES).default('all'),
});

/** GET /api/dead-letters: rejected events with reason, raw payload and outcome (last 7 days unless `since`; `status` open, replayed, discarded or all). */
export async function GET(req: Request) {
  const g = await guard(req, 'dead-letters:get');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const q = parseQuery(query, req.url);
  if (!q.ok) return q.response;
  const since = sinceOr(q.value.since, 7);
  return json({
    dead_letters: await listDeadLetters(rt.store.reader, {
      since,
      stage: q.value.stage,
      status: q.value.status,
      limit: q.value.limit,
    }),
  });
}
