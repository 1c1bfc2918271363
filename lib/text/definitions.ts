/**
 * What each board figure means, in words: the SPEC section 4 formula, what is counted and what is
 * left out. The one home of these texts; the board's tiles and cards show them one click away
 * (components/board/Definition.tsx), and definitions.test.ts checks every figure has one.
 */
export interface Definition {
  formula: string;
  includes: string;
  excludes: string;
}

export interface DefinitionContext {
  /** Count tolerance (OPS_COUNT_TOLERANCE_UNITS, OPS_COUNT_TOLERANCE_PCT). */
  tolerance: { units: number; pct: number };
}

const tolerance = ({ tolerance: t }: DefinitionContext) =>
  t.units === 0 && t.pct === 0
    ? 'exact (a count must equal what was expected)'
    : `within ${t.units} unit${t.units === 1 ? '' : 's'}${t.pct > 0 ? ` or ${t.pct}% of expected, whichever is larger` : ''}`;

export const DEFINITIONS = {
  inventory_accuracy: (c: DefinitionContext): Definition => ({
    formula: `Counts whose counted quantity is ${tolerance(c)} of the expected quantity, as a share of all cycle counts in the window. Value accuracy weighs each count's difference by the SKU's unit cost.`,
    includes: 'Every inventory.counted event in the window, at the selected warehouse.',
    excludes: 'Adjustments and receipts (only counts are checked); value accuracy leaves out SKUs without a unit cost.',
  }),
  refund_cycle_time: (): Definition => ({
    formula:
      'For returns refunded in the window: hours from the return being received to its refund — the median (p50) on the tile, with p90 and the average.',
    includes: 'Every return.refunded event in the window; stage times from request, receipt and inspection.',
    excludes:
      'Refunds issued before the return was received: counted as "refunded before receipt" and left out of the receipt-based figures.',
  }),
  exception_queues: (): Definition => ({
    formula:
      'Exceptions open now (at the end of the window), by category; how many are past their SLA; opened and resolved in the window, and the mean time to resolve.',
    includes:
      'Order holds, short picks, late shipments, carrier exceptions, return mismatches, inventory variances, overdue inspections and refunds.',
    excludes:
      'Exceptions outside the selected warehouse; "vs previous period" compares the open count at its end (no figure when the record begins after it).',
  }),
  channel_margin: (): Definition => ({
    formula:
      'Margin = revenue − cost of goods − shipping cost − fees − return labels − refunds + cost recovered from restocked returns; margin % = margin / revenue.',
    includes:
      'Orders shipped in the window (revenue, cost, shipping, fees); returns authorized, refunded or restocked in the window.',
    excludes:
      'Orders not yet shipped (they have no revenue yet); restocking fees are taken off refunds. A window without shipments has no margin %.',
  }),
  on_time_ship_rate: (): Definition => ({
    formula: 'Orders shipped at or before their ship-by time, as a share of all orders shipped in the window.',
    includes: 'Every order.shipped event in the window, at the selected channel and warehouse.',
    excludes: 'Orders still open (late or not) and cancelled orders; carriers do not collect on Sundays.',
  }),
  returns: (): Definition => ({
    formula:
      'Return rate = units returned / units shipped in the window, both in the same channel, warehouses, category and SKU (a shipment has no reason, so a reason is measured against all those units); refunds by reason; inventory held in pending inspection, quarantine and refurbishment (units and value).',
    includes:
      'Returns requested in the window, refunds issued in it, and held stock as it is now. The cards and charts follow the drill (its reason and category); held stock does not.',
    excludes: 'Rejected returns from the refund figures.',
  }),
} as const satisfies Record<string, (c: DefinitionContext) => Definition>;
export type DefinitionKey = keyof typeof DEFINITIONS;
