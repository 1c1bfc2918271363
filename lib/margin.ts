/**
 * The SPEC channel-margin formula's components in its order, then its result: the columns of every
 * margin table. A module of its own (no store import), so browser components can read it.
 */
export const MARGIN_KEYS = [
  'revenue',
  'cogs',
  'shipping_cost',
  'fees',
  'return_shipping',
  'refunds',
  'cogs_recovered',
  'margin',
] as const;
export type MarginKey = (typeof MARGIN_KEYS)[number];
