import { scopeParams, type WarehouseScope } from '../auth/scope';
import { toChTime } from '../store/time';

export { inWarehouses } from '../auth/scope';

/** A KPI window `[from, to)` of business time, with the SPEC filters ('' = all). */
export interface Window {
  from: Date;
  to: Date;
  channel?: string;
  /** The warehouses the caller may read, narrowed by its warehouse filter (lib/auth/scope.ts). */
  scope: WarehouseScope;
  /** The warehouse filter as asked, echoed in answers; queries read `scope`. */
  warehouse?: string;
}

/**
 * Bound parameters every window query takes: `{from:DateTime64(3)}`, `{to:…}`, `{channel:String}`,
 * and the warehouse scope that `inWarehouses(column)` tests.
 */
export function windowParams(w: Window) {
  return {
    from: toChTime(w.from.getTime()),
    to: toChTime(w.to.getTime()),
    channel: w.channel ?? '',
    ...scopeParams(w.scope),
  };
}

/** The window test on a business-time column: `[from, to)`, with the parameters of windowParams. */
export const inWindow = (column = 't') => `${column} >= {from:DateTime64(3)} AND ${column} < {to:DateTime64(3)}`;

export const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
export const round = (v: number, digits = 2) =>
  Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : null;
export const pct = (part: number, whole: number) => (whole > 0 ? round((100 * part) / whole, 2) : null);

/** A unit cost of the order line for the row's SKU, from the joined order_info row. */
export const LINE_COST = 'arrayElement(i.`lines.unit_cost`, indexOf(i.`lines.sku`, r.sku))';
export const LINE_CATEGORY = 'arrayElement(i.`lines.category`, indexOf(i.`lines.sku`, r.sku))';
/** A return's warehouse: where it was received, else its order's. */
export const RETURN_WAREHOUSE = "if(r.warehouse_id != '', r.warehouse_id, i.warehouse_id)";
