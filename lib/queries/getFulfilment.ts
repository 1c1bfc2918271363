import { queryRows, type Store } from '../store/client';
import { inWarehouses, inWindow, num, pct, type Window, windowParams } from './params';

export interface Fulfilment {
  created: number;
  shipped: number;
  cancelled: number;
  shipped_on_time: number;
  on_time_ship_pct: number | null;
}

const SQL = `
SELECT fact, sum(n) AS n, sum(on_time) AS on_time
FROM order_facts
WHERE fact IN ('created', 'shipped', 'cancelled') AND ${inWindow()}
  AND ({channel:String} = '' OR channel = {channel:String}) AND ${inWarehouses('warehouse_id')}
GROUP BY fact`;

/** SPEC 4, fulfilment: orders created, shipped, cancelled in the window; on-time share of shipped. */
export async function getFulfilment(store: Store, w: Window): Promise<Fulfilment> {
  const rows = await queryRows<{ fact: string; n: number; on_time: number }>(store, SQL, windowParams(w));
  const get = (f: string) => rows.find((r) => r.fact === f);
  const shipped = num(get('shipped')?.n);
  const onTime = num(get('shipped')?.on_time);
  return {
    created: num(get('created')?.n),
    shipped,
    cancelled: num(get('cancelled')?.n),
    shipped_on_time: onTime,
    on_time_ship_pct: pct(onTime, shipped),
  };
}
