import { scopeParams, type WarehouseScope } from '../auth/scope';
import { queryRows, type Store } from '../store/client';
import { inWarehouses, num, round } from './params';

export interface HeldInventory {
  state: 'pending_inspection' | 'quarantined' | 'refurbish';
  units: number;
  value: number;
}

const SQL = `
SELECT p.state AS state, sum(p.qty) AS units, sum(p.qty * toFloat64(c.unit_cost)) AS value
FROM (
    -- Movements summed per SKU first, so the join sees one row per SKU and state, not every movement.
    SELECT sku, state, sum(qty) AS qty FROM inventory_positions
    WHERE state IN ('pending_inspection', 'quarantined', 'refurbish') AND ${inWarehouses('location')}
    GROUP BY sku, state
) AS p
LEFT JOIN (SELECT sku, argMax(unit_cost, t) AS unit_cost FROM sku_costs GROUP BY sku) AS c ON c.sku = p.sku
GROUP BY state
ORDER BY state`;

/** SPEC 4, returns: stock held in non-sellable states now, in units and value (latest unit cost). */
export async function getHeldInventory(store: Store, scope: WarehouseScope): Promise<HeldInventory[]> {
  const rows = await queryRows<{ state: HeldInventory['state']; units: number; value: number }>(
    store,
    SQL,
    scopeParams(scope),
  );
  return (['pending_inspection', 'quarantined', 'refurbish'] as const).map((state) => {
    const r = rows.find((x) => x.state === state);
    return { state, units: num(r?.units), value: round(num(r?.value), 2) ?? 0 };
  });
}
