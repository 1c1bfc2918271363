'use client';
import { useMemo, useState } from 'react';
import { ALERT_TYPE_LABELS, type Alert } from '@/lib/alerts/types';
import { useLiveRefresh } from '../live';
import { LocalTime } from '../LocalTime';
import { DataTable, type Column } from '../table/DataTable';
import { Card, EmptyState } from '../ui';
import { useAction } from '../warehouse/useAction';
import { AcknowledgeButton } from './AcknowledgeButton';
import { ALERT_BASE_COLUMNS } from './columns';

/**
 * Every alert that concerns the user (its role, warehouses and categories), open and acknowledged,
 * newest first; live. Acknowledge is offered only to roles that may acknowledge.
 */
export function AlertList({ alerts: initial, mayAcknowledge }: { alerts: Alert[]; mayAcknowledge: boolean }) {
  useLiveRefresh(['alert:new', 'alert:update'], 2000, Math.max(0, ...initial.map((a) => a.seq)));
  const { run, last } = useAction();
  // Optimistic acknowledgements over the server's list, until the server's list says so too.
  const [acked, setAcked] = useState<Record<string, boolean>>({});
  const alerts = useMemo(
    () =>
      initial.map((a) => (acked[a.alert_id] && a.status === 'open' ? { ...a, status: 'acknowledged' as const } : a)),
    [initial, acked],
  );
  const columns = useMemo<Column<Alert>[]>(
    () => [
      ...ALERT_BASE_COLUMNS,
      { id: 'type', header: 'Type', accessorFn: (a) => ALERT_TYPE_LABELS[a.type] ?? a.type },
      { id: 'where', header: 'Where', accessorFn: (a) => a.warehouse_id ?? '—' },
      { accessorKey: 'created_at', header: 'Raised', cell: (c) => <LocalTime iso={c.row.original.created_at} ago /> },
      {
        id: 'status',
        header: 'Status',
        accessorFn: (a) => a.status,
        cell: (c) => {
          const a = c.row.original;
          if (a.status !== 'open')
            return <span>acknowledged{a.acknowledged_by ? ` by ${a.acknowledged_by}` : ''}</span>;
          if (!mayAcknowledge) return <span>open</span>;
          return (
            <AcknowledgeButton
              alertId={a.alert_id}
              describe={`Acknowledge “${a.title}”`}
              run={run}
              shown={(status) => setAcked((cur) => ({ ...cur, [a.alert_id]: status === 'acknowledged' }))}
            />
          );
        },
      },
    ],
    [mayAcknowledge, run],
  );
  return (
    <Card title={`Alerts (${alerts.length})`}>
      <p role="status" className="sr-only">
        {last?.text ?? ''}
      </p>
      {last && !last.ok && <p className="mb-2 text-sm text-red-800">{last.text}</p>}
      {alerts.length === 0 ? (
        <EmptyState>No open alerts for you.</EmptyState>
      ) : (
        <DataTable rows={alerts} columns={columns} label="alerts" filename="alerts.csv" rowKey={(a) => a.alert_id} />
      )}
    </Card>
  );
}
