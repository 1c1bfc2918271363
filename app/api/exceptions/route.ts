import { z } from 'zod';
import { EXCEPTION_CATEGORIES, SUPPORT_CATEGORIES } from '@/lib/events';
import { getRuntime } from '@/lib/runtime';
import { guard } from '@/lib/auth/guard';
import { scopeFor } from '@/lib/auth/scope';
import { json, parseQuery } from '@/lib/http/respond';
import { listExceptions } from '@/lib/queries/listExceptions';

export const dynamic = 'force-dynamic';

const query = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  category: z.enum(EXCEPTION_CATEGORIES).optional(),
  warehouse: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

/** GET /api/exceptions?status&category&warehouse: exceptions with age and SLA state. */
export async function GET(req: Request) {
  const g = await guard(req, 'exceptions:get');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const q = parseQuery(query, req.url);
  if (!q.ok) return q.response;
  const { warehouse, ...filter } = q.value;
  return json({
    exceptions: await listExceptions(
      rt.store.reader,
      {
        ...filter,
        scope: scopeFor(g.principal, warehouse),
        // Support sees its own categories (SPEC section 1): carrier and refund exceptions.
        ...(g.principal.role === 'support' ? { categories: [...SUPPORT_CATEGORIES] } : {}),
      },
      rt.config.slaMinutes,
    ),
  });
}
