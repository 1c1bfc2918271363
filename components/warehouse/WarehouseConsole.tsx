'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Alert } from '@/lib/alerts/types';
import { EXCEPTION_COLUMNS } from '../exceptions/columns';
import { mergeRisks, riskTotal, toRisks } from './risks';
import { useAnnouncements } from './useAnnouncements';
import { categoryLabel } from '@/lib/events/categories';
import type { ExceptionView } from '@/lib/queries/listExceptions';
import { useAlertChanges, useLiveEvent, useLiveRefresh } from '../live';
import { LocalTime } from '../LocalTime';
import { useSession } from '../session';
import { DataTable, type Column } from '../table/DataTable';
import { Badge, Card } from '../ui';
import { ConfirmDialog, type Confirm } from '../ConfirmDialog';
import { useAction } from './useAction';
import { riskColumns } from './riskColumns';
import { exceptionActionsColumn } from './exceptionActions';
import { ALERT_BASE_COLUMNS } from '../alerts/columns';

export function WarehouseConsole({
  risks: initialRisks,
  exceptions: initialExceptions,
  alerts: initialAlerts,
  warehouses,
}: {
  risks: Alert[];
  exceptions: ExceptionView[];
  alerts: Alert[];
  warehouses: string[];
}) {
  const { user } = useSession();
  useLiveRefresh(['exception:update'], 3000);
  const [risks, setRisks] = useState(() => initialRisks.flatMap(toRisks));
  const [exceptions, setExceptions] = useState(initialExceptions);
  const [alerts, setAlerts] = useState(initialAlerts);
  const { fresh, markSeen, sound, setSound, noteNew } = useAnnouncements();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const { run, last } = useAction();

  // Server data wins when it arrives (router.refresh), except rows with an action in flight.
  const seenRisks = useRef(initialRisks);
  useEffect(() => {
    if (seenRisks.current === initialRisks) return; // the first render already has them
    seenRisks.current = initialRisks;
    setRisks((cur) => mergeRisks(initialRisks.flatMap(toRisks), cur));
  }, [initialRisks]);
  // New server data replaces the lists during render (React's "adjusting state when a prop changes").
  const [shown, setShown] = useState({ exceptions: initialExceptions, alerts: initialAlerts });
  if (shown.exceptions !== initialExceptions || shown.alerts !== initialAlerts) {
    setShown({ exceptions: initialExceptions, alerts: initialAlerts });
    if (shown.exceptions !== initialExceptions) setExceptions(initialExceptions);
    if (shown.alerts !== initialAlerts) setAlerts(initialAlerts);
  }

  // An alert's rows follow it: a collection's members replace its rows; a resolved one's go.
  const apply = (a: Alert) => {
    if (a.type === 'cutoff_risk')
      setRisks((cur) => [
        ...cur.filter((r) => r.alert.alert_id !== a.alert_id || r.pending),
        ...mergeRisks(toRisks(a), cur).filter((r) => !cur.some((x) => x.pending && x.orderId === r.orderId)),
      ]);
    else
      setAlerts((cur) =>
        a.status === 'resolved'
          ? cur.filter((x) => x.alert_id !== a.alert_id)
          : [a, ...cur.filter((x) => x.alert_id !== a.alert_id)],
      );
  };
  useAlertChanges(Math.max(0, ...initialRisks.map((a) => a.seq), ...initialAlerts.map((a) => a.seq)), (a, kind) => {
    apply(a);
    if (kind === 'new') noteNew(a.severity === 'critical');
  });
  // Someone (here or elsewhere) acted on an order: every console shows it at once.
  useLiveEvent('action:done', (a) => {
    const id = a.payload.order_id;
    if (!id) return;
    if (a.type === 'order.expedite')
      setRisks((cur) =>
        cur.map((r) => (r.orderId === id ? { ...r, pending: undefined, expeditedBy: a.actor, expeditedAt: a.at } : r)),
      );
    if (a.type === 'order.reallocate' || a.type === 'order.release_hold')
      setRisks((cur) => cur.map((r) => (r.orderId === id ? { ...r, pending: undefined } : r)));
  });

  const atRisk = useMemo(() => riskTotal(risks), [risks]);
  const tz = useCallback((w?: string) => (w ? user.timeZones[w] : undefined), [user.timeZones]);

  const riskCols = useMemo(
    () => riskColumns({ run, warehouses, userName: user.name, tz, setRisks, setConfirm }),
    [warehouses, run, user.name, tz],
  );

  const exceptionColumns = useMemo<Column<ExceptionView>[]>(
    () => [...EXCEPTION_COLUMNS, exceptionActionsColumn({ run, userName: user.name, setConfirm, setExceptions })],
    [run, user.name],
  );

  const alertColumns = useMemo<Column<Alert>[]>(
    () => [
      ...ALERT_BASE_COLUMNS,
      { accessorKey: 'warehouse_id', header: 'Warehouse' },
      { accessorKey: 'updated_at', header: 'Updated', cell: (c) => <LocalTime iso={c.row.original.updated_at} ago /> },
      {
        accessorKey: 'status',
        header: 'Status',
        cell: (c) =>
          c.row.original.status === 'acknowledged' ? (
            <Badge>acknowledged by {c.row.original.acknowledged_by}</Badge>
          ) : (
            c.row.original.status
          ),
      },
    ],
    [],
  );

  const byCategory = Object.entries(
    exceptions.reduce<Record<string, { open: number; breached: number }>>((m, x) => {
      const c = (m[x.category] ??= { open: 0, breached: 0 });
      c.open++;
      if (x.breached) c.breached++;
      return m;
    }, {}),
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <p aria-live="polite" className="text-sm">
          {fresh > 0 ? (
            <Badge tone="info">
              {fresh} new alert{fresh === 1 ? '' : 's'}
            </Badge>
          ) : (
            <span className="text-slate-700">No new alerts since you opened this page</span>
          )}
          {fresh > 0 && (
            <button type="button" className="ml-2 text-sm underline" onClick={markSeen}>
              Mark seen
            </button>
          )}
        </p>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} /> Sound on new alerts
        </label>
        {last && (
          <p role="status" className={`text-sm ${last.ok ? 'text-emerald-800' : 'text-red-800'}`}>
            {last.text}
          </p>
        )}
      </div>
      <Card title={`Cutoff risk (${atRisk})`}>
        {atRisk > risks.length && (
          <p className="mb-2 text-sm text-slate-700">
            Showing the {risks.length} most urgent (critical first) of {atRisk} orders at risk; each collection&apos;s
            alert lists its most urgent orders and counts the rest.
          </p>
        )}
        <DataTable
          label="cutoff-risk orders"
          filename="cutoff-risk.csv"
          rows={risks}
          columns={riskCols}
          initialSort={[{ id: 'left', desc: false }]}
          rowKey={(r) => r.alert.alert_id}
          empty="No orders at risk of missing their cutoff."
        />
      </Card>
      <Card title={`Exception queues (${exceptions.length} open)`}>
        <ul className="mb-3 flex flex-wrap gap-2" aria-label="Open exceptions by category">
          {byCategory.map(([cat, c]) => (
            <li key={cat}>
              <Badge tone={c.breached > 0 ? 'critical' : 'neutral'}>
                {categoryLabel(cat)}: {c.open}
                {c.breached ? ` (${c.breached} past SLA)` : ''}
              </Badge>
            </li>
          ))}
        </ul>
        <DataTable
          label="open exceptions"
          filename="exceptions.csv"
          rows={exceptions}
          columns={exceptionColumns}
          initialSort={[{ id: 'age', desc: true }]}
          rowKey={(x) => x.exception_id}
          empty="No open exceptions."
        />
      </Card>
      <Card title={`Other alerts (${alerts.filter((a) => a.status !== 'resolved').length} open)`}>
        <DataTable
          label="open alerts"
          filename="alerts.csv"
          rows={alerts}
          columns={alertColumns}
          pageSize={10}
          initialSort={[{ id: 'updated_at', desc: true }]}
          rowKey={(a) => a.alert_id}
          empty="No open alerts."
        />
      </Card>
      <ConfirmDialog open={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}
