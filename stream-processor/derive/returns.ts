import { INSPECTION_DEADLINE_MS, REFUND_DEADLINE_MS } from '@/lib/domain/exceptions';
import type { InventoryState } from '@/lib/events/inventory';
import type { StoredEvent } from '../snapshots';
import { exception, exceptionActions, exceptionFacts } from './exceptions';
import { first, round4, type Derived, type ExceptionRecord, type Fact, type Position, type ReturnFactValues } from './types';

/** Where inspected units go. Liquidated units leave the building. */
const DISPOSITION_STATE: Record<string, InventoryState | null> = {
  restock: 'available',
  refurbish: 'refurbish',
  vendor_claim: 'quarantined',
  scrap: 'damaged',
  liquidate: null,
};

/**
 * A return case (RMA) from its events. Its channel, category and unit cost are its order line's
 * (SPEC section 3); they are joined at query time from the order, so a return that arrives before
 * its order is still counted right once the order arrives.
 */
export function deriveReturn(rmaId: string, events: StoredEvent[]): Derived {
  const requested = first(events, 'return.requested');
  const authorized = first(events, 'return.authorized');
  const rejected = first(events, 'return.rejected');
  const received = first(events, 'return.received');
  const inspected = first(events, 'return.inspected');
  const approved = events.filter((e) => e.type === 'return.refund_approved').at(-1);
  const refunded = first(events, 'return.refunded');
  const closed = first(events, 'return.closed');
  const r = (requested?.d ?? {}) as { order_id?: string; sku?: string; qty?: number; reason?: string; reason_detail?: string };
  const warehouse = received ? String(received.d.warehouse_id) : '';
  const qtyReceived = received ? Number(received.d.qty_received) : null;
  const base = { rma_id: rmaId, order_id: r.order_id ?? '', sku: r.sku ?? '', reason: r.reason ?? '', warehouse_id: warehouse };

  const facts: Fact[] = [];
  if (requested) facts.push({ table: 'return_fact', fact: 'requested', t: requested.t, ...base, units: r.qty ?? 0 });
  if (authorized) facts.push({ table: 'return_fact', fact: 'authorized', t: authorized.t, ...base, label_cost: Number(authorized.d.label_cost ?? 0) });
  if (received) facts.push({ table: 'return_fact', fact: 'received', t: received.t, ...base, units: qtyReceived ?? 0 });
  if (inspected) facts.push({ table: 'return_fact', fact: 'inspected', t: inspected.t, ...base, disposition: String(inspected.d.disposition), units: qtyReceived ?? r.qty ?? 0 });
  if (refunded) {
    // Refunds issued before receipt are counted apart and left out of the received-based figures.
    const hasReceipt = received !== undefined && received.t <= refunded.t;
    const hasInspection = inspected !== undefined && inspected.t <= refunded.t;
    const v: ReturnFactValues = {
      t: refunded.t, ...base, amount: Number(refunded.d.amount), restocking_fee: Number(refunded.d.restocking_fee ?? 0),
      has_request: requested ? 1 : 0, has_receipt: hasReceipt ? 1 : 0, has_inspection: hasInspection && hasReceipt ? 1 : 0, before_receipt: hasReceipt ? 0 : 1,
      requested_to_refund_ms: requested ? refunded.t - requested.t : 0,
      received_to_refund_ms: hasReceipt ? refunded.t - received!.t : 0,
      requested_to_received_ms: hasReceipt && requested ? received!.t - requested.t : 0,
      received_to_inspected_ms: hasReceipt && hasInspection ? inspected!.t - received!.t : 0,
      inspected_to_refunded_ms: hasReceipt && hasInspection ? refunded.t - inspected!.t : 0,
    };
    facts.push({ table: 'return_fact', fact: 'refunded', ...v });
  }

  const actions = exceptionActions(events);
  const exceptions: ExceptionRecord[] = [];
  const x = (e: Omit<Parameters<typeof exception>[1], 'entity_id' | 'order_id' | 'warehouse_id'>) =>
    exceptions.push(exception(actions, { ...e, entity_id: rmaId, order_id: r.order_id, warehouse_id: warehouse }));
  if (received && requested && qtyReceived !== r.qty) {
    x({ exception_id: `return_mismatch:${rmaId}:qty`, category: 'return_mismatch', opened_at: received.t, closed: null, detail: `Received ${qtyReceived} of ${r.qty} requested` });
  }
  if (inspected && inspected.d.serial_match === false) {
    x({ exception_id: `return_mismatch:${rmaId}:serial`, category: 'return_mismatch', opened_at: inspected.t, closed: null, detail: 'Serial number does not match the order' });
  }
  if (received) {
    const inspectBy = received.t + INSPECTION_DEADLINE_MS;
    if (!inspected || inspected.t > inspectBy) {
      x({ exception_id: `inspection_overdue:${rmaId}`, category: 'inspection_overdue', opened_at: inspectBy, closed: inspected ? { at: inspected.t, reason: inspected.type } : null, detail: 'Not inspected within 24 h of receipt' });
    }
    const refundBy = received.t + REFUND_DEADLINE_MS;
    const settled = [refunded, closed].filter((e): e is StoredEvent => e !== undefined).sort((a, b) => a.t - b.t)[0];
    if (!settled || settled.t > refundBy) {
      x({ exception_id: `refund_overdue:${rmaId}`, category: 'refund_overdue', opened_at: refundBy, closed: settled ? { at: settled.t, reason: settled.type } : null, detail: 'Not refunded within 48 h of receipt' });
    }
  }
  facts.push(...exceptionFacts(exceptions));

  const positions: Position[] = [];
  if (received && r.sku && qtyReceived) {
    const target = inspected ? DISPOSITION_STATE[String(inspected.d.disposition)] : 'pending_inspection';
    if (target) positions.push({ sku: r.sku, location: warehouse, state: target, qty: qtyReceived });
  }

  const status = closed ? 'closed' : refunded ? 'refunded' : inspected ? 'inspected' : received ? 'received' : rejected ? 'rejected' : authorized ? 'authorized' : 'requested';
  const state = {
    rma_id: rmaId, order_id: r.order_id ?? '', sku: r.sku ?? '', qty: r.qty ?? null, reason: r.reason ?? '', reason_detail: r.reason_detail ?? '', status, warehouse_id: warehouse,
    requested_at: requested?.t ?? null, authorized_at: authorized?.t ?? null, rejected_at: rejected?.t ?? null, received_at: received?.t ?? null, qty_received: qtyReceived,
    inspected_at: inspected?.t ?? null, disposition: String(inspected?.d.disposition ?? ''), condition: String(inspected?.d.condition ?? ''),
    serial_match: inspected?.d.serial_match === undefined ? null : Boolean(inspected.d.serial_match),
    refund_approved_at: approved?.t ?? null, approved_amount: approved ? round4(Number(approved.d.amount)) : null,
    refunded_at: refunded?.t ?? null, amount: refunded ? Number(refunded.d.amount) : null, restocking_fee: refunded ? Number(refunded.d.restocking_fee ?? 0) : null,
    method: String(refunded?.d.method ?? ''), closed_at: closed?.t ?? null, label_cost: authorized?.d.label_cost ?? null,
  };
  return { facts, exceptions, positions, states: [{ kind: 'return_state', key: rmaId, row: state }] };
}
