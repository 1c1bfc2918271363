'use client';
import { useState } from 'react';
import { categoryLabel } from '@/lib/events/categories';
import type { ExceptionView } from '@/lib/queries/listExceptions';
import { humanDuration } from '@/lib/text/duration';
import { ConfirmDialog, type Confirm } from '../ConfirmDialog';
import { useLiveRefresh } from '../live';
import { LocalTime } from '../LocalTime';
import { useSession } from '../session';
import { DataTable, type Column } from '../table/DataTable';
import { OrderLink } from '../table/cells';
import { Badge, EmptyState, StatusLine } from '../ui';
import { useAction } from '../warehouse/useAction';
import { ExceptionButtons } from './ExceptionButtons';

const button = 'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50';

/** Open exceptions, oldest first: age and SLA in human units, the order a click away, assign and resolve in the row. */
export function ExceptionQueue({ exceptions, mayAct }: { exceptions: ExceptionView[]; mayAct: string[] }) {
  const { user } = useSession();
  const { act, last } = useAction();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  useLiveRefresh(['exception:update']);
  const may = new Set(mayAct);
  const columns: Column<ExceptionView>[] = [
    { accessorKey: 'category', header: 'Category', cell: (c) => categoryLabel(String(c.getValue())) },
    {
      id: 'order',
      header: 'Order',
      accessorFn: (x) => x.order_id ?? x.entity.id,
      cell: (c) => (c.row.original.order_id ? <OrderLink id={c.row.original.order_id} /> : c.row.original.entity.id),
    },
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
    { accessorKey: 'assignee', header: 'Assignee', cell: (c) => String(c.getValue() ?? '—') },
    { accessorKey: 'detail', header: 'Detail' },
    {
      id: 'actions',
      header: 'Actions',
      enableSorting: false,
      csv: () => '',
      cell: (c) => {
        const x = c.row.original;
        if (!may.has(x.exception_id)) return null;
        return (
          <span className="flex flex-wrap gap-1">
            <ExceptionButtons
              exception={x}
              assignee={user.name}
              className={button}
              confirm={setConfirm}
              onAssign={(who) =>
                act('exception.assign', { exception_id: x.exception_id, assignee: who }, `Assign to ${who}`)
              }
              onResolve={(note) => act('exception.resolve', { exception_id: x.exception_id, note }, 'Resolve')}
            />
          </span>
        );
      },
    },
  ];
  return (
    <div className="space-y-3">
      <ConfirmDialog open={confirm} onClose={() => setConfirm(null)} />
      <StatusLine message={last} />
      {exceptions.length === 0 ? (
        <EmptyState>No open carrier or refund exceptions.</EmptyState>
      ) : (
        <DataTable
          rows={exceptions}
          columns={columns}
          label="Exception queue"
          filename="exception-queue"
          rowKey={(x) => x.exception_id}
        />
      )}
    </div>
  );
}
