import type { ExceptionCategory } from './events';
import type { Store } from './store/client';
import { getOrder } from './queries/getOrder';
import { getOrderReturns } from './queries/getOrderReturns';
import { getOrderTimeline } from './queries/getOrderTimeline';
import { listExceptions } from './queries/listExceptions';
import { listAlerts } from './queries/listAlerts';
import { alertId } from './alerts/types';
import { nowDate } from './clock';

/** GET /api/orders/{id}: the order, its full timeline, returns with refund status, open exceptions. Null if unknown. */
export async function getOrderDetail(store: Store, orderId: string, sla: Record<ExceptionCategory, number>, now = nowDate()) {
  const [order, timeline, returns] = await Promise.all([getOrder(store, orderId), getOrderTimeline(store, orderId), getOrderReturns(store, orderId)]);
  if (!order && timeline.length === 0) return null;
  const exceptions = await listExceptions(store, { status: 'open', entityIds: [orderId, ...returns.map((r) => r.rma_id)] }, sla, now);
  // The alerts about this order: its cutoff risk, its parcel, and its exceptions' SLA breaches.
  const alertIds = [alertId('cutoff_risk', 'order', orderId), alertId('carrier_exception', 'shipment', orderId), ...exceptions.map((x) => alertId('exception_sla_breach', 'exception', x.exception_id))];
  const alerts = await listAlerts(store, { ids: alertIds, limit: alertIds.length });
  return { ...(order ?? { order_id: orderId, status: 'unknown' }), timeline, returns, exceptions, alerts };
}
