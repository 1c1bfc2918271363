import type { ExceptionCategory } from './events';
import type { Store } from './store/client';
import { getOrder } from './queries/getOrder';
import { getOrderReturns } from './queries/getOrderReturns';
import { getOrderTimeline } from './queries/getOrderTimeline';
import { listExceptions } from './queries/listExceptions';

/** GET /api/orders/{id}: the order, its full timeline, returns with refund status, open exceptions. Null if unknown. */
export async function getOrderDetail(store: Store, orderId: string, sla: Record<ExceptionCategory, number>) {
  const [order, timeline, returns] = await Promise.all([getOrder(store, orderId), getOrderTimeline(store, orderId), getOrderReturns(store, orderId)]);
  if (!order && timeline.length === 0) return null;
  const exceptions = await listExceptions(store, { status: 'open', entityIds: [orderId, ...returns.map((r) => r.rma_id)] }, sla);
  return { ...(order ?? { order_id: orderId, status: 'unknown' }), timeline, returns, exceptions, alerts: [] as unknown[] };
}
