'use client';
import { categoryLabel } from '@/lib/events/categories';
import type { ExceptionView } from '@/lib/queries/listExceptions';
import { humanDuration } from '@/lib/text/duration';
import { LocalTime } from '../LocalTime';
import type { Column } from '../table/DataTable';
import { OrderLink } from '../table/cells';
import { Badge } from '../ui';

/**
 * The columns every exception table shows (support's queue, the warehouse console): what, on which
 * record, where, since when, against which SLA, whose. Callers add their own actions column.
 */
export const EXCEPTION_COLUMNS: Column<ExceptionView>[] = [
  { accessorKey: 'category', header: 'Category', cell: (c) => categoryLabel(String(c.getValue())) },
  {
    id: 'record',
    header: 'Record',
    accessorFn: (x) => x.order_id ?? x.entity.id,
    cell: (c) => (c.row.original.order_id ? <OrderLink id={c.row.original.order_id} /> : c.row.original.entity.id),
  },
  { id: 'warehouse', header: 'Warehouse', accessorFn: (x) => x.warehouse_id ?? '' },
  { accessorKey: 'opened_at', header: 'Opened', cell: (c) => <LocalTime iso={String(c.getValue())} /> },
  {
    id: 'age',
    header: 'Age',
    accessorFn: (x) => x.age_minutes,
    cell: (c) => humanDuration(c.row.original.age_minutes * 60_000),
    csv: (x) => x.age_minutes,
  },
  {
    id: 'sla',
    header: 'SLA',
    accessorFn: (x) => (x.breached ? 0 : 1),
    cell: (c) => {
      const x = c.row.original;
      // A category whose SLA is 0 (refund overdue) is already late when it opens: "overdue", not "0 s SLA".
      return x.breached ? (
        <Badge tone="critical">
          {x.sla_minutes > 0 ? `breached (${humanDuration(x.sla_minutes * 60_000)} SLA)` : 'overdue'}
        </Badge>
      ) : (
        <span>
          due <LocalTime iso={x.due_at} />
        </span>
      );
    },
    csv: (x) => (x.breached ? 'breached' : x.due_at),
  },
  {
    id: 'owner',
    header: 'Owner',
    accessorFn: (x) => x.assignee ?? '',
    cell: (c) => c.row.original.assignee ?? <span className="text-slate-600">unassigned</span>,
  },
  { accessorKey: 'detail', header: 'Detail' },
];
