import { z } from 'zod';

/** Identifiers of orders, SKUs, locations and the like: non-empty, bounded. */
export const id = z.string().min(1).max(128);
/** ISO-8601 with an explicit offset (`Z` or `±hh:mm`): business time must never be ambiguous. */
export const isoTime = z.iso.datetime({ offset: true });
/** Money is a decimal number in the deployment's currency; never negative in these events. */
export const money = z.number().finite().min(0).max(1e12);
export const positiveQty = z.number().int().min(1).max(1_000_000_000);
export const nonNegativeQty = z.number().int().min(0).max(1_000_000_000);
export const actor = z.string().min(1).max(128);

/**
 * The SPEC envelope. Loose objects keep unknown extra fields (the SPEC forbids rejecting them);
 * the raw JSON is stored as well, so nothing an integrator sent is lost.
 */
export function eventOf<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.looseObject({
    event_id: z.string().min(1).max(128),
    type: z.literal(type),
    occurred_at: isoTime,
    source: z.string().min(1).max(256),
    schema_version: z.number().int().min(1).max(1000),
    data,
  });
}

export const EXCEPTION_CATEGORIES = [
  'order_hold',
  'short_pick',
  'late_shipment',
  'carrier_exception',
  'return_mismatch',
  'inventory_variance',
  'inspection_overdue',
  'refund_overdue',
] as const;
export const exceptionCategory = z.enum(EXCEPTION_CATEGORIES);
export type ExceptionCategory = z.infer<typeof exceptionCategory>;
