import type { StoredEvent } from '../snapshots';
import { exception, exceptionActions, exceptionFacts } from './exceptions';
import { all, first, round4, type Derived, type ExceptionRecord, type Fact, type Position, type StateRow } from './types';

type Line = { sku: string; qty: number; unit_price?: number; unit_cost?: number; category?: string };

export const ORDER_STAGES = ['created', 'allocated', 'picked', 'packed', 'shipped'] as const;

/**
 * Everything derived from one order's events (SPEC sections 3-4), as a pure function of the event
 * set: arrival order and duplicates cannot change it. Order status is the furthest stage reached;
 * `held` while a hold is open; `cancelled` if cancelled before shipping.
 */
export function deriveOrder(orderId: string, events: StoredEvent[]): Derived {
  const created = first(events, 'order.created');
  const c = (created?.d ?? {}) as { channel?: string; customer_ref?: string; ship_by?: string; lines?: Line[]; shipping_charged?: number; fees?: number; warehouse_id?: string; carrier?: string; service_level?: string; promised_delivery_at?: string };
  const allocated = first(events, 'order.allocated');
  const picked = first(events, 'order.picked');
  const packed = first(events, 'order.packed');
  const shippedEv = first(events, 'order.shipped');
  const cancelledEv = first(events, 'order.cancelled');
  const cancelled = cancelledEv && (!shippedEv || cancelledEv.t < shippedEv.t) ? cancelledEv : undefined;
  const shipped = cancelled ? undefined : shippedEv;
  const end = shipped ?? cancelled;
  const shipBy = c.ship_by ? Date.parse(c.ship_by) : null;

  // Warehouse: the latest allocation or reallocation, else where the order was created for.
  let warehouse = c.warehouse_id ?? '';
  let allocLines: Line[] | undefined;
  let serviceLevel = c.service_level ?? '';
  let expeditedAt: number | null = null;
  for (const e of events) {
    if (e.type === 'order.allocated') {
      warehouse = String(e.d.warehouse_id);
      allocLines = e.d.lines as Line[];
    } else if (e.type === 'order.reallocated') warehouse = String(e.d.to_warehouse);
    else if (e.type === 'order.expedited') {
      expeditedAt ??= e.t;
      if (e.d.service_level) serviceLevel = String(e.d.service_level);
    }
  }

  const actions = exceptionActions(events);
  const exceptions: ExceptionRecord[] = [];
  const x = (r: Omit<Parameters<typeof exception>[1], 'entity_id' | 'order_id' | 'warehouse_id'>) => exceptions.push(exception(actions, { ...r, entity_id: orderId, order_id: orderId, warehouse_id: warehouse }));

  // Holds: each order.held opens one (while none is open); released, shipped or cancelled closes it.
  let hold: { id: string; t: number; reason: string } | null = null;
  for (const e of events) {
    if (e.type === 'order.held' && !hold) hold = { id: e.id, t: e.t, reason: String(e.d.reason) };
    else if (hold && (e.type === 'order.released' || e === shipped || e === cancelled)) {
      x({ exception_id: `order_hold:${orderId}:${hold.id}`, category: 'order_hold', opened_at: hold.t, closed: { at: e.t, reason: e.type }, detail: `On hold: ${hold.reason}`, data: { reason: hold.reason } });
      hold = null;
    }
  }
  if (hold) x({ exception_id: `order_hold:${orderId}:${hold.id}`, category: 'order_hold', opened_at: hold.t, closed: null, detail: `On hold: ${hold.reason}`, data: { reason: hold.reason } });

  for (const e of all(events, 'order.short_picked')) {
    const closer = end && end.t >= e.t ? { at: end.t, reason: end.type } : null;
    x({ exception_id: `short_pick:${orderId}:${e.id}`, category: 'short_pick', opened_at: e.t, closed: closer, detail: `Short pick: ${e.d.qty_short} × ${e.d.sku}`, data: { sku: e.d.sku, qty_short: e.d.qty_short } });
  }

  // Late shipment opens by itself when ship_by passes unshipped; recorded ahead with its opening
  // time, so it is open exactly when queried after ship_by.
  if (shipBy !== null && !(end && end.t <= shipBy)) {
    x({ exception_id: `late_shipment:${orderId}`, category: 'late_shipment', opened_at: shipBy, closed: end ? { at: end.t, reason: end.type } : null, detail: `Not shipped by ${new Date(shipBy).toISOString()}`, data: { ship_by: new Date(shipBy).toISOString() } });
  }

  const lines = (c.lines ?? []) as Line[];
  const revenue = round4(lines.reduce((s, l) => s + (l.unit_price ?? 0) * l.qty, 0) + (c.shipping_charged ?? 0));
  const cogs = round4(lines.reduce((s, l) => s + (l.unit_cost ?? 0) * l.qty, 0));
  const units = lines.reduce((s, l) => s + l.qty, 0);
  const channel = c.channel ?? '';
  const shippingCost = shipped ? Number(shipped.d.shipping_cost) : 0;

  const facts: Fact[] = [];
  const base = { order_id: orderId, channel, warehouse_id: warehouse };
  if (created) facts.push({ table: 'order_fact', fact: 'created', t: created.t, ...base });
  if (cancelled) facts.push({ table: 'order_fact', fact: 'cancelled', t: cancelled.t, ...base });
  if (shipped) {
    facts.push({
      table: 'order_fact', fact: 'shipped', t: shipped.t, ...base,
      revenue: created ? revenue : 0, cogs: created ? cogs : 0, shipping_cost: shippingCost, fees: c.fees ?? 0, units,
      on_time: shipBy !== null && shipped.t <= shipBy ? 1 : 0,
      created_at_ms: created?.t ?? 0, allocated_at_ms: allocated?.t ?? 0, picked_at_ms: picked?.t ?? 0, packed_at_ms: packed?.t ?? 0,
    });
    for (const l of lines) facts.push({ table: 'line_fact', t: shipped.t, ...base, sku: l.sku, category: l.category ?? '', units: l.qty });
  }
  facts.push(...exceptionFacts(exceptions));

  // Stock: an allocated open order holds units as `allocated`; a shipped one has taken them away.
  const positions: Position[] = [];
  const stockLines = allocLines ?? lines;
  if (warehouse && (shipped || (allocated && !cancelled))) {
    for (const l of stockLines) {
      positions.push({ sku: l.sku, location: warehouse, state: 'available', qty: -l.qty });
      if (!shipped) positions.push({ sku: l.sku, location: warehouse, state: 'allocated', qty: l.qty });
    }
  }

  const status = cancelled ? 'cancelled' : shipped ? 'shipped' : hold ? 'held' : packed ? 'packed' : picked ? 'picked' : allocated ? 'allocated' : 'created';
  const current = {
    order_id: orderId, status, channel, customer_ref: c.customer_ref ?? '', warehouse_id: warehouse,
    ship_by: shipBy, created_at: created?.t ?? null, allocated_at: allocated?.t ?? null, picked_at: picked?.t ?? null, packed_at: packed?.t ?? null,
    shipped_at: shipped?.t ?? null, cancelled_at: cancelled?.t ?? null, held: hold ? 1 : 0, hold_reason: hold?.reason ?? '',
    carrier: String(shipped?.d.carrier ?? c.carrier ?? ''), tracking_id: String(shipped?.d.tracking_id ?? ''), service_level: serviceLevel,
    promised_delivery_at: c.promised_delivery_at ? Date.parse(c.promised_delivery_at) : null, expedited_at: expeditedAt,
    revenue, cogs, fees: c.fees ?? 0, shipping_charged: c.shipping_charged ?? 0, shipping_cost: shippingCost, units, lines,
  };
  const open = !shipped && !cancelled;
  const states: StateRow[] = [
    { kind: 'order_state', key: orderId, row: current },
    {
      kind: 'open_order', key: orderId, deleted: !open,
      row: { order_id: orderId, status, warehouse_id: warehouse, channel, ship_by: shipBy, created_at: created?.t ?? null,
        stage: hold ? 'held' : packed ? 'packed' : picked ? 'picked' : allocated ? 'allocated' : 'created',
        stage_at: packed?.t ?? picked?.t ?? allocated?.t ?? created?.t ?? null, held: hold ? 1 : 0, carrier: current.carrier, service_level: serviceLevel, expedited_at: expeditedAt },
    },
  ];
  if (created) {
    states.push({ kind: 'order_info', key: orderId, row: { order_id: orderId, channel, warehouse_id: warehouse, created_at: created.t, lines } });
  }
  return { facts, exceptions, positions, states };
}
