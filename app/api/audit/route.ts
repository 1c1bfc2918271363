import { z } from 'zod';
import { guard } from '@/lib/auth/guard';
import { listAudit } from '@/lib/actions/record';
import { json, parseQuery } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime';
import { now as clockNow } from '@/lib/clock';

export const dynamic = 'force-dynamic';

const query = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  record: z.string().max(400).optional(),
  actor: z.string().max(64).optional(),
  type: z.string().max(64).optional(),
  result: z.enum(['done', 'refused', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
});

/** GET /api/audit: who did what, when, before/after and the result (last 30 days unless `since`). */
export async function GET(req: Request) {
  const g = await guard(req, 'audit:get');
  if ('response' in g) return g.response;
  const q = parseQuery(query, req.url);
  if (!q.ok) return q.response;
  const since = q.value.since ? new Date(q.value.since) : new Date(clockNow() - 30 * 86_400_000);
  const until = q.value.until ? new Date(q.value.until) : undefined;
  return json({ entries: await listAudit(getRuntime().store.reader, { ...q.value, since, until }) });
}
