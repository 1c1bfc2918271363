import { queryRows, type Store } from '../store/client';
import { REFUNDED_RETURNS } from './getRefundCycleTime';
import { num, round, type Window, windowParams } from './params';
import { returnSliceParams, type ReturnSlice } from './returnSlice';

export interface RefundRow {
  rma_id: string;
  order_id: string;
  /** Hours from receipt to refund; null when refunded before the return was received. */
  received_to_refund_hours: number | null;
  refunded_before_receipt: boolean;
}

// The very rows refund cycle time is computed from (REFUNDED_RETURNS), so list and figure agree.
const SQL = `
SELECT rma_id, order_id, hr, br, rr FROM (${REFUNDED_RETURNS})
ORDER BY rr DESC
LIMIT {limit:UInt32}
SETTINGS join_algorithm = 'direct,hash'`;

/** The returns behind refund cycle time: refunded in the window, with receipt-to-refund hours. */
export async function explainRefunds(store: Store, w: Window & ReturnSlice, limit = 100_000): Promise<RefundRow[]> {
  const rows = await queryRows<Record<string, unknown>>(store, SQL, {
    ...windowParams(w),
    ...returnSliceParams(w),
    limit,
  });
  return rows.map((r) => ({
    rma_id: String(r.rma_id),
    order_id: String(r.order_id),
    received_to_refund_hours: num(r.hr) > 0 ? round(num(r.rr), 2) : null,
    refunded_before_receipt: num(r.br) > 0,
  }));
}
