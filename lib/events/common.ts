import { z } from 'zod';
import { now as clockNow } from '../clock';

/** Identifiers of orders, SKUs, locations and the like: non-empty, bounded. */
export const id = z.string().min(1).max(128);
/** ISO-8601 with an explicit offset (`Z` or `±hh:mm`): business time must never be ambiguous. */
export const isoTime = z.iso.datetime({ offset: true });

/**
 * Bounds that keep every number within what its column holds: money is Decimal(18, 4) per field
 * and per order (revenue, COGS), quantities Int64. An event outside them is refused at the API,
 * never accepted and then lost to a "Decimal value is too big" in the store.
 */
export const LIMITS = { money: 1e9, qty: 1e9, orderTotal: 1e12 } as const;
/** Money is a decimal number in the deployment's currency; never negative in these events. */
export const money = z.number().finite().min(0).max(LIMITS.money);
export const positiveQty = z.number().int().min(1).max(LIMITS.qty);
export const nonNegativeQty = z.number().int().min(0).max(LIMITS.qty);
export const actor = z.string().min(1).max(128);

const DAY = 86_400_000;
const KEY = Symbol.for('ops-pulse.event-time-bounds');
type Bounds = { earliest: number; aheadMs: number };
const bounds = (): Bounds =>
  ((globalThis as { [KEY]?: Bounds })[KEY] ??= { earliest: Date.parse('2000-01-01T00:00:00Z'), aheadMs: 7 * DAY });
/** OPS_EVENT_TIME_EARLIEST and OPS_EVENT_TIME_AHEAD_DAYS, set by each entry point at start-up. */
export function setEventTimeBounds(b: Bounds) {
  (globalThis as { [KEY]?: Bounds })[KEY] = b;
}
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Why an occurred_at is implausible, or null (see occurredAt). */
export function occurredAtIssue(s: string): string | null {
  const t = Date.parse(s);
  const { earliest, aheadMs } = bounds();
  const latest = clockNow() + aheadMs;
  return t < earliest || t > latest
    ? `must be between ${day(earliest)} and ${day(latest)} (${Math.round(aheadMs / DAY)} days from now)`
    : null;
}

/**
 * When an event happened: a plausible time, from OPS_EVENT_TIME_EARLIEST (2000-01-01) to
 * OPS_EVENT_TIME_AHEAD_DAYS (7) past now on the server's clock. An epoch-zero or year-9999 stamp is
 * a broken producer, refused with the range rather than stored as a date nobody can query.
 */
export const occurredAt = isoTime.superRefine((s, ctx) => {
  const issue = occurredAtIssue(s);
  if (issue) ctx.addIssue({ code: 'custom', message: issue });
});

export interface CheckIssue {
  path: (string | number)[];
  message: string;
}
/**
 * A rule over a whole event that JSON Schema cannot state (a total over lines, two fields that
 * must differ, a time near another). Declared with its event type (eventOf), so the zod schema and
 * the compiled fast validator (validate.ts) run the very same functions.
 */
export type EventCheck<E = never> = (event: E) => CheckIssue[];
export const EVENT_CHECKS = new Map<string, EventCheck<never>[]>();

/** A time that belongs to an event (a ship-by, a promised delivery): within a year either side of when the event happened. */
export function nearEventTime(occurred: string, value: string | undefined, path: (string | number)[]): CheckIssue[] {
  if (value === undefined) return [];
  const gap = Math.abs(Date.parse(value) - Date.parse(occurred));
  return gap > 366 * DAY ? [{ path, message: 'must be within a year of occurred_at' }] : [];
}

type Envelope<T extends string, D> = {
  event_id: string;
  type: T;
  occurred_at: string;
  source: string;
  schema_version: number;
  data: D;
};

/**
 * The SPEC envelope. Loose objects keep unknown extra fields (the SPEC forbids rejecting them);
 * the raw JSON is stored as well, so nothing an integrator sent is lost.
 */
export function eventOf<T extends string, D extends z.ZodType>(
  type: T,
  data: D,
  checks: EventCheck<Envelope<T, z.infer<D>>>[] = [],
) {
  EVENT_CHECKS.set(type, checks as EventCheck<never>[]);
  const schema = z.looseObject({
    event_id: z.string().min(1).max(128),
    type: z.literal(type),
    occurred_at: occurredAt,
    source: z.string().min(1).max(256),
    schema_version: z.number().int().min(1).max(1000),
    data,
  });
  if (checks.length === 0) return schema;
  return schema.superRefine((e, ctx) => {
    for (const check of checks)
      for (const i of check(e as Envelope<T, z.infer<D>>))
        ctx.addIssue({ code: 'custom', path: i.path, message: i.message });
  });
}

export const FAMILIES = ['orders', 'inventory', 'carrier', 'returns'] as const;
export type Family = (typeof FAMILIES)[number];
