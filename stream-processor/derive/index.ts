import type { Family } from '@/lib/events';
import { toChTime } from '@/lib/store/time';
import type { Deriver } from '../prepare';
import type { IngestRow } from '../rows';
import type { StoredEvent } from '../snapshots';
import { deriveCarrier } from './carrier';
import { deriveInventory, inventoryMovements, withinTolerance, type Tolerance } from './inventory';
import { deriveOrder } from './order';
import { deriveReturn } from './returns';
import { EMPTY_DERIVED, type Derived, type ExceptionRecord, type Fact, type Position } from './types';

const DERIVE: Record<Family, (key: string, events: StoredEvent[]) => Derived> = {
  orders: deriveOrder,
  returns: deriveReturn,
  carrier: deriveCarrier,
  inventory: deriveInventory,
};

const TIME = /(_at|^t|^ship_by)$/;
/** Epoch-ms fields of derived rows become ClickHouse times; `_ms` durations stay numbers. */
function withTimes(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'lines' && Array.isArray(v)) {
      const lines = v as { sku: string; qty: number; unit_price?: number; unit_cost?: number; category?: string }[];
      out['lines.sku'] = lines.map((l) => l.sku);
      out['lines.qty'] = lines.map((l) => l.qty);
      out['lines.unit_price'] = lines.map((l) => l.unit_price ?? 0);
      out['lines.unit_cost'] = lines.map((l) => l.unit_cost ?? 0);
      out['lines.category'] = lines.map((l) => l.category ?? '');
    } else out[k] = TIME.test(k) && typeof v === 'number' ? toChTime(v) : v;
  }
  return out;
}

const factRow = (f: Fact, sign: 1 | -1): IngestRow => {
  const { table, ...rest } = f;
  return { kind: table, sign, ...withTimes(rest) };
};
const exceptionRows = (x: ExceptionRecord, version: number, gone: boolean): IngestRow[] => {
  const row = withTimes({ ...x, data: JSON.stringify(x.data) });
  return [
    { kind: 'exception', ...row, version, is_deleted: gone ? 1 : 0 },
    // The open set holds exceptions not yet closed, including those due to open later.
    { kind: 'open_exception', ...row, version, is_deleted: gone || x.closed_at !== null ? 1 : 0 },
  ];
};

function positionDeltas(before: Position[], after: Position[]): IngestRow[] {
  const net = new Map<string, Position>();
  const add = (p: Position, sign: number) => {
    const k = `${p.sku}\u0000${p.location}\u0000${p.state}`;
    const cur = net.get(k) ?? { ...p, qty: 0 };
    cur.qty += sign * p.qty;
    net.set(k, cur);
  };
  for (const p of before) add(p, -1);
  for (const p of after) add(p, 1);
  return [...net.values()].filter((p) => p.qty !== 0).map((p) => ({ kind: 'position', sku: p.sku, location: p.location, inv_state: p.state, delta: p.qty }));
}

/** Rows that turn an entity's derived state from `old` into `neu`: retractions, additions, replacements. */
export function diffRows(old: Derived, neu: Derived, version: number, keepOldExceptionsBefore?: number): IngestRow[] {
  const rows: IngestRow[] = [];
  const oldFacts = new Map(old.facts.map((f) => [JSON.stringify(f), f]));
  const newFacts = new Map(neu.facts.map((f) => [JSON.stringify(f), f]));
  for (const [k, f] of oldFacts) if (!newFacts.has(k)) rows.push(factRow(f, -1));
  for (const [k, f] of newFacts) if (!oldFacts.has(k)) rows.push(factRow(f, 1));

  rows.push(...positionDeltas(old.positions, neu.positions));

  const oldX = new Map(old.exceptions.map((x) => [x.exception_id, x]));
  const newX = new Map(neu.exceptions.map((x) => [x.exception_id, x]));
  for (const [id, x] of newX) if (JSON.stringify(x) !== JSON.stringify(oldX.get(id))) rows.push(...exceptionRows(x, version, false));
  for (const [id, x] of oldX) {
    // An exception whose opening event fell out of a truncated snapshot is kept, not deleted.
    if (!newX.has(id) && !(keepOldExceptionsBefore !== undefined && x.opened_at < keepOldExceptionsBefore)) rows.push(...exceptionRows(x, version, true));
  }

  const oldStates = new Map(old.states.map((s) => [`${s.kind}:${s.key}`, JSON.stringify(s)]));
  for (const s of neu.states) {
    if (oldStates.get(`${s.kind}:${s.key}`) === JSON.stringify(s)) continue;
    rows.push({ kind: s.kind, ...withTimes(s.row), version, is_deleted: s.deleted ? 1 : 0 });
  }
  return rows;
}

/**
 * The processor's derivation step: annotate fresh events with decisions taken at first apply,
 * then write the difference between the entity's derived state before and after this batch.
 */
export function createDeriver(tolerance: Tolerance): Deriver {
  return {
    annotate(family, fresh) {
      if (family !== 'inventory') return;
      for (const e of fresh) {
        if (e.type === 'inventory.counted') e.x = { outside: !withinTolerance(Number(e.d.counted_qty), Number(e.d.expected_qty), tolerance) };
      }
    },
    rows({ family, key, before, after, fresh, version }) {
      const derive = DERIVE[family];
      const old = before.events.length > 0 ? derive(key, before.events) : EMPTY_DERIVED;
      const derived = derive(key, after.events);
      const rows = diffRows(old, derived, version, after.truncatedBefore);
      if (family === 'inventory') {
        for (const e of fresh) {
          for (const p of inventoryMovements(e)) rows.push({ kind: 'position', sku: p.sku, location: p.location, inv_state: p.state, delta: p.qty });
          if (e.type === 'inventory.counted') {
            const d = e.d as { sku: string; location: string; counted_qty: number; expected_qty: number; unit_cost?: number };
            rows.push({ kind: 'count_fact', event_id: e.id, t: toChTime(e.t), sku: d.sku, location: d.location, counted_qty: d.counted_qty, expected_qty: d.expected_qty, unit_cost: d.unit_cost ?? null });
          }
          const cost = e.d.unit_cost;
          if (typeof cost === 'number') rows.push({ kind: 'sku_cost', sku: String(e.d.sku), unit_cost: cost, t: toChTime(e.t) });
        }
      }
      return { rows, derived };
    },
  };
}
