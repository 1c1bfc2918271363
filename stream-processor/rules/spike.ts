import type { Judgement } from '@/lib/alerts/types';
import type { Config } from '@/lib/config';
import type { RuleSpec } from './tracker';

export interface ReasonShare {
  category: string;
  reason: string;
  day: number;
  dayTotal: number;
  base: number;
  baseTotal: number;
}

/**
 * SPEC section 5: a reason's share of a category's returns over the last 24 h well above its share
 * over the 7 days before — at least `ratio` times and `minPoints` points higher, with enough returns
 * in both periods that noise cannot fire it. Once raised it holds until the share falls below 80%
 * of the trigger (hysteresis), then for the hold time.
 */
export function judgeSpikes(shares: ReasonShare[], raised: ReadonlySet<string>, rules: Config['rules']): Judgement {
  const { minReturns, minReason, ratio, minPoints } = rules.spike;
  const j: Judgement = { type: 'return_reason_spike', judged: 'all', found: [], ok: [] };
  for (const s of shares) {
    const key = `${s.category}:${s.reason}`;
    const keep = raised.has(key) ? 0.8 : 1;
    if (s.dayTotal < minReturns * keep || s.day < minReason * keep || s.baseTotal < minReturns) continue;
    const share = (100 * s.day) / s.dayTotal;
    const baseline = (100 * s.base) / s.baseTotal;
    if (share < baseline * ratio * keep || share - baseline < minPoints * keep) {
      j.ok.push(key);
      continue;
    }
    j.found.push({
      type: 'return_reason_spike',
      entity: { kind: 'return_reason', id: key },
      warehouse_id: '',
      category: s.category,
      member: {
        key,
        severity: share >= baseline * ratio * 1.5 ? 'critical' : 'warning',
        data: {
          category: s.category,
          reason: s.reason,
          share_pct: Math.round(share * 10) / 10,
          baseline_pct: Math.round(baseline * 10) / 10,
          returns_24h: s.dayTotal,
          reason_24h: s.day,
        },
      },
    });
  }
  return j;
}

export const spikeSpec: RuleSpec = {
  type: 'return_reason_spike',
  sticky: false,
  grouped: false,
  minUpdateMs: 300_000,
  clearedReason: 'share back near its baseline',
  describe(g) {
    const m = g.members[0]?.data ?? {};
    const [category, reason] = g.entity.id.split(':');
    const what = `${reason.replace(/_/g, ' ')} returns in ${category}`;
    return {
      severity: g.members[0]?.severity ?? 'warning',
      title: g.members[0]
        ? `${what[0].toUpperCase()}${what.slice(1)} spiking`
        : `${what[0].toUpperCase()}${what.slice(1)} easing`,
      detail: g.members[0]
        ? `${m.share_pct}% of ${category} returns in the last 24 h (${m.reason_24h} of ${m.returns_24h}) vs ${m.baseline_pct}% over the 7 days before.`
        : 'Back near its baseline.',
      data: { category, reason, ...m },
    };
  },
  signature: (g) => g.members.map((m) => `${m.severity}:${Math.round(Number(m.data.share_pct))}`).join(','),
};
