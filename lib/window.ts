/**
 * The KPI window, parsed in one place for the API (`?from=&to=`, lib/http/window.ts) and the pages
 * (`?range=7d` or `?from=&to=`, the time picker). Client-safe: the picker reads RANGES from here.
 */
export const RANGES = {
  today: 'Today',
  '24h': 'Last 24 h',
  '7d': 'Last 7 days',
  '28d': 'Last 4 weeks',
  '30d': 'Last 30 days',
  custom: 'Custom',
} as const;
export type Range = keyof typeof RANGES;

export const DAY_MS = 86_400_000;
const MAX_WINDOW_DAYS = 400;
const RANGE_DAYS: Record<Exclude<Range, 'today' | 'custom'>, number> = { '24h': 1, '7d': 7, '28d': 28, '30d': 30 };
/** A channel or warehouse filter: a name, not an expression. */
const FILTER_NAME = /^[\w.@:-]{0,128}$/;
/** An instant with its offset, as the API documents (SPEC: ISO-8601). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export interface WindowInput {
  range?: string;
  from?: string;
  to?: string;
  channel?: string;
  warehouse?: string;
}

export interface ParsedWindow {
  range: Range;
  from: Date;
  to: Date;
  /** The window of the same length just before, for trends. */
  previous: { from: Date; to: Date };
  channel: string;
  warehouse: string;
}

export type WindowIssue = { path: keyof WindowInput; message: string };

/** Midnight today in `timeZone` (the user's, from their `tz` cookie), as an instant. */
function midnight(now: Date, timeZone?: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(now);
  const get = (t: string) => Number(parts.find((x) => x.type === t)?.value ?? 0);
  return new Date(
    now.getTime() - ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 - now.getMilliseconds(),
  );
}

function instant(value: string | undefined, path: 'from' | 'to'): Date | WindowIssue | undefined {
  if (value === undefined || value === '') return undefined;
  const d = new Date(value);
  return ISO_WITH_OFFSET.test(value) && !Number.isNaN(d.getTime())
    ? d
    : { path, message: `${path} must be an ISO-8601 time with an offset` };
}

/**
 * The window a query asks for: a preset `range`, or `from`/`to` (default: the last 24 hours up to
 * `now`). It must be non-empty and at most MAX_WINDOW_DAYS long; filters are names or ''.
 */
export function parseWindow(
  p: WindowInput,
  now: Date,
  timeZone?: string,
): { ok: true; window: ParsedWindow } | { ok: false; issue: WindowIssue } {
  if (p.range !== undefined && p.range !== '' && !(p.range in RANGES))
    return { ok: false, issue: { path: 'range', message: `range must be one of ${Object.keys(RANGES).join(', ')}` } };
  for (const k of ['channel', 'warehouse'] as const) {
    if (p[k] !== undefined && !FILTER_NAME.test(p[k]))
      return { ok: false, issue: { path: k, message: 'letters, digits and . _ - @ : only, at most 128' } };
  }
  const range: Range = p.range ? (p.range as Range) : p.from || p.to ? 'custom' : '24h';
  let from: Date;
  let to = now;
  if (range === 'custom') {
    const f = instant(p.from, 'from');
    const t = instant(p.to, 'to');
    if (f && !(f instanceof Date)) return { ok: false, issue: f };
    if (t && !(t instanceof Date)) return { ok: false, issue: t };
    to = t ?? now;
    from = f ?? new Date(to.getTime() - DAY_MS);
  } else if (range === 'today') from = midnight(now, timeZone);
  else from = new Date(now.getTime() - RANGE_DAYS[range] * DAY_MS);
  if (!(from < to)) return { ok: false, issue: { path: 'from', message: 'from must be before to' } };
  const span = to.getTime() - from.getTime();
  if (span > MAX_WINDOW_DAYS * DAY_MS)
    return { ok: false, issue: { path: 'from', message: `the window may span at most ${MAX_WINDOW_DAYS} days` } };
  const window = {
    range,
    from,
    to,
    previous: { from: new Date(from.getTime() - span), to: from },
    channel: p.channel ?? '',
    warehouse: p.warehouse ?? '',
  };
  return { ok: true, window };
}

/** A page's window: what its URL asks for, or the last 24 hours when that does not parse (with why). */
export function windowOf(p: WindowInput, now: Date, timeZone?: string): ParsedWindow & { invalid?: WindowIssue } {
  const asked = parseWindow(p, now, timeZone);
  if (asked.ok) return asked.window;
  const fallback = parseWindow({}, now) as { ok: true; window: ParsedWindow };
  return { ...fallback.window, invalid: asked.issue };
}
