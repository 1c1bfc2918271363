import { z } from 'zod';
import { getRuntime } from '@/lib/runtime';
import { guard } from '@/lib/auth/guard';
import { json, parseQuery } from '@/lib/http/respond';
import { DEAD_LETTER_STATUSES, listDeadLetters } from '@/lib/queries/listDeadLetters';
import { now as clockNow } from '@/lib/clock';

export const dynamic = 'force-dynamic';

const query = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  stage: z.enum(['api', 'processor']).optional(),
  status: z.enum(DEAD_LETTER_STATUSES).default('all'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** GET /api/dead-letters: rejected events with reason, raw payload and outcome (last 7 days unless `since`; `status` open, replayed, discarded or all). */
export async function GET(req: Request) {
  const g = await guard(req, 'dead-letters:get');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const q = parseQuery(query, req.url);
  if (!q.ok) return q.response;
  const since = q.value.since ? new Date(q.value.since) : new Date(clockNow() - 7 * 86_400_000);
  return json({
    dead_letters: await listDeadLetters(rt.store.reader, {
      since,
      stage: q.value.stage,
      status: q.value.status,
      limit: q.value.limit,
    }),
  });
}
