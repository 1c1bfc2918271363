import type { EventType } from './index';

/**
 * Events of one entity at the same millisecond are taken in lifecycle order, then by event id, so
 * nothing derived depends on arrival order. A stock position's events have no lifecycle (50, after
 * operator actions on its exceptions).
 */
export const EVENT_RANK: Record<EventType, number> = {
  'order.created': 0,
  'order.allocated': 1,
  'order.reallocated': 2,
  'order.held': 3,
  'order.released': 4,
  'order.short_picked': 5,
  'order.picked': 6,
  'order.packed': 7,
  'order.expedited': 8,
  'order.shipped': 9,
  'order.cancelled': 10,
  'carrier.picked_up': 0,
  'carrier.in_transit': 1,
  'carrier.exception': 2,
  'carrier.delivered': 3,
  'return.requested': 0,
  'return.authorized': 1,
  'return.rejected': 2,
  'return.received': 3,
  'return.inspected': 4,
  'return.refund_approved': 5,
  'return.refunded': 6,
  'return.closed': 7,
  'inventory.received': 50,
  'inventory.adjusted': 50,
  'inventory.counted': 50,
  'inventory.moved': 50,
  'exception.assigned': 20,
  'exception.resolved': 21,
};

/** The same rank in SQL: `rank` of a row's `type` column. */
export const RANK_SQL = `transform(type, ['${Object.keys(EVENT_RANK).join("','")}'], [${Object.values(EVENT_RANK).join(', ')}], 50)`;
