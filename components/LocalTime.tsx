'use client';
import { fmtAgo, fmtTime } from './format';
import { useServerNow } from './clock';
import { useUiTimeZone } from './timezone';

/** A time in the user's zone (their setting, else the browser's) or a warehouse's, rendered in the browser; `ago` ticks. */
export function LocalTime({
  iso,
  timeZone,
  ago = false,
}: {
  iso: string | null | undefined;
  timeZone?: string;
  ago?: boolean;
}) {
  const now = useServerNow(ago ? 5000 : null);
  // A warehouse's own zone when asked for; otherwise the user's chosen zone, or the browser's.
  const ui = useUiTimeZone();
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={iso} suppressHydrationWarning>
      {now === null
        ? iso.slice(0, 16).replace('T', ' ') + ' UTC'
        : ago
          ? fmtAgo(iso, now)
          : fmtTime(iso, timeZone ?? ui)}
    </time>
  );
}
