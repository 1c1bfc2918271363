import { queryRows, type Store } from '../store/client';
import { inWarehouses, inWindow, num, RETURN_WAREHOUSE, round, type Window, windowParams } from './params';

export interface RefundRow {
  rma_id: string;
  order_id: string;
  /** Hours from receipt to refund; null when refunded before the return was received. */
  received_to_refund_hours: number | null;
  refunded_before_receipt: boolean;
}

// The same per-return facts, window and filters as refund cycle time (getRefundCycleTime), one row
// per return refunded in the window, so the list and the figure agree exactly.
const SQL = `
SELECT r.rma_id AS rma_id, any(r.order_id) AS order_id, sum(r.n) AS n, sum(r.has_receipt) AS hr, sum(r.before_receipt) AS br,
       sum(r.received_to_refund_ms) / 3600000 AS rr
FROM return_facts AS r
LEFT JOIN order_info AS i ON i.order_id = r.order_id
WHERE r.fact = 'refunded' AND ${inWindow('r.t')}
  AND ({channel:String} = '' OR i.channel = {channel:String}) AND ${inWarehouses(RETURN_WAREHOUSE)}
GROUP BY r.rma_id
HAVING n > 0
ORDER BY rr DESC
LIMIT {limit:UInt32}
SETTINGS join_algorithm = 'direct,hash'`;

/** The returns behind refund cycle time: refunded in the window, with receipt-to-refund hours. */
export async function explainRefunds(store: Store, w: Window, limit = 100_000): Promise<RefundRow[]> {
  const rows = await queryRows<Record<string, unknown>>(store, SQL, { ...windowParams(w), limit });
  return rows.map((r) => ({
    rma_id: String(r.rma_id),
    order_id: String(r.order_id),
    received_to_refund_hours: num(r.hr) > 0 ? round(num(r.rr), 2) : null,
    refunded_before_receipt: num(r.br) > 0,
  }));
}
