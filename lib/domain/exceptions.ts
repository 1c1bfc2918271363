import type { ExceptionCategory } from '../events';

/**
 * SPEC section 4: categories an operator may close with `exception.resolve`. The others close only
 * when their cause does (a hold is released, the order ships, the return is inspected/refunded).
 */
export const RESOLVABLE: ReadonlySet<ExceptionCategory> = new Set(['short_pick', 'carrier_exception', 'return_mismatch', 'inventory_variance']);

/** Time-driven categories open by themselves when a deadline passes without the expected event. */
export const INSPECTION_DEADLINE_MS = 24 * 3_600_000;
export const REFUND_DEADLINE_MS = 48 * 3_600_000;

export type EntityKind = 'order' | 'shipment' | 'return' | 'inventory';
export const ENTITY_KIND: Record<ExceptionCategory, EntityKind> = {
  order_hold: 'order',
  short_pick: 'order',
  late_shipment: 'order',
  carrier_exception: 'shipment',
  return_mismatch: 'return',
  inspection_overdue: 'return',
  refund_overdue: 'return',
  inventory_variance: 'inventory',
};
