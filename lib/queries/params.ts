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

/** The returns drill's slice ('' or absent = all): a return's reason, its order line's category, its SKU. */
export interface ReturnSlice {
  reason?: string;
  category?: string;
  sku?: string;
}
export const returnSliceParams = (s: ReturnSlice) => ({
  reason: s.reason ?? '',
  category: s.category ?? '',
  sku: s.sku ?? '',
});
/** The slice test on return facts `r` joined to their order line's `order_info` `i`. */
export const IN_RETURN_SLICE = `({reason:String} = '' OR toString(r.reason) = {reason:String})
    AND ({category:String} = '' OR ${LINE_CATEGORY} = {category:String}) AND ({sku:String} = '' OR r.sku = {sku:String})`;
/** The slice test on shipped lines (line_facts): a shipment has no reason, so only category and SKU apply. */
export const IN_SHIPPED_SLICE = `({category:String} = '' OR category = {category:String}) AND ({sku:String} = '' OR sku = {sku:String})`;
