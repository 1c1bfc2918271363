import type { Finding, Judgement } from '@/lib/alerts/types';
import type { ExceptionCategory } from '@/lib/events';
import { humanDuration } from '@/lib/text/duration';
import type { RuleSpec } from './tracker';

/** An open exception as the SLA rule sees it. */
export interface OpenException {
  exception_id: string;
  category: ExceptionCategory;
  entity_id: string;
  order_id: string;
  warehouse_id: string;
  opened_at: number;
  detail: string;
  /** Closed now: it leaves its alert. */
  closed: boolean;
}

const label = (c: string) => c.replace(/_/g, ' ');

/**
 * SPEC section 5 SLA breach: an open exception past its SLA. Breaches of one category at one
 * warehouse are one alert (a queue), so a slow warehouse is one alert with its list, not hundreds.
 * Critical once any is overdue by its SLA again (or an hour when the SLA is zero).
 */
export function judgeBreaches(
  exceptions: OpenException[],
  judged: 'all' | string[],
  now: number,
  sla: Record<ExceptionCategory, number>,
): Judgement {
  const found: Finding[] = [];
  const ok: string[] = [];
  for (const x of exceptions) {
    if (x.closed || x.opened_at > now) continue;
    const slaMs = sla[x.category] * 60_000;
    const over = now - (x.opened_at + slaMs);
    if (over <= 0) {
      ok.push(x.exception_id);
      continue;
    }
    found.push({
      type: 'exception_sla_breach',
      entity: { kind: 'queue', id: `${x.category}@${x.warehouse_id || 'unassigned'}` },
      warehouse_id: x.warehouse_id,
      category: x.category,
      member: {
        key: x.exception_id,
        severity: over >= Math.max(slaMs, 3_600_000) ? 'critical' : 'warning',
        data: {
          exception_id: x.exception_id,
          entity_id: x.entity_id,
          order_id: x.order_id || null,
          opened_at: new Date(x.opened_at).toISOString(),
          due_at: new Date(x.opened_at + slaMs).toISOString(),
          detail: x.detail,
        },
      },
    });
  }
  return { type: 'exception_sla_breach', judged, found, ok };
}

export function breachSpec(sla: Record<ExceptionCategory, number>): RuleSpec {
  return {
    type: 'exception_sla_breach',
    sticky: true,
    grouped: true,
    minUpdateMs: 60_000,
    clearedReason: 'every exception past its SLA has closed',
    describe(g, now) {
      const [category, warehouse] = g.entity.id.split('@');
      const n = g.members.length;
      const oldest = Math.min(...g.members.map((m) => Date.parse(String(m.data.opened_at))));
      const slaText = sla[category as ExceptionCategory]
        ? `their ${humanDuration(sla[category as ExceptionCategory] * 60_000)} SLA`
        : 'their SLA (due at once)';
      return {
        severity: g.members.some((m) => m.severity === 'critical') ? 'critical' : 'warning',
        title:
          n === 0
            ? `No ${label(category)} exceptions past SLA at ${warehouse} any more`
            : `${n} ${label(category)} exception${n === 1 ? '' : 's'} at ${warehouse} past ${slaText}`,
        detail:
          n === 0
            ? 'Every one has closed.'
            : `Oldest open ${humanDuration(now - oldest)}. ${g.members[0].data.detail}${n > 1 ? `, and ${n - 1} more` : ''}.`,
        data: { category, warehouse_id: warehouse, sla_minutes: sla[category as ExceptionCategory] },
      };
    },
    signature: (g) => g.members.map((m) => `${m.key}:${m.severity}`).join(','),
  };
}
