/**
 * Payloads of the app's own bus topics that more than one service reads (lib/events TOPICS).
 * The processor writes them, the web hub pushes what they say; both import from here.
 */
import type { Alert } from '../alerts/types';
import type { ExceptionCategory } from '../events';

/** An exception opened or closed by an insert (the processor's ops.updates notice carries these). */
export interface ExceptionChange {
  exception_id: string;
  category: ExceptionCategory;
  entity: { kind: string; id: string };
  warehouse_id: string;
  status: 'open' | 'closed';
  opened_at: string;
  closed_at: string | null;
}

/** What the processor says after each insert (ops.updates): drives kpi:update and exception:update. */
export interface AppliedNotice {
  events: number;
  last_event_at: string | null;
  exceptions: ExceptionChange[];
}

/** ops.alerts: an alert raised (with it) or changed (its id; readers re-read it). */
export interface AlertChange {
  kind: 'new' | 'update';
  alert?: Alert;
  alert_id?: string;
}

/** ops.commands: an operator action done, with the record's warehouse so its watchers hear of it. */
export interface CommandDone {
  action_id: string;
  type: string;
  payload: Record<string, unknown>;
  actor: string;
  role: string;
  at: string;
  event_ids: string[];
  warehouse_id?: string;
}
