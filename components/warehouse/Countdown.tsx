'use client';
import { humanDuration } from '@/lib/text/duration';
import { useServerNow } from '../clock';

/** Time left until `until`, ticking each second on its own so the table around it does not re-render. */
export function Countdown({ until }: { until: string }) {
  const now = useServerNow(1000);
  const left = now === null ? null : Date.parse(until) - now;
  const tone =
    left !== null && left <= 0
      ? 'text-red-800'
      : left !== null && left < 30 * 60_000
        ? 'text-amber-900'
        : 'text-slate-900';
  return (
    <span className={`font-semibold ${tone}`}>{left === null ? '…' : humanDuration(left, { seconds: true })}</span>
  );
}
