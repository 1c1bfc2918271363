import { queryRows, type Store } from '../store/client';
import { inWarehouses, inWindow, num, RETURN_WAREHOUSE, round, type Window, windowParams } from './params';
import { IN_RETURN_SLICE, returnSliceParams, type ReturnSlice } from './returnSlice';

export interface Distribution {
  p50: number | null;
  p90: number | null;
  avg: number | null;
  n: number;
}
export interface RefundCycleTime {
  refunds: number;
  refunded_before_receipt: number;
  received_to_refund_hours: Distribution;
  requested_to_refund_hours: Distribution;
  stages: {
    requested_to_received_hours: Distribution;
    received_to_inspected_hours: Distribution;
    inspected_to_refunded_hours: Distribution;
  };
}

// One row per return refunded in the window (facts folded by rma: a refund moved out of the window
// by a late event nets to zero and drops out). Percentiles interpolate between closest ranks.
/** One row per return refunded in the window, in the window's filters and the returns slice: the figure's records (also explainRefunds). */
export const REFUNDED_RETURNS = `
  SELECT r.rma_id AS rma_id, any(r.order_id) AS order_id, sum(r.n) AS n, sum(r.has_request) AS hq, sum(r.has_receipt) AS hr,
         sum(r.has_inspection) AS hi, sum(r.before_receipt) AS br, sum(r.received_to_refund_ms) / 3600000 AS rr,
         sum(r.requested_to_refund_ms) / 3600000 AS qr, sum(r.requested_to_received_ms) / 3600000 AS qrc,
         sum(r.received_to_inspected_ms) / 3600000 AS ri, sum(r.inspected_to_refunded_ms) / 3600000 AS ir
  FROM return_facts AS r
  LEFT JOIN order_info AS i ON i.order_id = r.order_id
  WHERE r.fact = 'refunded' AND ${inWindow('r.t')}
    AND ({channel:String} = '' OR i.channel = {channel:String}) AND ${inWarehouses(RETURN_WAREHOUSE)}
    AND ${IN_RETURN_SLICE}
  GROUP BY r.rma_id
  HAVING n > 0`;

const SQL = `
WITH per_return AS (${REFUNDED_RETURNS}
)
SELECT count() AS refunds, sum(br > 0) AS before_receipt,
       quantilesExactInclusiveIf(0.5, 0.9)(rr, hr > 0) AS rr_q, avgIf(rr, hr > 0) AS rr_avg, countIf(hr > 0) AS rr_n,
       quantilesExactInclusiveIf(0.5, 0.9)(qr, hq > 0) AS qr_q, avgIf(qr, hq > 0) AS qr_avg, countIf(hq > 0) AS qr_n,
       quantilesExactInclusiveIf(0.5, 0.9)(qrc, hr > 0 AND hq > 0) AS qrc_q, avgIf(qrc, hr > 0 AND hq > 0) AS qrc_avg, countIf(hr > 0 AND hq > 0) AS qrc_n,
       quantilesExactInclusiveIf(0.5, 0.9)(ri, hi > 0) AS ri_q, avgIf(ri, hi > 0) AS ri_avg, countIf(hi > 0) AS ri_n,
       quantilesExactInclusiveIf(0.5, 0.9)(ir, hi > 0) AS ir_q, avgIf(ir, hi > 0) AS ir_avg, countIf(hi > 0) AS ir_n
FROM per_return
SETTINGS join_algorithm = 'direct,hash'`;

const dist = (r: Record<string, unknown>, k: string): Distribution => {
  const n = num(r[`${k}_n`]);
  const q = (r[`${k}_q`] as number[] | undefined) ?? [];
  return n > 0
    ? { p50: round(num(q[0]), 2), p90: round(num(q[1]), 2), avg: round(num(r[`${k}_avg`]), 2), n }
    : { p50: null, p90: null, avg: null, n: 0 };
};

/** SPEC 4, refund cycle time over returns refunded in the window (and the drill's slice), by stage. */
export async function getRefundCycleTime(store: Store, w: Window & ReturnSlice): Promise<RefundCycleTime> {
  const [r] = await queryRows<Record<string, unknown>>(store, SQL, { ...windowParams(w), ...returnSliceParams(w) });
  return {
    refunds: num(r?.refunds),
    refunded_before_receipt: num(r?.before_receipt),
    received_to_refund_hours: dist(r ?? {}, 'rr'),
    requested_to_refund_hours: dist(r ?? {}, 'qr'),
    stages: {
      requested_to_received_hours: dist(r ?? {}, 'qrc'),
      received_to_inspected_hours: dist(r ?? {}, 'ri'),
      inspected_to_refunded_hours: dist(r ?? {}, 'ir'),
    },
  };
}
