import { z } from 'zod';
import { getRuntime } from '@/lib/runtime';
import { guard } from '@/lib/auth/guard';
import { scopeFor } from '@/lib/auth/scope';
import { json, parseQuery } from '@/lib/http/respond';
import { withWindow } from '@/lib/http/window';
import { getReturnReasons, GROUP_BY } from '@/lib/queries/getReturnReasons';

export const dynamic = 'force-dynamic';

const value = z.string().max(128);
const query = withWindow({
  group_by: z.enum(GROUP_BY).default('reason'),
  reason: value.optional(),
  category: value.optional(),
  sku: value.optional(),
});

/** GET /api/returns/reasons?from&to&group_by&reason&category&sku&channel&warehouse (SPEC section 6). */
export async function GET(req: Request) {
  const g = await guard(req, 'returns:get');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const q = parseQuery(query, req.url);
  if (!q.ok) return q.response;
  return json(await getReturnReasons(rt.store.reader, { ...q.value, scope: scopeFor(g.principal, q.value.warehouse) }));
}
