import { scopeParams, type WarehouseScope } from '../auth/scope';
import { nowDate } from '../clock';
import { queryRows, type Store } from '../store/client';
import { toChTime } from '../store/time';
import { inWarehouses } from './params';

// Both kinds from one scan of recent created facts; warehouses only within the reader's scope.
const SQL = `
SELECT DISTINCT 'channel' AS kind, toString(channel) AS v FROM order_facts
WHERE fact = 'created' AND t >= {now:DateTime64(3)} - INTERVAL 30 DAY AND channel != ''
UNION ALL
SELECT DISTINCT 'warehouse' AS kind, toString(warehouse_id) AS v FROM order_facts
WHERE fact = 'created' AND t >= {now:DateTime64(3)} - INTERVAL 30 DAY AND warehouse_id != '' AND ${inWarehouses('warehouse_id')}`;

/** Channels and warehouses seen in the last 30 days: the filter choices. */
export async function getDimensions(
  store: Store,
  scope: WarehouseScope,
  now = nowDate(),
): Promise<{ channels: string[]; warehouses: string[] }> {
  const rows = await queryRows<{ kind: string; v: string }>(store, SQL, {
    now: toChTime(now.getTime()),
    ...scopeParams(scope),
  });
  const of = (k: string) =>
    rows
      .filter((r) => r.kind === k)
      .map((r) => r.v)
      .sort();
  return { channels: of('channel'), warehouses: of('warehouse') };
}
