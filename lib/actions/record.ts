import type { Principal } from '../auth/principal';
import { queryRows, type Store } from '../store/client';
import { fromChTime, toChTime } from '../store/time';
import type { ActionInput, ActionResult } from './schemas';
import { now as clockNow } from '../clock';

/** Who an action_id belongs to: idempotency is per (principal, action_id). */
export const principalKey = (p: Principal) => `${p.kind}:${p.name}`;

/** The stored outcome of an action_id, and the principal that sent it ('' for results stored before that was kept). */
export async function findResult(
  store: Store,
  actionId: string,
): Promise<{ principal: string; result: ActionResult } | null> {
  const [r] = await queryRows<{ principal: string; result: string }>(
    store,
    'SELECT principal, result FROM action_results WHERE action_id = {id:String}',
    { id: actionId },
  );
  return r ? { principal: r.principal, result: JSON.parse(r.result) as ActionResult } : null;
}

export async function saveResult(store: Store, p: Principal, r: ActionResult): Promise<void> {
  await store.insert({
    table: 'action_results',
    values: [
      {
        action_id: r.action_id,
        principal: principalKey(p),
        result: JSON.stringify(r),
        created_at: toChTime(clockNow()),
      },
    ],
    format: 'JSONEachRow',
  });
}

/** The record an action concerns, as the audit log's `record` column names it. */
function recordOf(payload: unknown): string {
  const o = (payload ?? {}) as Record<string, unknown>;
  const id = o.order_id ?? o.exception_id ?? o.alert_id ?? o.rma_id;
  if (typeof id === 'string') return id;
  return typeof o.sku === 'string' && typeof o.location === 'string' ? `${o.sku}@${o.location}` : '';
}

export interface AuditRow {
  action_id: string;
  type: string;
  record: string;
  payload: unknown;
  result: 'done' | 'refused' | 'failed';
  error?: string;
  before: unknown;
  after: unknown;
  eventIds?: string[];
}

/** Audit rows of one principal, in one insert: an operator action (below) or admin changes (lib/admin/audit.ts). */
export async function writeAudit(store: Store, p: Principal, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  const at = toChTime(clockNow());
  await store.insert({
    table: 'audit_log',
    values: rows.map((e) => ({
      at,
      action_id: e.action_id,
      actor: p.name,
      actor_kind: p.kind,
      role: p.role,
      type: e.type,
      record: e.record,
      payload: JSON.stringify(e.payload ?? {}),
      result: e.result,
      error: e.error ?? '',
      before: JSON.stringify(e.before ?? null),
      after: JSON.stringify(e.after ?? null),
      event_ids: e.eventIds ?? [],
    })),
    format: 'JSONEachRow',
  });
}

export async function audit(
  store: Store,
  p: Principal,
  a: Pick<ActionInput, 'action_id' | 'type' | 'payload'>,
  r: ActionResult,
  eventIds: string[],
): Promise<void> {
  await writeAudit(store, p, [
    {
      action_id: a.action_id,
      type: a.type,
      record: recordOf(a.payload),
      payload: a.payload,
      result: r.status,
      error: r.status === 'done' ? '' : (r.message ?? ''),
      before: r.before,
      after: r.after,
      eventIds,
    },
  ]);
}

export interface AuditEntry {
  at: string;
  action_id: string;
  actor: string;
  actor_kind: string;
  /** The order, exception, alert, return, user or dead letter it concerns ('' if none). */
  record: string;
  role: string;
  type: string;
  payload: unknown;
  result: string;
  error: string | null;
  before: unknown;
  after: unknown;
  event_ids: string[];
}

const SQL = `
SELECT * FROM audit_log
WHERE at >= {since:DateTime64(3)} AND ({actor:String} = '' OR actor = {actor:String}) AND ({type:String} = '' OR type = {type:String})
  AND ({result:String} = '' OR result = {result:String})
  AND ({record:String} = '' OR record = {record:String} OR position(payload, concat('"', {record:String}, '"')) > 0)
  AND at <= {until:DateTime64(3)}
ORDER BY at DESC
LIMIT {limit:UInt32}`;

/** GET /api/audit: newest first. */
export async function listAudit(
  store: Store,
  f: { since: Date; until?: Date; actor?: string; type?: string; result?: string; record?: string; limit: number },
): Promise<AuditEntry[]> {
  const rows = await queryRows<Record<string, string | string[]>>(store, SQL, {
    since: toChTime(f.since.getTime()),
    actor: f.actor ?? '',
    type: f.type ?? '',
    result: f.result ?? '',
    record: f.record ?? '',
    until: toChTime(f.until?.getTime() ?? clockNow() + 365 * 86_400_000),
    limit: f.limit,
  });
  const json = (s: unknown) => {
    try {
      return JSON.parse(String(s));
    } catch {
      return s;
    }
  };
  return rows.map((r) => ({
    at: fromChTime(String(r.at))!,
    action_id: String(r.action_id),
    actor: String(r.actor),
    actor_kind: String(r.actor_kind),
    record: String(r.record ?? ''),
    role: String(r.role),
    type: String(r.type),
    payload: json(r.payload),
    result: String(r.result),
    error: r.error ? String(r.error) : null,
    before: json(r.before),
    after: json(r.after),
    event_ids: r.event_ids as string[],
  }));
}
