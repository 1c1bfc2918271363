/**
 * A duration as people say it: "45 s", "12 min", "13 h 20 min", "2 d 4 h". Two units at most,
 * whole numbers, never minute counts in the thousands. Used by alert texts (server) and views.
 */
export function humanDuration(ms: number, opts: { seconds?: boolean } = {}): string {
  const sign = ms < 0 ? '−' : '';
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${sign}${s} s`;
  // A live countdown under an hour ticks in seconds: "4 min 12 s".
  if (opts.seconds && s < 3600) return `${sign}${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${sign}${m} min`;
  const totalMin = Math.floor(s / 60);
  const h = Math.floor(totalMin / 60);
  if (h < 24) return `${sign}${h} h${totalMin % 60 ? ` ${totalMin % 60} min` : ''}`;
  const d = Math.floor(h / 24);
  return `${sign}${d} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

/** A time of day in a time zone, with the zone's short name: "17:00 EST". */
export function clockTime(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(t);
}

/** Day and time in a time zone: "Mon, Nov 30, 17:00 EST". */
export function dayTime(t: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(t);
}
