import type { Alert } from './types';
import type { StoredAlert } from './write';

/** The latest acknowledgement of an alert, if any (alert_acks). */
export interface AlertAck {
  by: string;
  at: number;
  version: number;
}

/**
 * The one mapper from a stored alert (as the rules write it, or as read back with its latest
 * acknowledgement) to the API and socket shape. An acknowledgement counts for the alert's current
 * episode only: made after it was last raised. `seq` is the newest change of either.
 */
export function alertToApi(a: StoredAlert, ack?: AlertAck | null): Alert {
  const iso = (t: number) => new Date(t).toISOString();
  const acked = !!ack && ack.at >= a.created_at;
  const resolved = a.resolved_at !== null;
  return {
    alert_id: a.alert_id,
    type: a.type,
    severity: a.severity,
    entity: a.entity,
    ...(a.warehouse_id ? { warehouse_id: a.warehouse_id } : {}),
    ...(a.category ? { category: a.category } : {}),
    title: a.title,
    detail: a.detail,
    created_at: iso(a.created_at),
    updated_at: iso(a.updated_at),
    status: resolved ? 'resolved' : acked ? 'acknowledged' : 'open',
    ...(acked ? { acknowledged_by: ack.by, acknowledged_at: iso(ack.at) } : {}),
    ...(resolved ? { resolved_at: iso(a.resolved_at!), resolve_reason: a.resolve_reason } : {}),
    data: a.data,
    seq: Math.max(Number(a.version), Number(ack?.version ?? 0)),
  };
}
