import { queryRows, type Store } from '../store/client';
import { type ChannelMargin, MARGIN_NONZERO, marginParts, marginSides } from './getChannelMargin';
import { type Window, windowParams } from './params';

/** One order or return, with its part of each channel-margin component (the same fields as the tile). */
export type MarginRecord = {
  kind: 'order' | 'return';
  /** The order id, or the return's RMA. */
  record: string;
  order_id: string;
  channel: string;
} & Pick<
  ChannelMargin,
  'revenue' | 'cogs' | 'shipping_cost' | 'fees' | 'return_shipping' | 'refunds' | 'cogs_recovered' | 'margin'
>;

// Channel margin's own sides (marginSides), one row per order or return instead of per channel.
const SQL = `
SELECT * FROM (${marginSides('record')})
WHERE ${MARGIN_NONZERO}
ORDER BY channel, kind, record
LIMIT {limit:UInt32}
SETTINGS join_algorithm = 'direct,hash'`;

/** The orders and returns behind channel margin, each with its components and its part of the margin. */
export async function explainMargin(store: Store, w: Window, limit = 100_000): Promise<MarginRecord[]> {
  const rows = await queryRows<Record<string, unknown>>(store, SQL, { ...windowParams(w), limit });
  return rows.map((r) => ({
    kind: r.kind as MarginRecord['kind'],
    record: String(r.record),
    order_id: String(r.order_id),
    channel: String(r.channel),
    ...marginParts(r),
  }));
}
