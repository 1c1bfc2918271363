import { z } from 'zod';
import type { FAMILIES } from './common';

/**
 * Exception categories (SPEC section 4), one row each: everything else about a category is read
 * from here — the event schemas' enum, the family whose processor pass closes it, the entity it
 * hangs on, its default SLA, whether an operator may close it with `exception.resolve`, whether
 * support owns it, and the label people read. Adding a category is one row here (docs/architecture.md).
 */
const HOUR = 3_600_000;

export const CATEGORIES = {
  order_hold: {
    label: 'Order on hold',
    family: 'orders',
    entity: 'order',
    slaMinutes: 240,
    resolvable: false,
    support: false,
  },
  short_pick: {
    label: 'Short pick',
    family: 'orders',
    entity: 'order',
    slaMinutes: 120,
    resolvable: true,
    support: false,
  },
  late_shipment: {
    label: 'Late shipment',
    family: 'orders',
    entity: 'order',
    slaMinutes: 0,
    resolvable: false,
    support: false,
  },
  carrier_exception: {
    label: 'Carrier exception',
    family: 'carrier',
    entity: 'shipment',
    slaMinutes: 1440,
    resolvable: true,
    support: true,
  },
  return_mismatch: {
    label: 'Return mismatch',
    family: 'returns',
    entity: 'return',
    slaMinutes: 1440,
    resolvable: true,
    support: false,
  },
  inventory_variance: {
    label: 'Inventory variance',
    family: 'inventory',
    entity: 'inventory',
    slaMinutes: 1440,
    resolvable: true,
    support: false,
  },
  inspection_overdue: {
    label: 'Inspection overdue',
    family: 'returns',
    entity: 'return',
    slaMinutes: 0,
    resolvable: false,
    support: false,
    deadlineMs: 24 * HOUR,
  },
  refund_overdue: {
    label: 'Refund overdue',
    family: 'returns',
    entity: 'return',
    slaMinutes: 0,
    resolvable: false,
    support: true,
    deadlineMs: 48 * HOUR,
  },
} as const satisfies Record<string, CategoryDefinition>;

export type EntityKind = 'order' | 'shipment' | 'return' | 'inventory';

export interface CategoryDefinition {
  label: string;
  /** The event family whose processor pass opens and closes it (an exception.resolved event goes there too). */
  family: (typeof FAMILIES)[number];
  entity: EntityKind;
  /** Default SLA (OPS_SLA_MINUTES overrides); 0 = breached as soon as it opens. */
  slaMinutes: number;
  /** May an operator close it with exception.resolve? The others close when their cause does. */
  resolvable: boolean;
  /** Does support own it (act on it, see it, be alerted), beside admins and its warehouse's managers? */
  support: boolean;
  /** Time-driven: opens by itself when this long passes without the expected event (receipt → inspection → refund). */
  deadlineMs?: number;
}

export type ExceptionCategory = keyof typeof CATEGORIES;
export const EXCEPTION_CATEGORIES = Object.keys(CATEGORIES) as [ExceptionCategory, ...ExceptionCategory[]];
export const exceptionCategory = z.enum(EXCEPTION_CATEGORIES);

const where = (test: (d: CategoryDefinition) => boolean): ReadonlySet<ExceptionCategory> =>
  new Set(EXCEPTION_CATEGORIES.filter((c) => test(CATEGORIES[c])));
/** Categories an operator may close with `exception.resolve`. */
export const RESOLVABLE = where((d) => d.resolvable);
/** Categories support owns. */
export const SUPPORT_CATEGORIES = where((d) => d.support);
export const DEFAULT_SLA_MINUTES = Object.fromEntries(
  EXCEPTION_CATEGORIES.map((c) => [c, CATEGORIES[c].slaMinutes]),
) as Record<ExceptionCategory, number>;
export const familyOfCategory = (c: ExceptionCategory) => CATEGORIES[c].family;
export const entityOfCategory = (c: ExceptionCategory): EntityKind => CATEGORIES[c].entity;
export const categoryLabel = (c: string): string =>
  (CATEGORIES as Record<string, CategoryDefinition>)[c]?.label ?? c.replace(/_/g, ' ');
