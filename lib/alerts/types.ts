export const ALERT_TYPES = ['cutoff_risk', 'exception_sla_breach', 'inventory_accuracy_drop', 'return_reason_spike', 'carrier_exception'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export type Severity = 'info' | 'warning' | 'critical';

/** SPEC section 5 alert, as the API and sockets give it. `seq` orders changes (reconnect replay). */
export interface Alert {
  alert_id: string;
  type: AlertType;
  severity: Severity;
  entity: { kind: string; id: string };
  warehouse_id?: string;
  category?: string;
  title: string;
  detail: string;
  created_at: string;
  updated_at: string;
  status: 'open' | 'acknowledged' | 'resolved';
  acknowledged_by?: string;
  acknowledged_at?: string;
  resolved_at?: string;
  resolve_reason?: string;
  /** Structured facts behind the alert (a cutoff risk's ship_by, stage, expected need…). */
  data: Record<string, unknown>;
  seq: number;
}

/** What a rule wants an alert to be; the engine turns it into stored changes. */
export interface DesiredAlert {
  type: AlertType;
  severity: Severity;
  entity: { kind: string; id: string };
  warehouse_id: string;
  category: string;
  title: string;
  detail: string;
  data: Record<string, unknown>;
}

/** One open alert per (type, entity): the id is the pair, so every replica raising it means the same alert. */
export const alertId = (type: AlertType, kind: string, id: string) => `${type}:${kind}:${id}`;
