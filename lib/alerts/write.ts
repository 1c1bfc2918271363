import type { Store } from '../store/client';
import { toChTime } from '../store/time';
import { alertId, type DesiredAlert } from './types';
import { now as clockNow } from '../clock';

let last = 0;
/** Versions (µs) also order changes for reconnect replay, so they keep increasing in a process. */
export const nextVersion = () => (last = Math.max(Date.now() * 1000, last + 1));

export interface StoredAlert extends DesiredAlert {
  alert_id: string;
  created_at: number;
  updated_at: number;
  resolved_at: number | null;
  resolve_reason: string;
  version: number;
}

export function alertRow(a: StoredAlert) {
  return {
    alert_id: a.alert_id,
    type: a.type,
    severity: a.severity,
    entity_kind: a.entity.kind,
    entity_id: a.entity.id,
    warehouse_id: a.warehouse_id,
    category: a.category,
    title: a.title,
    detail: a.detail,
    created_at: toChTime(a.created_at),
    updated_at: toChTime(a.updated_at),
    resolved_at: a.resolved_at === null ? null : toChTime(a.resolved_at),
    resolve_reason: a.resolve_reason,
    data: JSON.stringify(a.data ?? {}),
    version: a.version,
  };
}

export async function writeAlerts(store: Store, alerts: StoredAlert[]): Promise<void> {
  if (alerts.length > 0) await store.insert({ table: 'alerts', values: alerts.map(alertRow), format: 'JSONEachRow' });
}

export function raise(d: DesiredAlert, now: number): StoredAlert {
  return {
    ...d,
    alert_id: alertId(d.type, d.entity.kind, d.entity.id),
    created_at: now,
    updated_at: now,
    resolved_at: null,
    resolve_reason: '',
    version: nextVersion(),
  };
}

export async function acknowledge(store: Store, id: string, by: string, now = clockNow()): Promise<number> {
  const version = nextVersion();
  await store.insert({
    table: 'alert_acks',
    values: [{ alert_id: id, acknowledged_by: by, acknowledged_at: toChTime(now), version }],
    format: 'JSONEachRow',
  });
  return version;
}
