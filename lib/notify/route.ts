import type { Alert } from '../alerts/types';
import type { NotifyConfig, QuietHours } from './config';

/** The channels an alert goes to at once, and those holding it for the digest (each channel once). */
export function routeAlert(cfg: NotifyConfig, alert: Pick<Alert, 'type' | 'severity' | 'warehouse_id'>) {
  const immediate = new Set<string>();
  const digest = new Set<string>();
  for (const r of cfg.routes) {
    if (r.types.length && !r.types.includes(alert.type)) continue;
    if (r.severities.length && !r.severities.includes(alert.severity)) continue;
    if (r.warehouses.length && !(alert.warehouse_id && r.warehouses.includes(alert.warehouse_id))) continue;
    for (const ch of r.channels) (r.mode === 'digest' ? digest : immediate).add(ch);
  }
  for (const ch of immediate) digest.delete(ch);
  return { immediate: [...immediate], digest: [...digest] };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Whether `nowMs` falls in the quiet hours, read in their own zone; a span may pass midnight (22:00–06:00). */
export function inQuietHours(q: QuietHours, nowMs: number): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: q.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(nowMs));
  const at =
    Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
  const [start, end] = [minutesOf(q.start), minutesOf(q.end)];
  return start <= end ? at >= start && at < end : at >= start || at < end;
}

/** Whether a channel in quiet hours still gets this alert now: only critical ones, if the hours allow. */
export function quietAllows(q: QuietHours | undefined, severity: Alert['severity'], nowMs: number) {
  if (!q || !inQuietHours(q, nowMs)) return true;
  return severity === 'critical' && q.criticalOverrides;
}
