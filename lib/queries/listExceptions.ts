import type { ExceptionCategory } from '../events';
import { inWarehouses, scopeParams, type WarehouseScope } from '../auth/scope';
import { queryRows, type Store } from '../store/client';
import { fromChTime, toChTime } from '../store/time';
import { parseData } from './listAlerts';
import { nowDate } from '../clock';

export interface ExceptionView {
  exception_id: string;
  category: ExceptionCategory;
  entity: { kind: string; id: string };
  order_id: string | null;
  warehouse_id: string | null;
  status: 'open' | 'closed';
  opened_at: string;
  closed_at: string | null;
  close_reason: string | null;
  age_minutes: number;
  sla_minutes: number;
  due_at: string;
  breached: boolean;
  assignee: string | null;
  resolved_by: string | null;
  note: string | null;
  detail: string;
  data: Record<string, unknown>;
}

export interface ExceptionFilter {
  status: 'open' | 'closed' | 'all';
  category?: ExceptionCategory;
  /** Only these categories (support's own); empty or absent means all. */
  categories?: readonly ExceptionCategory[];
  /** The warehouses the reader may see, narrowed by its warehouse filter (lib/auth/scope.ts). */
  scope: WarehouseScope;
  /** Only these entities (an order and its returns, say). */
  entityIds?: string[];
  limit?: number;
}

const COLUMNS = `e.exception_id AS exception_id, e.category AS category, e.entity_kind AS entity_kind, e.entity_id AS entity_id, e.order_id AS order_id,
  if(e.warehouse_id != '', e.warehouse_id, i.warehouse_id) AS warehouse, e.opened_at AS opened_at, e.data AS data`;
const FILTERS = `e.opened_at <= {now:DateTime64(3)} AND ({category:String} = '' OR e.category = {category:String})
  AND (length({categories:Array(String)}) = 0 OR e.category IN {categories:Array(String)})
  AND ${inWarehouses("if(e.warehouse_id != '', e.warehouse_id, i.warehouse_id)")}
  AND (length({ids:Array(String)}) = 0 OR e.entity_id IN {ids:Array(String)})`;

// Open: the live set, oldest first (the queue order). Closed or all: every exception, newest first.
const OPEN = `
SELECT ${COLUMNS}, NULL AS closed_at, '' AS close_reason, e.assignee AS assignee, '' AS resolved_by, '' AS note, e.detail AS detail
FROM open_exceptions AS e FINAL
LEFT JOIN order_info AS i ON i.order_id = e.order_id
WHERE ${FILTERS}
ORDER BY e.opened_at
LIMIT {limit:UInt32}
SETTINGS join_algorithm = 'direct,hash'`;
const ALL = `
SELECT ${COLUMNS}, e.closed_at AS closed_at, e.close_reason AS close_reason, e.assignee AS assignee, e.resolved_by AS resolved_by, e.note AS note, e.detail AS detail
FROM exceptions AS e FINAL
LEFT JOIN order_info AS i ON i.order_id = e.order_id
WHERE ${FILTERS} AND ({closed:UInt8} = 0 OR e.closed_at IS NOT NULL)
ORDER BY coalesce(e.closed_at, e.opened_at) DESC
LIMIT {limit:UInt32}
SETTINGS join_algorithm = 'direct,hash'`;

/** GET /api/exceptions: exceptions with age and SLA state (due time, breached). */
export async function listExceptions(
  store: Store,
  f: ExceptionFilter,
  sla: Record<ExceptionCategory, number>,
  now = nowDate(),
): Promise<ExceptionView[]> {
  const rows = await queryRows<Record<string, string | null>>(store, f.status === 'open' ? OPEN : ALL, {
    now: toChTime(now.getTime()),
    category: f.category ?? '',
    categories: [...(f.categories ?? [])],
    ...scopeParams(f.scope),
    ids: f.entityIds ?? [],
    limit: f.limit ?? 500,
    closed: f.status === 'closed' ? 1 : 0,
  });
  return rows.map((r) => {
    const category = r.category as ExceptionCategory;
    const opened = Date.parse(fromChTime(r.opened_at)!);
    const closedAt = fromChTime(r.closed_at);
    const end = closedAt ? Date.parse(closedAt) : now.getTime();
    const due = opened + sla[category] * 60_000;
    return {
      exception_id: String(r.exception_id),
      category,
      entity: { kind: String(r.entity_kind), id: String(r.entity_id) },
      order_id: r.order_id || null,
      warehouse_id: r.warehouse || null,
      status: closedAt ? 'closed' : 'open',
      opened_at: new Date(opened).toISOString(),
      closed_at: closedAt,
      close_reason: r.close_reason || null,
      age_minutes: Math.floor((end - opened) / 60_000),
      sla_minutes: sla[category],
      due_at: new Date(due).toISOString(),
      breached: end > due,
      assignee: r.assignee || null,
      resolved_by: r.resolved_by || null,
      note: r.note || null,
      detail: String(r.detail ?? ''),
      data: parseData(r.data ?? ''),
    };
  });
}
