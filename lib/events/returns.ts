import { z } from 'zod';
import { actor, eventOf, id, money, nonNegativeQty, positiveQty } from './common';

export const RETURN_REASONS = [
  'too_small',
  'too_large',
  'damaged_in_transit',
  'defective',
  'not_as_described',
  'wrong_item',
  'changed_mind',
  'late_delivery',
  'other',
] as const;
export const DISPOSITIONS = ['restock', 'refurbish', 'vendor_claim', 'liquidate', 'scrap'] as const;
export const REFUND_METHODS = ['original_payment', 'store_credit', 'exchange'] as const;

const rma = { rma_id: id };

export const returnRequested = eventOf(
  'return.requested',
  z.looseObject({
    ...rma,
    order_id: id,
    sku: id,
    qty: positiveQty,
    reason: z.enum(RETURN_REASONS),
    reason_detail: z.string().max(2000).optional(),
  }),
);
export const returnAuthorized = eventOf('return.authorized', z.looseObject({ ...rma, label_cost: money.optional() }));
export const returnRejected = eventOf(
  'return.rejected',
  z.looseObject({ ...rma, reason: z.string().max(512).optional() }),
);
export const returnReceived = eventOf(
  'return.received',
  z.looseObject({ ...rma, warehouse_id: id, qty_received: nonNegativeQty }),
);
export const returnInspected = eventOf(
  'return.inspected',
  z.looseObject({
    ...rma,
    disposition: z.enum(DISPOSITIONS),
    condition: z.enum(['A', 'B', 'C', 'D']).optional(),
    serial_match: z.boolean().optional(),
  }),
);
export const returnRefundApproved = eventOf('return.refund_approved', z.looseObject({ ...rma, amount: money, actor }));
export const returnRefunded = eventOf(
  'return.refunded',
  z.looseObject({ ...rma, amount: money, method: z.enum(REFUND_METHODS), restocking_fee: money.optional() }),
);
export const returnClosed = eventOf('return.closed', z.looseObject(rma));

export const returnEvents = [
  returnRequested,
  returnAuthorized,
  returnRejected,
  returnReceived,
  returnInspected,
  returnRefundApproved,
  returnRefunded,
  returnClosed,
] as const;
