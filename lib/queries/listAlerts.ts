import type { Alert } from '../alerts/types';
import { queryRows, type Store } from '../store/client';
import { chTimeToMs, fromChTime } from '../store/time';
import { alertToApi } from '../alerts/toApi';
import type { StoredAlert } from '../alerts/write';

interface Row {
  alert_id: string;
  type: Alert['type'];
  severity: Alert['severity'];
  entity_kind: string;
  entity_id: string;
  warehouse_id: string;
  category: string;
  title: string;
  detail: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  resolve_reason: string;
  data: string;
  version: number;
  acknowledged_by: string;
  acknowledged_at: string | null;
  ack_version: number;
}

// Latest rule state joined with the latest acknowledgement. An acknowledgement counts for the
// alert's current episode (made after it was last raised). `seq` is the newest change of either.
const SQL = `
SELECT a.*, k.acknowledged_by AS acknowledged_by, k.acknowledged_at AS acknowledged_at, k.ack_version AS ack_version
FROM (SELECT * FROM alerts FINAL WHERE ({since:UInt64} = 0 OR version > {since:UInt64} OR alert_id IN (SELECT alert_id FROM alert_acks WHERE version > {since:UInt64}))
        AND (length({ids:Array(String)}) = 0 OR alert_id IN {ids:Array(String)})) AS a
LEFT JOIN (SELECT alert_id, argMax(acknowledged_by, version) AS acknowledged_by, argMax(acknowledged_at, version) AS acknowledged_at, max(version) AS ack_version
           FROM alert_acks GROUP BY alert_id) AS k ON k.alert_id = a.alert_id
WHERE ({status:String} = '' OR ({status:String} = 'resolved') = (a.resolved_at IS NOT NULL))
ORDER BY a.updated_at DESC
LIMIT {limit:UInt32}`;

export function parseData(s: string | undefined): Record<string, unknown> {
  try {
    return s ? (JSON.parse(s) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A row read back (snake_case, ClickHouse times) as the stored alert and its acknowledgement. */
function toAlert(r: Row): Alert {
  const ms = (v: string | null) => (fromChTime(v) === null ? null : chTimeToMs(v!));
  const stored: StoredAlert = {
    alert_id: r.alert_id,
    type: r.type,
    severity: r.severity,
    entity: { kind: r.entity_kind, id: r.entity_id },
    warehouse_id: r.warehouse_id,
    category: r.category,
    title: r.title,
    detail: r.detail,
    data: parseData(r.data),
    created_at: chTimeToMs(r.created_at),
    updated_at: chTimeToMs(r.updated_at),
    resolved_at: ms(r.resolved_at),
    resolve_reason: r.resolve_reason,
    version: Number(r.version),
  };
  const ackAt = r.acknowledged_by ? ms(r.acknowledged_at) : null;
  return alertToApi(
    stored,
    ackAt === null ? null : { by: r.acknowledged_by, at: ackAt, version: Number(r.ack_version ?? 0) },
  );
}

/** GET /api/alerts: alerts by status, or those changed after `since` (a seq), newest first. */
export async function listAlerts(
  store: Store,
  f: { status?: 'open' | 'acknowledged' | 'resolved'; since?: number; id?: string; ids?: string[]; limit?: number },
): Promise<Alert[]> {
  const rows = await queryRows<Row>(store, SQL, {
    since: f.since ?? 0,
    ids: f.ids ?? (f.id ? [f.id] : []),
    status: f.status === 'resolved' ? 'resolved' : f.status ? 'unresolved' : '',
    limit: f.limit ?? 1000,
  });
  const alerts = rows.map(toAlert);
  return f.status === 'open' || f.status === 'acknowledged' ? alerts.filter((a) => a.status === f.status) : alerts;
}
