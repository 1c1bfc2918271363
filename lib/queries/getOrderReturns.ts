import { queryRows, type Store } from '../store/client';
import { fromChTime } from '../store/time';
import { num } from './params';

export interface OrderReturn {
  rma_id: string;
  sku: string;
  qty: number | null;
  reason: string;
  status: string;
  warehouse_id: string;
  requested_at: string | null;
  received_at: string | null;
  qty_received: number | null;
  inspected_at: string | null;
  disposition: string;
  refund: {
    status: 'not_refunded' | 'approved' | 'refunded';
    approved_amount: number | null;
    amount: number | null;
    restocking_fee: number | null;
    method: string;
    refunded_at: string | null;
  };
}

const SQL = `SELECT * FROM returns_current FINAL WHERE order_id = {id:String} ORDER BY requested_at, rma_id`;

/** Returns of an order with their refund status. */
export async function getOrderReturns(store: Store, orderId: string): Promise<OrderReturn[]> {
  const rows = await queryRows<Record<string, unknown>>(store, SQL, { id: orderId });
  return rows.map((r) => {
    const t = (k: string) => fromChTime(r[k] as string | null);
    const n = (k: string) => (r[k] === null || r[k] === undefined ? null : num(r[k]));
    return {
      rma_id: String(r.rma_id),
      sku: String(r.sku),
      qty: n('qty'),
      reason: String(r.reason),
      status: String(r.status),
      warehouse_id: String(r.warehouse_id),
      requested_at: t('requested_at'),
      received_at: t('received_at'),
      qty_received: n('qty_received'),
      inspected_at: t('inspected_at'),
      disposition: String(r.disposition),
      refund: {
        status: r.refunded_at ? 'refunded' : r.refund_approved_at ? 'approved' : 'not_refunded',
        approved_amount: n('approved_amount'),
        amount: n('amount'),
        restocking_fee: n('restocking_fee'),
        method: String(r.method),
        refunded_at: t('refunded_at'),
      },
    };
  });
}
