import { queryRows, type Store } from '../store/client';
import { fromChTime } from '../store/time';
import {
  inWarehouses,
  inWindow,
  LINE_CATEGORY,
  num,
  pct,
  RETURN_WAREHOUSE,
  round,
  type Window,
  windowParams,
} from './params';
import { IN_SHIPPED_SLICE, returnSliceParams, type ReturnSlice } from './returnSlice';

export const GROUP_BY = ['reason', 'category', 'sku', 'channel', 'warehouse'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface ReasonFilter extends Window, ReturnSlice {
  group_by: GroupBy;
}
export interface ReasonRow {
  key: string;
  returns: number;
  units: number;
  refunds: number;
  share_pct: number | null;
  return_rate_pct?: number | null;
}
export interface ReturnReasons {
  group_by: GroupBy;
  bucket_seconds: number;
  rows: ReasonRow[];
  trend: { bucket: string; key: string; returns: number }[];
}

// Returns requested and refunds paid in the window, by the chosen dimension and time bucket; the
// order line gives channel and category (order_info by key); the return's warehouse is where it
// was received, else its order's.
const RETURNS = `
SELECT multiIf({g:String} = 'reason', reason, {g:String} = 'category', category, {g:String} = 'sku', sku, {g:String} = 'channel', channel, warehouse) AS key,
       -- Weeks start on Monday (UTC), as people count them; shorter buckets are plain intervals.
       if({bucket:UInt32} = 604800, toDateTime64(toStartOfWeek(t, 1), 3, 'UTC'), toStartOfInterval(t, toIntervalSecond({bucket:UInt32}))) AS bucket,
       sumIf(n, fact = 'requested') AS returns, sumIf(units, fact = 'requested') AS units, sumIf(refund, fact = 'refunded') AS refunds
FROM (
  SELECT r.fact AS fact, r.t AS t, r.n AS n, r.units AS units, toFloat64(r.amount - r.restocking_fee) AS refund, toString(r.reason) AS reason,
         ${LINE_CATEGORY} AS category, r.sku AS sku, i.channel AS channel, ${RETURN_WAREHOUSE} AS warehouse
  FROM return_facts AS r
  LEFT JOIN order_info AS i ON i.order_id = r.order_id
  WHERE r.fact IN ('requested', 'refunded') AND ${inWindow('r.t')}
)
WHERE ({reason:String} = '' OR reason = {reason:String}) AND ({category:String} = '' OR category = {category:String})
  AND ({sku:String} = '' OR sku = {sku:String}) AND ({channel:String} = '' OR channel = {channel:String})
  AND ${inWarehouses('warehouse')}
GROUP BY key, bucket
SETTINGS join_algorithm = 'direct,hash'`;

// Units shipped in the window for the same slice: the return-rate denominator.
const SHIPPED = `
SELECT multiIf({g:String} = 'category', toString(category), {g:String} = 'sku', sku, {g:String} = 'channel', toString(channel), {g:String} = 'warehouse', toString(warehouse_id), '') AS key,
       sum(units) AS units
FROM line_facts
WHERE ${inWindow()} AND ${IN_SHIPPED_SLICE}
  AND ({channel:String} = '' OR channel = {channel:String}) AND ${inWarehouses('warehouse_id')}
GROUP BY key`;

/** Hourly buckets up to 2 days, daily under 4 weeks, weekly from 4 weeks (planners think in weeks). */
export function bucketSeconds(w: Window) {
  const days = (w.to.getTime() - w.from.getTime()) / 86_400_000;
  return days <= 2 ? 3600 : days < 28 ? 86_400 : 7 * 86_400;
}

/** GET /api/returns/reasons: returns by reason, category, SKU, channel or warehouse, with a trend. */
export async function getReturnReasons(store: Store, f: ReasonFilter): Promise<ReturnReasons> {
  const bucket = bucketSeconds(f);
  const params = {
    ...windowParams(f),
    ...returnSliceParams(f),
    g: f.group_by,
    bucket,
  };
  const [returns, shipped] = await Promise.all([
    queryRows<{ key: string; bucket: string; returns: number; units: number; refunds: number }>(store, RETURNS, params),
    queryRows<{ key: string; units: number }>(store, SHIPPED, params),
  ]);
  const byKey = new Map<string, { returns: number; units: number; refunds: number }>();
  for (const r of returns) {
    const k = byKey.get(r.key) ?? { returns: 0, units: 0, refunds: 0 };
    k.returns += num(r.returns);
    k.units += num(r.units);
    k.refunds += num(r.refunds);
    byKey.set(r.key, k);
  }
  const total = [...byKey.values()].reduce((s, k) => s + k.returns, 0);
  const shippedBy = new Map(shipped.map((s) => [s.key, num(s.units)]));
  const allShipped = shipped.reduce((s, r) => s + num(r.units), 0);
  const rows = [...byKey]
    .filter(([, v]) => v.returns !== 0 || v.refunds !== 0)
    .map(([key, v]) => ({
      key: key || 'unknown',
      returns: v.returns,
      units: v.units,
      refunds: round(v.refunds, 2) ?? 0,
      share_pct: pct(v.returns, total),
      return_rate_pct: pct(v.units, f.group_by === 'reason' ? allShipped : (shippedBy.get(key) ?? 0)),
    }))
    .sort((a, b) => b.returns - a.returns || a.key.localeCompare(b.key));
  const top = new Set(rows.slice(0, 12).map((r) => r.key));
  const trend = returns
    .filter((r) => top.has(r.key || 'unknown') && num(r.returns) !== 0)
    .map((r) => ({ bucket: fromChTime(r.bucket)!, key: r.key || 'unknown', returns: num(r.returns) }))
    .sort((a, b) => a.bucket.localeCompare(b.bucket) || a.key.localeCompare(b.key));
  return { group_by: f.group_by, bucket_seconds: bucket, rows, trend };
}
