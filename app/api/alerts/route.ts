import { z } from 'zod';
import { guard } from '@/lib/auth/guard';
import { concerns } from '@/lib/auth/policy';
import { json, parseQuery } from '@/lib/http/respond';
import { listAlerts } from '@/lib/queries/listAlerts';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const query = z.object({
  status: z.enum(['open', 'acknowledged', 'resolved']).optional(),
  since: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/** GET /api/alerts?status&since: the alerts that concern the caller (since = a `seq` for "what changed"). */
export async function GET(req: Request) {
  const g = await guard(req, 'alerts:get');
  if ('response' in g) return g.response;
  const q = parseQuery(query, req.url);
  if (!q.ok) return q.response;
  const alerts = await listAlerts(getRuntime().store.reader, q.value);
  return json({
    alerts: alerts.filter((a) =>
      concerns(g.principal, { type: a.type, warehouse_id: a.warehouse_id ?? null, category: a.category ?? null }),
    ),
  });
}
