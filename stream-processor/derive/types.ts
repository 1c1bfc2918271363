import type { ExceptionCategory, Family } from '@/lib/events';
import type { InventoryState } from '@/lib/events/inventory';
import type { StoredEvent } from '../snapshots';

/**
 * A fact: one countable thing at a business time (an order shipped, a refund paid). Facts are a
 * pure function of an entity's events; when the events change, the old facts are written again
 * with sign −1 and the new ones with +1, so summing tables stay exact whatever the arrival order.
 */
export type Fact =
  | ({ table: 'order_fact'; fact: 'created' | 'shipped' | 'cancelled' } & OrderFactValues)
  | ({ table: 'line_fact' } & LineFactValues)
  | ({ table: 'return_fact'; fact: 'requested' | 'authorized' | 'received' | 'inspected' | 'refunded' } & ReturnFactValues)
  | ({ table: 'exception_fact'; fact: 'opened' | 'resolved' } & ExceptionFactValues);

export interface OrderFactValues {
  t: number;
  order_id: string;
  channel: string;
  warehouse_id: string;
  revenue?: number;
  cogs?: number;
  shipping_cost?: number;
  fees?: number;
  units?: number;
  on_time?: number;
  /** Stage times (ms since epoch, 0 unknown) of a shipped order: what cutoff-risk learning reads. */
  created_at_ms?: number;
  allocated_at_ms?: number;
  picked_at_ms?: number;
  packed_at_ms?: number;
}
export interface LineFactValues {
  t: number;
  order_id: string;
  sku: string;
  category: string;
  channel: string;
  warehouse_id: string;
  units: number;
}
export interface ReturnFactValues {
  t: number;
  rma_id: string;
  order_id: string;
  sku: string;
  reason: string;
  warehouse_id: string;
  disposition?: string;
  units?: number;
  label_cost?: number;
  amount?: number;
  restocking_fee?: number;
  requested_to_refund_ms?: number;
  received_to_refund_ms?: number;
  requested_to_received_ms?: number;
  received_to_inspected_ms?: number;
  inspected_to_refunded_ms?: number;
  has_request?: number;
  has_receipt?: number;
  has_inspection?: number;
  before_receipt?: number;
}
export interface ExceptionFactValues {
  t: number;
  exception_id: string;
  category: ExceptionCategory;
  order_id: string;
  warehouse_id: string;
  resolve_ms?: number;
}

export interface ExceptionRecord {
  exception_id: string;
  category: ExceptionCategory;
  entity_kind: 'order' | 'shipment' | 'return' | 'inventory';
  entity_id: string;
  order_id: string;
  warehouse_id: string;
  opened_at: number;
  closed_at: number | null;
  close_reason: string;
  assignee: string;
  resolved_by: string;
  note: string;
  detail: string;
  /** Structured facts for consoles (JSON-serialisable). */
  data: Record<string, unknown>;
}

/** Net stock an entity holds in a state at a location (orders allocate, returns put units in inspection). */
export interface Position {
  sku: string;
  location: string;
  state: InventoryState;
  qty: number;
}

/** Current-state rows (one per entity, replaced on change): `kind` is their ingest row kind. */
export interface StateRow {
  kind: string;
  key: string;
  row: Record<string, unknown>;
  /** For tables keeping only live rows (open orders): this row marks the key gone. */
  deleted?: boolean;
}

export interface Derived {
  facts: Fact[];
  exceptions: ExceptionRecord[];
  positions: Position[];
  states: StateRow[];
}

export const EMPTY_DERIVED: Derived = { facts: [], exceptions: [], positions: [], states: [] };

export interface DeriveContext {
  family: Family;
  key: string;
  events: StoredEvent[];
}

export const HOUR = 3_600_000;
export const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** The first event of a type (events are sorted by time), or undefined. */
export const first = (events: StoredEvent[], type: string) => events.find((e) => e.type === type);
export const all = (events: StoredEvent[], type: string) => events.filter((e) => e.type === type);
