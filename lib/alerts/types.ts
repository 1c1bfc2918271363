/** Alerts the rules raise from the data (SPEC section 5; stream-processor/rules). */
export const RULE_ALERT_TYPES = [
  'cutoff_risk',
  'exception_sla_breach',
  'inventory_accuracy_drop',
  'return_reason_spike',
  'carrier_exception',
] as const;
export type RuleAlertType = (typeof RULE_ALERT_TYPES)[number];
export const isRuleAlertType = (t: string): t is RuleAlertType => (RULE_ALERT_TYPES as readonly string[]).includes(t);
/** Alerts about Ops Pulse itself, raised by the service that notices (for admins only). */
export const SYSTEM_ALERT_TYPES = ['notification_failed'] as const;
export const ALERT_TYPES = [...RULE_ALERT_TYPES, ...SYSTEM_ALERT_TYPES] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
/** What people call each alert type (lists, filters). */
export const ALERT_TYPE_LABELS: Record<AlertType, string> = {
  cutoff_risk: 'Cutoff risk',
  exception_sla_breach: 'Exception past SLA',
  inventory_accuracy_drop: 'Inventory accuracy drop',
  return_reason_spike: 'Return reason spike',
  carrier_exception: 'Carrier exceptions',
  notification_failed: 'Notification channel failing',
};
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

/**
 * One thing an alert is about: an order at risk in a collection, an exception past its SLA in a
 * queue, a parcel with a carrier exception, a location, a reason. Alerts group members that belong
 * together (SPEC's "one open alert per (type, entity)", the entity being the group).
 */
export interface Member {
  key: string;
  severity: Severity;
  data: Record<string, unknown>;
}

/** A member a rule found in violation now, and the group alert it belongs to. */
export interface Finding {
  type: RuleAlertType;
  entity: { kind: string; id: string };
  warehouse_id: string;
  category: string;
  member: Member;
}

/**
 * What a rule judged: the members it looked at (`all` = every member of its type), those in
 * violation (`found`), and those it saw and found fine (`ok`). A judged member neither found nor
 * ok has ended (its order shipped, its exception closed): it leaves its alert at once.
 */
export interface Judgement {
  type: RuleAlertType;
  judged: 'all' | string[];
  found: Finding[];
  ok: string[];
}
