import { z } from 'zod';
import { getRuntime } from '@/lib/runtime';
import { guard } from '@/lib/auth/guard';
import { scopeFor } from '@/lib/auth/scope';
import { json, parseQuery } from '@/lib/http/respond';
import { searchOrders } from '@/lib/queries/searchOrders';

export const dynamic = 'force-dynamic';

const query = z.object({
  q: z.string().trim().min(1, 'q is required').max(128),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /api/orders?q=: search by order id, customer ref or tracking id. */
export async function GET(req: Request) {
  const g = await guard(req, 'orders:get');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const q = parseQuery(query, req.url);
  if (!q.ok) return q.response;
  return json({ orders: await searchOrders(rt.store.reader, q.value.q, scopeFor(g.principal), q.value.limit) });
}
