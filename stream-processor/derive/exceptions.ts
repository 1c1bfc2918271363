import type { ExceptionCategory } from '@/lib/events';
import { ENTITY_KIND, RESOLVABLE } from '@/lib/domain/exceptions';
import type { StoredEvent } from '../snapshots';
import type { ExceptionFactValues, ExceptionRecord, Fact } from './types';

interface Action {
  assignee: string;
  resolvedAt?: number;
  resolvedBy?: string;
  note?: string;
}

/** Operator actions on this entity's exceptions: the latest assignee, the first resolution. */
export function exceptionActions(events: StoredEvent[]): Map<string, Action> {
  const out = new Map<string, Action>();
  for (const e of events) {
    if (e.type !== 'exception.assigned' && e.type !== 'exception.resolved') continue;
    const id = String(e.d.exception_id);
    const a = out.get(id) ?? { assignee: '' };
    if (e.type === 'exception.assigned') a.assignee = String(e.d.assignee);
    else if (a.resolvedAt === undefined) Object.assign(a, { resolvedAt: e.t, resolvedBy: String(e.d.actor), note: String(e.d.note) });
    out.set(id, a);
  }
  return out;
}

/**
 * An exception record. `closedBy` is the time the cause went away (null while it lasts); for the
 * categories an operator may resolve, an earlier resolution closes it instead.
 */
export function exception(
  actions: Map<string, Action>,
  r: { exception_id: string; category: ExceptionCategory; entity_id: string; order_id?: string; warehouse_id: string; opened_at: number; closed: { at: number; reason: string } | null; detail: string; data?: Record<string, unknown> },
): ExceptionRecord {
  const a = actions.get(r.exception_id);
  let closed = r.closed;
  let resolvedBy = '';
  let note = '';
  if (a?.resolvedAt !== undefined && RESOLVABLE.has(r.category) && a.resolvedAt >= r.opened_at && (!closed || a.resolvedAt < closed.at)) {
    closed = { at: a.resolvedAt, reason: 'resolved' };
    resolvedBy = a.resolvedBy ?? '';
    note = a.note ?? '';
  }
  return {
    exception_id: r.exception_id,
    category: r.category,
    entity_kind: ENTITY_KIND[r.category],
    entity_id: r.entity_id,
    order_id: r.order_id ?? '',
    warehouse_id: r.warehouse_id,
    opened_at: r.opened_at,
    closed_at: closed?.at ?? null,
    close_reason: closed?.reason ?? '',
    assignee: a?.assignee ?? '',
    resolved_by: resolvedBy,
    note,
    detail: r.detail,
    data: r.data ?? {},
  };
}

/** Opened and resolved facts of exceptions: what the window counts and mean time to resolve read. */
export function exceptionFacts(records: ExceptionRecord[]): Fact[] {
  const facts: Fact[] = [];
  for (const x of records) {
    const base: Omit<ExceptionFactValues, 't'> = { exception_id: x.exception_id, category: x.category, order_id: x.order_id, warehouse_id: x.warehouse_id };
    facts.push({ table: 'exception_fact', fact: 'opened', t: x.opened_at, ...base });
    if (x.closed_at !== null) facts.push({ table: 'exception_fact', fact: 'resolved', t: x.closed_at, ...base, resolve_ms: x.closed_at - x.opened_at });
  }
  return facts;
}
