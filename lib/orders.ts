import { ALL_WAREHOUSES, sees, type WarehouseScope } from './auth/scope';
import type { ExceptionCategory } from './events';
import type { Store } from './store/client';
import { getOrder } from './queries/getOrder';
import { getOrderReturns } from './queries/getOrderReturns';
import { getOrderTimeline } from './queries/getOrderTimeline';
import { listExceptions } from './queries/listExceptions';
import { listAlerts } from './queries/listAlerts';
import { alertId } from './alerts/types';
import { nowDate } from './clock';

/**
 * GET /api/orders/{id}: the order, its full timeline, returns with refund status, open exceptions.
 * Null if unknown, and likewise if it is outside the reader's scope (a 404 must not reveal it exists).
 */
export async function getOrderDetail(
  store: Store,
  orderId: string,
  sla: Record<ExceptionCategory, number>,
  scope: WarehouseScope,
  now = nowDate(),
) {
  const order = await getOrder(store, orderId);
  if (!sees(scope, order?.warehouse_id)) return null;
  const [timeline, returns] = await Promise.all([getOrderTimeline(store, orderId), getOrderReturns(store, orderId)]);
  if (!order && timeline.length === 0) return null;
  const exceptions = await listExceptions(
    store,
    { status: 'open', entityIds: [orderId, ...returns.map((r) => r.rma_id)], scope: ALL_WAREHOUSES },
    sla,
    now,
  );
  // The alerts that list this order: its collection's cutoff risk, its carrier's exceptions, and
  // its exceptions' SLA queues (alerts group what belongs together; each lists its members).
  const wh = order?.warehouse_id ?? '';
  const alertIds = [
    ...(order?.ship_by ? [alertId('cutoff_risk', 'collection', `${wh}|${order.carrier}|${order.ship_by}`)] : []),
    ...(order?.shipment
      ? [
          alertId(
            'carrier_exception',
            'carrier',
            `${order.shipment.carrier || 'unknown carrier'}@${wh || 'unassigned'}`,
          ),
        ]
      : []),
    ...new Set(
      exceptions.map((x) =>
        alertId('exception_sla_breach', 'queue', `${x.category}@${x.warehouse_id || 'unassigned'}`),
      ),
    ),
  ];
  const mine = new Set([orderId, ...exceptions.map((x) => x.exception_id)]);
  const alerts = (await listAlerts(store, { ids: alertIds, limit: alertIds.length })).filter((a) =>
    ((a.data.members as { key: string }[] | undefined) ?? []).some((m) => mine.has(m.key)),
  );
  return { ...(order ?? { order_id: orderId, status: 'unknown' }), timeline, returns, exceptions, alerts };
}
