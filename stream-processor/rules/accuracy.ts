import type { Judgement } from '@/lib/alerts/types';
import type { Config } from '@/lib/config';
import type { RuleSpec } from './tracker';

/**
 * Hysteresis: once raised, accuracy must climb this many points above the threshold before the
 * alert clears — one count is 2 points of 50, so a location at 96% → 98% → 96% is one alert, not three.
 */
const BAND = 2;

/**
 * SPEC section 5: a location's accuracy over its last N counts below the threshold. Once raised it
 * stays until accuracy is back BAND points above the threshold (and then for the hold time).
 */
export function judgeAccuracy(
  rows: { location: string; counts: number; accurate: number }[],
  judged: 'all' | string[],
  raised: ReadonlySet<string>,
  rules: Config['rules'],
): Judgement {
  const j: Judgement = { type: 'inventory_accuracy_drop', judged, found: [], ok: [] };
  for (const r of rows) {
    if (r.counts === 0) continue;
    const pct = (100 * r.accurate) / r.counts;
    if (pct >= rules.accuracyAlertPct + (raised.has(r.location) ? BAND : 0)) {
      j.ok.push(r.location);
      continue;
    }
    j.found.push({
      type: 'inventory_accuracy_drop',
      entity: { kind: 'location', id: r.location },
      warehouse_id: r.location,
      category: '',
      member: {
        key: r.location,
        severity: pct < rules.accuracyAlertPct - 7 ? 'critical' : 'warning',
        data: { location: r.location, counts: r.counts, accurate: r.accurate, pct: Math.round(pct * 10) / 10 },
      },
    });
  }
  return j;
}

export function accuracySpec(rules: Config['rules']): RuleSpec {
  return {
    type: 'inventory_accuracy_drop',
    sticky: false,
    grouped: false,
    minUpdateMs: 300_000,
    clearedReason: `accuracy back above ${rules.accuracyAlertPct + BAND}%`,
    describe(g) {
      const m = g.members[0]?.data ?? {};
      return {
        severity: g.members[0]?.severity ?? 'warning',
        title: g.members[0]
          ? `Count accuracy at ${g.entity.id} is ${m.pct}%`
          : `Count accuracy at ${g.entity.id} recovering`,
        detail: g.members[0]
          ? `${m.accurate} of its last ${m.counts} counts were within tolerance; the threshold is ${rules.accuracyAlertPct}%.`
          : `Back at or above ${rules.accuracyAlertPct + BAND}%.`,
        data: { location: g.entity.id, threshold_pct: rules.accuracyAlertPct, ...m },
      };
    },
    // Whole points only: a count that moves it by a tenth is not news.
    signature: (g) => g.members.map((m) => `${m.severity}:${Math.floor(Number(m.data.pct))}`).join(','),
  };
}
