import { z } from 'zod';
import { actor, eventOf, id, isoTime, LIMITS, money, nearEventTime, positiveQty } from './common';

export const HOLD_REASONS = ['payment', 'fraud_review', 'address_validation', 'stockout', 'other'] as const;

const orderLine = z.looseObject({
  sku: id,
  qty: positiveQty,
  unit_price: money,
  unit_cost: money,
  category: id.optional(),
});
const allocatedLine = z.looseObject({ sku: id, qty: positiveQty });
const orderRef = { order_id: id };

export const orderCreated = eventOf(
  'order.created',
  z.looseObject({
    ...orderRef,
    channel: id,
    customer_ref: id,
    ship_by: isoTime,
    lines: z.array(orderLine).min(1).max(1000),
    shipping_charged: money,
    fees: money,
    warehouse_id: id.optional(),
    carrier: id.optional(),
    service_level: id.optional(),
    promised_delivery_at: isoTime.optional(),
  }),
  [
    // Revenue and COGS of one order are stored as Decimal(18, 4): bounded as a whole, not only per line.
    ({ data: d }) => {
      const total = (k: 'unit_price' | 'unit_cost') => d.lines.reduce((s, l) => s + l[k] * l.qty, 0);
      const issues = [];
      if (total('unit_price') + d.shipping_charged > LIMITS.orderTotal)
        issues.push({
          path: ['data', 'lines'],
          message: `order total (Σ unit_price × qty + shipping_charged) over ${LIMITS.orderTotal.toExponential()}`,
        });
      if (total('unit_cost') > LIMITS.orderTotal)
        issues.push({
          path: ['data', 'lines'],
          message: `order cost (Σ unit_cost × qty) over ${LIMITS.orderTotal.toExponential()}`,
        });
      return issues;
    },
    (e) => [
      ...nearEventTime(e.occurred_at, e.data.ship_by, ['data', 'ship_by']),
      ...nearEventTime(e.occurred_at, e.data.promised_delivery_at, ['data', 'promised_delivery_at']),
    ],
  ],
);
export const orderAllocated = eventOf(
  'order.allocated',
  z.looseObject({ ...orderRef, warehouse_id: id, lines: z.array(allocatedLine).min(1).max(1000) }),
);
export const orderHeld = eventOf('order.held', z.looseObject({ ...orderRef, reason: z.enum(HOLD_REASONS) }));
export const orderReleased = eventOf('order.released', z.looseObject(orderRef));
export const orderPicked = eventOf('order.picked', z.looseObject(orderRef));
export const orderShortPicked = eventOf(
  'order.short_picked',
  z.looseObject({ ...orderRef, sku: id, qty_short: positiveQty }),
);
export const orderPacked = eventOf('order.packed', z.looseObject(orderRef));
export const orderShipped = eventOf(
  'order.shipped',
  z.looseObject({ ...orderRef, carrier: id, tracking_id: id, shipping_cost: money }),
);
export const orderCancelled = eventOf(
  'order.cancelled',
  z.looseObject({ ...orderRef, reason: z.string().max(512).optional() }),
);
export const orderExpedited = eventOf(
  'order.expedited',
  z.looseObject({ ...orderRef, service_level: id.optional(), actor }),
);
export const orderReallocated = eventOf('order.reallocated', z.looseObject({ ...orderRef, to_warehouse: id, actor }));

export const orderEvents = [
  orderCreated,
  orderAllocated,
  orderHeld,
  orderReleased,
  orderPicked,
  orderShortPicked,
  orderPacked,
  orderShipped,
  orderCancelled,
  orderExpedited,
  orderReallocated,
] as const;
