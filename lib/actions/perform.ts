import { RESOLVABLE } from '../events';
import { alertRooms, concerns, mayActOnException, mayTakeAction, type AlertTarget } from '../auth/policy';
import { inScope, type Principal } from '../auth/principal';
import { acknowledge } from '../alerts/write';
import { TOPICS, type OpsEvent } from '../events';
import { publishEvents } from '../ingest/publish';
import { listAlerts } from '../queries/listAlerts';
import { getExceptionForAction, getOrderForAction, getReturnForAction } from '../queries/actionTargets';
import type { Runtime } from '../runtime';
import { audit, findResult, principalKey, saveResult } from './record';
import { actionInput, type ActionInput, type ActionResult } from './schemas';
import { nowDate } from '../clock';

class Refused extends Error {
  constructor(
    public readonly code: number,
    message: string,
    public readonly before?: unknown,
  ) {
    super(message);
  }
}

interface Plan {
  before: unknown;
  after: unknown;
  events: OpsEvent[];
  /** Side effects that are not events (an acknowledgement). */
  apply?(): Promise<void>;
  /** Socket rooms to tell, with what, once done. */
  notify?: { rooms: string[]; alertId: string };
}

/** Checks the action against the record as it is and the principal's role and warehouses; says what to write. */
async function plan(rt: Runtime, p: Principal, a: ActionInput): Promise<Plan> {
  const at = nowDate().toISOString();
  const ev = (type: string, data: Record<string, unknown>, n = 0): OpsEvent =>
    ({
      event_id: `act-${a.action_id}-${n}`,
      type,
      occurred_at: at,
      source: `ops-pulse:${p.name}`,
      schema_version: 1,
      data,
    }) as OpsEvent;
  const store = rt.store.reader;
  switch (a.type) {
    case 'alert.acknowledge': {
      const [alert] = await listAlerts(store, { id: a.payload.alert_id, limit: 1 });
      if (!alert) throw new Refused(404, `no alert ${a.payload.alert_id}`);
      const target: AlertTarget = {
        type: alert.type,
        warehouse_id: alert.warehouse_id ?? null,
        category: alert.category ?? null,
      };
      if (!concerns(p, target)) throw new Refused(403, 'this alert is not one of yours', { status: alert.status });
      if (alert.status === 'resolved')
        throw new Refused(409, 'the alert is already resolved', { status: alert.status });
      return {
        before: { status: alert.status, acknowledged_by: alert.acknowledged_by ?? null },
        after: { status: 'acknowledged', acknowledged_by: p.name },
        events: [],
        apply: async () => void (await acknowledge(rt.store.client, alert.alert_id, p.name)),
        notify: { rooms: alertRooms(target), alertId: alert.alert_id },
      };
    }
    case 'exception.assign':
    case 'exception.resolve': {
      const x = await getExceptionForAction(store, a.payload.exception_id);
      if (!x || (x.open && x.opened_at && x.opened_at > at))
        throw new Refused(404, `no open exception ${a.payload.exception_id}`);
      if (!mayActOnException(p, x.category, x.warehouse || null))
        throw new Refused(
          403,
          `role ${p.role} may not act on ${x.category} exceptions${p.role === 'warehouse_manager' ? ` at ${x.warehouse || 'an unknown warehouse'}` : ''}`,
        );
      if (!x.open) throw new Refused(409, 'the exception is already closed', { open: false });
      if (a.type === 'exception.resolve' && !RESOLVABLE.has(x.category)) {
        throw new Refused(409, `${x.category} exceptions close when their cause does, not by an action`, {
          open: true,
        });
      }
      const base = { exception_id: x.exception_id, category: x.category, entity_id: x.entity_id, actor: p.name };
      return a.type === 'exception.assign'
        ? {
            before: { assignee: x.assignee || null },
            after: { assignee: a.payload.assignee },
            events: [ev('exception.assigned', { ...base, assignee: a.payload.assignee })],
          }
        : {
            before: { open: true },
            after: { open: false, note: a.payload.note },
            events: [ev('exception.resolved', { ...base, note: a.payload.note })],
          };
    }
    case 'order.expedite':
    case 'order.reallocate':
    case 'order.release_hold': {
      const o = await getOrderForAction(store, a.payload.order_id);
      if (!o) throw new Refused(404, `no order ${a.payload.order_id}`);
      const before = { status: o.status, warehouse_id: o.warehouse_id, service_level: o.service_level, held: o.held };
      if (!inScope(p, o.warehouse_id))
        throw new Refused(
          403,
          `order ${o.order_id} is at ${o.warehouse_id || 'no warehouse'}, not one of yours`,
          before,
        );
      if (o.status === 'shipped' || o.status === 'cancelled')
        throw new Refused(409, `order ${o.order_id} is already ${o.status}`, before);
      if (a.type === 'order.release_hold') {
        if (!o.held) throw new Refused(409, `order ${o.order_id} is not on hold`, before);
        return { before, after: { held: false }, events: [ev('order.released', { order_id: o.order_id })] };
      }
      if (a.type === 'order.reallocate') {
        if (!inScope(p, a.payload.to_warehouse))
          throw new Refused(403, `${a.payload.to_warehouse} is not one of your warehouses`, before);
        if (a.payload.to_warehouse === o.warehouse_id)
          throw new Refused(409, `order ${o.order_id} is already at ${o.warehouse_id}`, before);
        return {
          before,
          after: { warehouse_id: a.payload.to_warehouse },
          events: [
            ev('order.reallocated', { order_id: o.order_id, to_warehouse: a.payload.to_warehouse, actor: p.name }),
          ],
        };
      }
      const level = a.payload.service_level ?? 'express';
      return {
        before,
        after: { service_level: level },
        events: [ev('order.expedited', { order_id: o.order_id, service_level: level, actor: p.name })],
      };
    }
    case 'inventory.approve_adjustment': {
      const { sku, location, qty_delta } = a.payload;
      if (!inScope(p, location)) throw new Refused(403, `${location} is not one of your warehouses`);
      return {
        before: null,
        after: { sku, location, qty_delta },
        events: [ev('inventory.adjusted', { sku, location, qty_delta, reason: 'cycle_count', actor: p.name })],
      };
    }
    case 'return.approve_refund': {
      const r = await getReturnForAction(store, a.payload.rma_id);
      if (!r) throw new Refused(404, `no return ${a.payload.rma_id}`);
      const before = { status: r.status, approved_amount: r.approved_amount };
      if (r.status === 'refunded' || r.status === 'closed' || r.status === 'rejected')
        throw new Refused(409, `return ${r.rma_id} is ${r.status}`, before);
      return {
        before,
        after: { approved_amount: a.payload.amount },
        events: [ev('return.refund_approved', { rma_id: r.rma_id, amount: a.payload.amount, actor: p.name })],
      };
    }
  }
}

const inFlight = new Map<string, { who: string; work: Promise<ActionResult> }>();

/** Another principal's action_id: refused, never answered with that principal's result. */
const reused = (a: ActionInput, at: string): ActionResult => ({
  action_id: a.action_id,
  type: a.type,
  status: 'refused',
  code: 409,
  message: 'this action_id was already used by another user or client; send a new one',
  at,
});

/**
 * POST /api/actions and the socket `action` event: validate, check role and warehouse, do it once
 * per action_id, write the SPEC event(s) to the record's topic (durable before answering), send
 * the command on ops.commands, and audit every outcome, refusals included.
 */
export async function performAction(rt: Runtime, p: Principal, input: unknown): Promise<ActionResult> {
  const parsed = actionInput.safeParse(input);
  const now = () => nowDate().toISOString();
  if (!parsed.success) {
    const raw = input as { action_id?: unknown; type?: unknown };
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || '(action)'}: ${i.message}`).join('; ');
    return {
      action_id: String(raw?.action_id ?? ''),
      type: String(raw?.type ?? ''),
      status: 'refused',
      code: 400,
      message,
      at: now(),
    };
  }
  const a = parsed.data;
  const key = a.action_id;
  const who = principalKey(p);
  // Refused and audited, but never stored: the id stays its first sender's.
  const refuseReuse = async () => {
    const r = reused(a, now());
    await audit(rt.store.client, p, a, r, []);
    return r;
  };
  const running = inFlight.get(key);
  if (running) return running.who === who ? running.work : refuseReuse();
  const work = (async (): Promise<ActionResult> => {
    // The plan's reads (the record, its scope) go out with the idempotency lookup, not after it;
    // a plan made for an action_id already done is dropped unused (plans write nothing).
    const allowed = mayTakeAction(p, a.type);
    const planned = allowed ? plan(rt, p, a) : null;
    planned?.catch(() => undefined);
    const earlier = await findResult(rt.store.reader, key);
    if (earlier) return earlier.principal === who || earlier.principal === '' ? earlier.result : refuseReuse();
    let result: ActionResult;
    let events: OpsEvent[] = [];
    try {
      if (!planned) throw new Refused(403, `role ${p.role} may not ${a.type}`);
      const pl = await planned;
      events = pl.events;
      await pl.apply?.();
      // The record's warehouse goes with the command, so every console watching it is told (action:done).
      const warehouse =
        (pl.before as { warehouse_id?: string } | null)?.warehouse_id ??
        (a.type === 'inventory.approve_adjustment' ? a.payload.location : undefined);
      // Three topics, independent of each other: sent together, so the answer waits for the slowest only.
      await Promise.all([
        events.length > 0
          ? // On record is enough to answer: the operator hears "done" before the derivation (~0.4 s of
            // a batch's write on the in-process bus), which follows and is pushed to every console.
            publishEvents(
              rt.bus,
              events.map((event) => ({ event })),
              { ack: 'stored' },
            )
          : null,
        rt.bus.publish(TOPICS.commands, [
          {
            key: a.action_id,
            value: JSON.stringify({
              ...a,
              actor: p.name,
              role: p.role,
              at: now(),
              event_ids: events.map((e) => e.event_id),
              ...(warehouse ? { warehouse_id: warehouse } : {}),
            }),
          },
        ]),
        pl.notify
          ? rt.bus.publish(TOPICS.alerts, [
              { key: pl.notify.alertId, value: JSON.stringify({ kind: 'update', alert_id: pl.notify.alertId }) },
            ])
          : null,
      ]);
      result = {
        action_id: key,
        type: a.type,
        status: 'done',
        code: 200,
        event_ids: events.map((e) => e.event_id),
        before: pl.before,
        after: pl.after,
        at: now(),
      };
    } catch (err) {
      if (!(err instanceof Refused)) {
        rt.log.error({ err, action: a }, 'action failed');
        const failed: ActionResult = {
          action_id: key,
          type: a.type,
          status: 'failed',
          code: 503,
          message: 'could not complete the action; try again with the same action_id',
          at: now(),
        };
        await audit(rt.store.client, p, a, failed, []).catch(() => undefined);
        return failed; // not stored: the same action_id may be retried
      }
      result = {
        action_id: key,
        type: a.type,
        status: 'refused',
        code: err.code,
        message: err.message,
        ...(err.before !== undefined ? { before: err.before } : {}),
        at: now(),
      };
    }
    // Both durable before the answer (the result makes a resend idempotent); neither needs the other.
    await Promise.all([
      saveResult(rt.store.client, p, result),
      audit(
        rt.store.client,
        p,
        a,
        result,
        events.map((e) => e.event_id),
      ),
    ]);
    if (result.status === 'done') void notifyWebhook(rt, a, p, result);
    return result;
  })();
  inFlight.set(key, { who, work });
  try {
    return await work;
  } finally {
    inFlight.delete(key);
  }
}

/** Optional: each done action POSTed to OPS_ACTION_WEBHOOK_URL, retried with capped backoff. */
async function notifyWebhook(rt: Runtime, a: ActionInput, p: Principal, r: ActionResult) {
  const url = rt.config.actionWebhookUrl;
  if (!url) return;
  const body = JSON.stringify({ ...a, actor: p.name, role: p.role, result: r });
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': a.action_id },
        body,
        signal: AbortSignal.timeout(5000),
      });
      if (res.ok || (res.status >= 400 && res.status < 500 && res.status !== 429)) return;
    } catch {
      // retried below
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(60_000, 500 * 2 ** attempt)));
  }
  rt.log.warn({ action_id: a.action_id, url }, 'action webhook gave up after 8 attempts');
}
