import { queryRows, type Store } from '../store/client';

/** Channels and warehouses seen in the last 30 days: the filter choices. */
export async function getDimensions(store: Store): Promise<{ channels: string[]; warehouses: string[] }> {
  const rows = await queryRows<{ kind: string; v: string }>(
    store,
    `SELECT DISTINCT 'channel' AS kind, toString(channel) AS v FROM order_facts WHERE fact = 'created' AND t >= now64() - INTERVAL 30 DAY AND channel != ''
     UNION ALL
     SELECT DISTINCT 'warehouse' AS kind, toString(warehouse_id) AS v FROM order_facts WHERE fact = 'created' AND t >= now64() - INTERVAL 30 DAY AND warehouse_id != ''`,
  );
  const of = (k: string) => rows.filter((r) => r.kind === k).map((r) => r.v).sort();
  return { channels: of('channel'), warehouses: of('warehouse') };
}
