/** Window presets of the time picker; the URL keeps the choice (`?range=7d`, or `?from=&to=`). */
export const RANGES = { today: 'Today', '24h': 'Last 24 h', '7d': 'Last 7 days', '30d': 'Last 30 days', custom: 'Custom' } as const;
export type Range = keyof typeof RANGES;

export interface Params {
  range?: string;
  from?: string;
  to?: string;
  channel?: string;
  warehouse?: string;
}

/** Midnight today in `timeZone` (the user's, from their `tz` cookie), as an instant. */
function midnight(now: Date, timeZone?: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(now);
  const get = (t: string) => Number(parts.find((x) => x.type === t)?.value ?? 0);
  return new Date(now.getTime() - ((get('hour') * 60 + get('minute')) * 60 + get('second')) * 1000 - now.getMilliseconds());
}

/** The window a page's search params ask for (default: the last 24 hours), and the one before it. */
export function windowOf(p: Params, now = new Date(), timeZone?: string) {
  const range = (p.range && p.range in RANGES ? p.range : p.from ? 'custom' : '24h') as Range;
  let from: Date;
  let to = now;
  if (range === 'custom' && p.from) {
    from = new Date(p.from);
    to = p.to ? new Date(p.to) : now;
    if (!(from < to) || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) from = new Date(to.getTime() - 86_400_000);
  } else if (range === 'today') {
    from = midnight(now, timeZone);
  } else from = new Date(now.getTime() - ({ '24h': 1, '7d': 7, '30d': 30 } as Record<string, number>)[range === 'custom' ? '24h' : range] * 86_400_000);
  const span = to.getTime() - from.getTime();
  const previous = { from: new Date(from.getTime() - span), to: from };
  return { range, from, to, previous, channel: p.channel ?? '', warehouse: p.warehouse ?? '' };
}
