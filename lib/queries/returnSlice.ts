import { LINE_CATEGORY } from './params';

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
