import type { Alert } from '../alerts/types';
import type { Digest, Escalation } from './config';

/** The wait before the next try after `failures` failed ones: base·2^(failures−1), never above the cap. */
export function retryDelayMs(failures: number, baseMs = 2_000, capMs = 5 * 60_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
}

/**
 * The highest escalation level due for an alert now, or null when it does not escalate: only a
 * critical alert that nobody acknowledged and that has not cleared. Level 0 is told when it is
 * raised, level k once it has waited k × afterMinutes; the ladder stops at its last level.
 */
export function escalationDue(
  policy: Escalation | null,
  alert: Pick<Alert, 'severity' | 'status' | 'created_at'>,
  nowMs: number,
): number | null {
  if (!policy || alert.severity !== 'critical' || alert.status !== 'open') return null;
  const waited = Math.max(0, nowMs - Date.parse(alert.created_at));
  return Math.min(policy.levels.length - 1, Math.floor(waited / (policy.afterMinutes * 60_000)));
}

/** When the level after `level` falls due (ms since epoch), or null at the top of the ladder. */
export function nextEscalationAt(policy: Escalation, alert: Pick<Alert, 'created_at'>, level: number): number | null {
  if (level + 1 >= policy.levels.length) return null;
  return Date.parse(alert.created_at) + (level + 1) * policy.afterMinutes * 60_000;
}

/**
 * The digest's day if it is due: its local date (YYYY-MM-DD in its zone) once the local time has
 * reached `at`, else null. The caller sends it once per day (deliveries are keyed by that date).
 */
export function digestDay(d: Pick<Digest, 'at' | 'timeZone'>, nowMs: number): string | null {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: d.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(nowMs))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute}` >= d.at ? `${parts.year}-${parts.month}-${parts.day}` : null;
}

/** The sizes at which a grouped alert is announced again as it grows (one per warehouse × collection). */
export const GROWTH_STEPS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] as const;

/** Whether a group now `count` strong, last announced at `told`, has grown past a step since. */
export function grewPastStep(told: number, count: number): boolean {
  const next = GROWTH_STEPS.find((s) => s > told);
  return next !== undefined && count >= next;
}
