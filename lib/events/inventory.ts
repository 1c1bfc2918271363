import { z } from 'zod';
import { eventOf, id, money, nonNegativeQty, positiveQty } from './common';

export const INVENTORY_STATES = [
  'available',
  'allocated',
  'reserved',
  'in_transit',
  'quarantined',
  'pending_inspection',
  'refurbish',
  'damaged',
] as const;
export const inventoryState = z.enum(INVENTORY_STATES);
export type InventoryState = z.infer<typeof inventoryState>;
export const ADJUSTMENT_REASONS = ['damage', 'shrink', 'found', 'correction', 'cycle_count'] as const;

const at = { sku: id, location: id };

export const inventoryReceived = eventOf(
  'inventory.received',
  z.looseObject({ ...at, qty: positiveQty, unit_cost: money.optional() }),
);
export const inventoryAdjusted = eventOf(
  'inventory.adjusted',
  z.looseObject({
    ...at,
    qty_delta: z.number().int().min(-1_000_000_000).max(1_000_000_000),
    reason: z.enum(ADJUSTMENT_REASONS),
  }),
  [
    ({ data }) =>
      data.qty_delta === 0 ? [{ path: ['data', 'qty_delta'], message: 'qty_delta must be non-zero' }] : [],
  ],
);
export const inventoryCounted = eventOf(
  'inventory.counted',
  z.looseObject({ ...at, counted_qty: nonNegativeQty, expected_qty: nonNegativeQty, unit_cost: money.optional() }),
);
export const inventoryMoved = eventOf(
  'inventory.moved',
  z.looseObject({ ...at, qty: positiveQty, from_state: inventoryState, to_state: inventoryState }),
  [
    ({ data }) =>
      data.from_state === data.to_state
        ? [{ path: ['data', 'to_state'], message: 'from_state and to_state must differ' }]
        : [],
  ],
);

export const inventoryEvents = [inventoryReceived, inventoryAdjusted, inventoryCounted, inventoryMoved] as const;
