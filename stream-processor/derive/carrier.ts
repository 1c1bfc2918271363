import type { StoredEvent } from '../snapshots';
import { exception, exceptionActions, exceptionFacts } from './exceptions';
import { all, first, type Derived, type ExceptionRecord } from './types';

/**
 * A parcel's carrier events (keyed by order_id on ops.carrier). Each carrier.exception opens a
 * `carrier_exception`, closed by delivery or an operator's resolve. Its warehouse is the order's,
 * joined at query time.
 */
export function deriveCarrier(orderId: string, events: StoredEvent[]): Derived {
  const pickedUp = first(events, 'carrier.picked_up');
  const delivered = first(events, 'carrier.delivered');
  const scans = all(events, 'carrier.in_transit');
  const lastScan = scans.at(-1);
  const actions = exceptionActions(events);
  const exceptions: ExceptionRecord[] = [];
  for (const e of all(events, 'carrier.exception')) {
    const closed = delivered && delivered.t >= e.t ? { at: delivered.t, reason: 'carrier.delivered' } : null;
    exceptions.push(exception(actions, {
      exception_id: `carrier_exception:${orderId}:${e.id}`, category: 'carrier_exception', entity_id: orderId, order_id: orderId, warehouse_id: '',
      opened_at: e.t, closed, detail: `${e.d.carrier}: ${String(e.d.reason).replace('_', ' ')}`,
    }));
  }
  const tracking = String((pickedUp ?? events.find((e) => e.d.tracking_id))?.d.tracking_id ?? '');
  return {
    facts: exceptionFacts(exceptions),
    exceptions,
    positions: [],
    states: [{
      kind: 'carrier_state', key: orderId,
      row: {
        order_id: orderId, carrier: String(pickedUp?.d.carrier ?? events.find((e) => e.d.carrier)?.d.carrier ?? ''), tracking_id: tracking,
        picked_up_at: pickedUp?.t ?? null, last_scan_at: lastScan?.t ?? null, last_location: String(lastScan?.d.location ?? ''),
        delivered_at: delivered?.t ?? null, open_exceptions: exceptions.filter((x) => x.closed_at === null).length,
      },
    }],
  };
}
