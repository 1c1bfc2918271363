import { getRuntime } from '@/lib/runtime';
import { apiError, json } from '@/lib/http/respond';
import { getOrderDetail } from '@/lib/orders';

export const dynamic = 'force-dynamic';

/** GET /api/orders/{order_id} (SPEC section 6); 404 when the order is unknown. */
export async function GET(_req: Request, ctx: { params: Promise<{ order_id: string }> }) {
  const rt = getRuntime();
  const { order_id } = await ctx.params;
  if (!order_id || order_id.length > 128) return apiError(400, 'invalid_order_id', 'order_id must be 1 to 128 characters');
  const detail = await getOrderDetail(rt.store.reader, order_id, rt.config.slaMinutes);
  if (!detail) return apiError(404, 'not_found', `no order ${order_id}`);
  return json(detail);
}
