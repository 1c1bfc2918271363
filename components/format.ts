/** Formatting in the user's locale and time zone; warehouse-local where a cutoff is concerned. */

// Numbers use one fixed locale so server and browser render the same text (no hydration mismatch);
// times are rendered in the browser (components/LocalTime) in the user's zone.
// Formatters are cached: building an Intl formatter per cell made a 1,000-row console hydrate slowly.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = cache.get(key) as F | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

export const fmtNumber = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || !Number.isFinite(n)
    ? '—'
    : cached(
        `n${digits}`,
        () => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }),
      ).format(n);

export const fmtMoney = (n: number | null | undefined) =>
  n === null || n === undefined
    ? '—'
    : cached(
        'usd',
        () => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }),
      ).format(n);

/** Money where a person reconciles it (the order page, refunds): with cents, "$25.50". */
export const fmtCents = (n: number | null | undefined) =>
  n === null || n === undefined
    ? '—'
    : cached(
        'usd-cents',
        () =>
          new Intl.NumberFormat('en-US', {
            style: 'currency',
            currency: 'USD',
            minimumFractionDigits: 2,
            maximumFractionDigits: 2,
          }),
      ).format(n);

/** Axis ticks: 1.2k, 3.4M. */
export const fmtCompact = (n: number) =>
  cached('compact', () => new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })).format(n);

export const fmtPct = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined ? '—' : `${fmtNumber(n, digits)}%`;

export function fmtTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const f = cached(
    `t${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(undefined, {
        timeZone,
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        ...(timeZone ? { timeZoneName: 'short' as const } : {}),
      }),
  );
  return f.format(new Date(iso));
}

export function fmtAgo(iso: string | null | undefined, now: number): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}
