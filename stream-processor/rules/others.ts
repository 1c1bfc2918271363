import type { DesiredAlert } from '@/lib/alerts/types';
import type { Config } from '@/lib/config';
import type { ExceptionCategory } from '@/lib/events';
import type { ExceptionRecord } from '../derive/types';

/** SPEC 5: an exception past its SLA. Critical once overdue by its SLA again (or an hour when the SLA is zero). */
export function slaBreach(x: Pick<ExceptionRecord, 'exception_id' | 'category' | 'warehouse_id' | 'opened_at' | 'detail'>, now: number, sla: Record<ExceptionCategory, number>): DesiredAlert | null {
  const slaMs = sla[x.category] * 60_000;
  const over = now - (x.opened_at + slaMs);
  if (over <= 0) return null;
  return {
    type: 'exception_sla_breach',
    severity: over >= Math.max(slaMs, 3_600_000) ? 'critical' : 'warning',
    entity: { kind: 'exception', id: x.exception_id },
    warehouse_id: x.warehouse_id,
    category: x.category,
    title: `${x.category.replace(/_/g, ' ')} past its SLA`,
    detail: `${x.detail} — open ${Math.round((now - x.opened_at) / 60_000)} min, SLA ${sla[x.category]} min`,
    data: { exception_id: x.exception_id, category: x.category, opened_at: new Date(x.opened_at).toISOString(), sla_minutes: sla[x.category] },
  };
}

/** SPEC 5: a carrier exception on a parcel (one alert per parcel while any of its exceptions is open). */
export function carrierAlert(orderId: string, open: ExceptionRecord[], warehouse: string): DesiredAlert | null {
  if (open.length === 0) return null;
  const latest = [...open].sort((a, b) => b.opened_at - a.opened_at)[0];
  const severe = /lost|damaged/.test(latest.detail);
  return {
    type: 'carrier_exception',
    severity: severe ? 'critical' : 'warning',
    entity: { kind: 'shipment', id: orderId },
    warehouse_id: warehouse,
    category: 'carrier_exception',
    title: `Carrier exception on order ${orderId}`,
    detail: latest.detail + (open.length > 1 ? ` (${open.length} open)` : ''),
    data: { order_id: orderId, open_exceptions: open.map((x) => x.exception_id) },
  };
}

/** SPEC 5: a location's accuracy over its last N counts below the threshold. */
export function accuracyDrop(location: string, counts: number, accurate: number, rules: Config['rules']): DesiredAlert | null {
  if (counts === 0) return null;
  const pct = (100 * accurate) / counts;
  if (pct >= rules.accuracyAlertPct) return null;
  return {
    type: 'inventory_accuracy_drop',
    severity: pct < rules.accuracyAlertPct - 7 ? 'critical' : 'warning',
    entity: { kind: 'location', id: location },
    warehouse_id: location,
    category: '',
    title: `Count accuracy at ${location} fell to ${pct.toFixed(1)}%`,
    detail: `${accurate} of the last ${counts} counts within tolerance (threshold ${rules.accuracyAlertPct}%)`,
    data: { location, counts, accurate, pct: Math.round(pct * 100) / 100 },
  };
}

export interface ReasonShare {
  category: string;
  reason: string;
  day: number;
  dayTotal: number;
  base: number;
  baseTotal: number;
}

/**
 * SPEC 5: a reason's share of a category's returns over the last 24 h well above its share over the
 * 7 days before: at least `ratio` times and `minPoints` points higher, with enough returns in both
 * periods that noise cannot fire it.
 */
export function reasonSpike(s: ReasonShare, rules: Config['rules']): DesiredAlert | null {
  const { minReturns, minReason, ratio, minPoints } = rules.spike;
  if (s.dayTotal < minReturns || s.day < minReason || s.baseTotal < minReturns) return null;
  const share = (100 * s.day) / s.dayTotal;
  const baseline = (100 * s.base) / s.baseTotal;
  if (share < baseline * ratio || share - baseline < minPoints) return null;
  return {
    type: 'return_reason_spike',
    severity: share >= baseline * ratio * 1.5 ? 'critical' : 'warning',
    entity: { kind: 'return_reason', id: `${s.category}:${s.reason}` },
    warehouse_id: '',
    category: s.category,
    title: `${s.reason.replace(/_/g, ' ')} returns spiking in ${s.category}`,
    detail: `${share.toFixed(1)}% of ${s.category} returns in the last 24 h (${s.day} of ${s.dayTotal}) vs ${baseline.toFixed(1)}% over the 7 days before`,
    data: { category: s.category, reason: s.reason, share_pct: Math.round(share * 100) / 100, baseline_pct: Math.round(baseline * 100) / 100, returns_24h: s.dayTotal },
  };
}
