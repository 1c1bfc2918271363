import { DELIVERY_STATUSES } from '../notify/outbox';
import { queryRows, type Store } from '../store/client';
import { chTimeToMs, fromChTime, toChTime } from '../store/time';

/** One notification as the delivery log shows it: where, why, how it went (never its secret or body). */
export interface DeliveryView {
  delivery_id: string;
  alert_id: string;
  reason: string;
  level: number | null;
  channel: { id: string; kind: string; recipient: string };
  status: string;
  attempts: number;
  created_at: string;
  sent_at: string | null;
  /** From the alert being raised (created_at) to the channel accepting it. */
  latency_ms: number | null;
  last_error: string;
}

export const DELIVERY_FILTER_STATUSES = [...DELIVERY_STATUSES, 'all'] as const;

const SQL = `
SELECT delivery_id, alert_id, reason, level, channel_id, channel_kind, recipient, status, attempts, created_at, sent_at, last_error
FROM notify_deliveries FINAL
WHERE created_at >= {since:DateTime64(3)}
  AND ({status:String} = 'all' OR status = {status:String})
  AND ({channel:String} = '' OR channel_id = {channel:String})
  AND ({alert:String} = '' OR alert_id = {alert:String})
ORDER BY created_at DESC
LIMIT {limit:UInt32}`;

/** GET /api/notifications/deliveries: the delivery log, newest first. */
export async function listDeliveries(
  store: Store,
  f: {
    since: Date;
    status: (typeof DELIVERY_FILTER_STATUSES)[number];
    channel?: string;
    alert?: string;
    limit: number;
  },
): Promise<DeliveryView[]> {
  const rows = await queryRows<Record<string, string | number | null>>(store, SQL, {
    since: toChTime(f.since.getTime()),
    status: f.status,
    channel: f.channel ?? '',
    alert: f.alert ?? '',
    limit: f.limit,
  });
  return rows.map((r) => ({
    delivery_id: String(r.delivery_id),
    alert_id: String(r.alert_id),
    reason: String(r.reason),
    level: Number(r.level) >= 0 ? Number(r.level) : null,
    channel: { id: String(r.channel_id), kind: String(r.channel_kind), recipient: String(r.recipient) },
    status: String(r.status),
    attempts: Number(r.attempts),
    created_at: fromChTime(String(r.created_at))!,
    sent_at: r.sent_at === null ? null : fromChTime(String(r.sent_at)),
    latency_ms: r.sent_at === null ? null : chTimeToMs(String(r.sent_at)) - chTimeToMs(String(r.created_at)),
    last_error: String(r.last_error),
  }));
}
