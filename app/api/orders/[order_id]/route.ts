import { getRuntime } from '@/lib/runtime';
import { guard } from '@/lib/auth/guard';
import { scopeFor } from '@/lib/auth/scope';
import { apiError, json } from '@/lib/http/respond';
import { getOrderDetail } from '@/lib/orders';

export const dynamic = 'force-dynamic';

/** GET /api/orders/{order_id} (SPEC section 6); 404 when the order is unknown. */
export async function GET(req: Request, ctx: { params: Promise<{ order_id: string }> }) {
  const g = await guard(req, 'orders:get');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const { order_id } = await ctx.params;
  if (!order_id || order_id.length > 128)
    return apiError(400, 'invalid_order_id', 'order_id must be 1 to 128 characters');
  const detail = await getOrderDetail(rt.store.reader, order_id, rt.config.slaMinutes, scopeFor(g.principal));
  if (!detail) return apiError(404, 'not_found', `no order ${order_id}`);
  return json(detail);
}
