const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

/** Offset of `timeZone` from UTC at instant `t`, in minutes (cached per zone and hour). */
export function zoneOffsetMinutes(timeZone: string, t: number): number {
  const hourKey = `${timeZone}:${Math.floor(t / 3_600_000)}`;
  const cached = offsetCache.get(hourKey);
  if (cached !== undefined) return cached;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  const offset = Math.round((asUtc - Math.floor(t / 1000) * 1000) / 60_000);
  if (offsetCache.size > 10_000) offsetCache.clear();
  offsetCache.set(hourKey, offset);
  return offset;
}

/** Local wall-clock fields of instant `t` in `timeZone`. */
export function localParts(timeZone: string, t: number) {
  const local = new Date(t + zoneOffsetMinutes(timeZone, t) * 60_000);
  return {
    hour: local.getUTCHours() + local.getUTCMinutes() / 60,
    weekday: local.getUTCDay(),
    midnightLocalAsUtc: Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()),
  };
}

/** The instant of local time `hh:mm` on the local day that starts at `midnightLocalAsUtc`. */
function atLocal(timeZone: string, midnightLocalAsUtc: number, minutes: number): number {
  const guess = midnightLocalAsUtc + minutes * 60_000;
  return guess - zoneOffsetMinutes(timeZone, guess) * 60_000;
}

const DAY = 86_400_000;

/** The next daily cutoff `hh:mm` strictly after `t` (carriers do not collect on Sundays). */
export function nextCutoff(timeZone: string, cutoff: string, t: number): number {
  const [h, m] = cutoff.split(':').map(Number);
  const { midnightLocalAsUtc } = localParts(timeZone, t);
  for (let d = 0; d < 8; d++) {
    const c = atLocal(timeZone, midnightLocalAsUtc + d * DAY, h * 60 + m);
    if (c > t && localParts(timeZone, c).weekday !== 0) return c;
  }
  throw new Error('no cutoff within a week');
}

/** `t` if inside the shift, else the start of the next shift (plus `jitter` ms). */
export function withinShift(timeZone: string, start: number, end: number, t: number, jitter: number): number {
  const { hour, midnightLocalAsUtc } = localParts(timeZone, t);
  if (hour >= start && hour < end) return t;
  const day = hour >= end ? midnightLocalAsUtc + DAY : midnightLocalAsUtc;
  return atLocal(timeZone, day, start * 60) + jitter;
}
