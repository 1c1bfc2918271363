import { nextVersion } from '../alerts/write';
import { queryRows, type Store } from '../store/client';
import { chTimeToMs, toChTime } from '../store/time';
import { redact, type Channel } from './config';
import type { Notice } from './render';
import { randomUUID } from 'node:crypto';

export const DELIVERY_STATUSES = ['pending', 'sent', 'dead', 'cancelled', 'suppressed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One notification to one channel, in the state the sender last left it. */
export interface Delivery {
  delivery_id: string;
  /** The alert, or `digest:<day>` for a daily digest. */
  alert_id: string;
  /** alert: raised (a route); growth: a grouped alert grew past a step; escalation: a ladder rung; digest. */
  reason: 'alert' | 'growth' | 'escalation' | 'digest';
  /** The escalation level, or -1. */
  level: number;
  channel_id: string;
  channel_kind: string;
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  next_at: number;
  created_at: number;
  sent_at: number | null;
  last_error: string;
  notice: Notice;
}

const row = (d: Delivery) => ({
  ...d,
  next_at: toChTime(d.next_at),
  created_at: toChTime(d.created_at),
  sent_at: d.sent_at === null ? null : toChTime(d.sent_at),
  notice: JSON.stringify(d.notice),
  version: nextVersion(),
});

/** Writes these deliveries' current state (new ones, or a new version of known ones). */
export async function saveDeliveries(store: Store, ds: Delivery[]): Promise<void> {
  if (ds.length > 0) await store.insert({ table: 'notify_deliveries', values: ds.map(row), format: 'JSONEachRow' });
}

type Row = Omit<Delivery, 'next_at' | 'created_at' | 'sent_at' | 'notice'> & {
  next_at: string;
  created_at: string;
  sent_at: string | null;
  notice: string;
};
const fromRow = (r: Row): Delivery => ({
  ...r,
  level: Number(r.level),
  attempts: Number(r.attempts),
  next_at: chTimeToMs(r.next_at),
  created_at: chTimeToMs(r.created_at),
  sent_at: r.sent_at === null ? null : chTimeToMs(r.sent_at),
  notice: JSON.parse(r.notice) as Notice,
});

const SELECT = `SELECT delivery_id, alert_id, reason, level, channel_id, channel_kind, recipient, status, attempts,
  next_at, created_at, sent_at, last_error, notice FROM notify_deliveries FINAL`;

/** Pending deliveries whose time has come, oldest first. */
export async function dueDeliveries(store: Store, nowMs: number, limit = 100): Promise<Delivery[]> {
  const rows = await queryRows<Row>(
    store,
    `${SELECT} WHERE status = 'pending' AND next_at <= {now:DateTime64(3)} ORDER BY next_at LIMIT {limit:UInt32}`,
    { now: toChTime(nowMs), limit },
  );
  return rows.map(fromRow);
}

/** Every delivery of these alerts (escalation state: which levels were told, what is still pending). */
export async function deliveriesOf(store: Store, alertIds: string[]): Promise<Delivery[]> {
  if (alertIds.length === 0) return [];
  const rows = await queryRows<Row>(store, `${SELECT} WHERE alert_id IN {ids:Array(String)}`, { ids: alertIds });
  return rows.map(fromRow);
}

/** These deliveries, by id (the admin's "try again" on dead ones). */
export async function deliveriesById(store: Store, ids: string[]): Promise<Delivery[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<Row>(store, `${SELECT} WHERE delivery_id IN {ids:Array(String)}`, { ids });
  return rows.map(fromRow);
}

/** Alerts whose escalation ladder was started since `sinceMs` (the ones an escalation pass looks at). */
export async function escalatingAlerts(store: Store, sinceMs: number): Promise<string[]> {
  const rows = await queryRows<{ alert_id: string }>(
    store,
    `SELECT DISTINCT alert_id FROM notify_deliveries FINAL WHERE reason = 'escalation' AND created_at >= {since:DateTime64(3)}`,
    { since: toChTime(sinceMs) },
  );
  return rows.map((r) => r.alert_id);
}

/** A delivery not tried yet: due now, or held back (quiet hours) with the reason. */
export function newDelivery(
  ch: Channel,
  what: { alert_id: string; reason: Delivery['reason']; level: number; notice: Notice },
  now: number,
  suppressed: string | null = null,
): Delivery {
  return {
    delivery_id: randomUUID(),
    ...what,
    channel_id: ch.id,
    channel_kind: ch.kind,
    recipient: redact(ch).where,
    status: suppressed ? 'suppressed' : 'pending',
    attempts: 0,
    next_at: now,
    created_at: now,
    sent_at: null,
    last_error: suppressed ?? '',
  };
}
