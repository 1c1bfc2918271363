'use client';
import type { Dispatch, SetStateAction } from 'react';
import { AcknowledgeButton } from '../alerts/AcknowledgeButton';
import type { Confirm } from '../ConfirmDialog';
import { LocalTime } from '../LocalTime';
import type { Column } from '../table/DataTable';
import { actionsColumn, OrderLink } from '../table/cells';
import { Badge } from '../ui';
import { serverNow } from '../clock';
import { Countdown } from './Countdown';
import type { Risk } from './risks';
import type { RunAction } from './useAction';

const primary = 'rounded bg-blue-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-blue-800';
const secondary = 'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50';

/** What the risk rows' cells need from the console: its state setters, the actor, the zones. */
export interface RiskContext {
  run: RunAction;
  warehouses: string[];
  userName: string;
  tz(warehouse?: string): string | undefined;
  setRisks: Dispatch<SetStateAction<Risk[]>>;
  setConfirm(c: Confirm): void;
}

/** The cutoff-risk table: time left first, then the order, its stage and need, and one-tap actions. */
export function riskColumns({ run, warehouses, userName, tz, setRisks, setConfirm }: RiskContext): Column<Risk>[] {
  const mark = (orderId: string, pending?: string) =>
    setRisks((cur) => cur.map((r) => (r.orderId === orderId ? { ...r, pending } : r)));
  /** Confirm, then act on the row's order: marked pending at once, unmarked if the server refuses. */
  const ask = (
    r: Risk,
    c: Omit<Confirm, 'onConfirm'>,
    action: (value: string) => {
      type: string;
      payload: Record<string, unknown>;
      describe: string;
      pending: string;
      then?: () => void;
    },
  ) =>
    setConfirm({
      ...c,
      onConfirm: (value) => {
        const a = action(value);
        void run(a.type, a.payload, {
          describe: a.describe,
          optimistic: () => mark(r.orderId, a.pending),
          rollback: () => mark(r.orderId),
        }).then((ok) => ok && a.then?.());
      },
    });
  return [
    {
      id: 'left',
      header: 'Time left',
      accessorFn: (r) => Date.parse(r.shipBy),
      csv: (r) => r.shipBy,
      cell: (c) => <Countdown until={c.row.original.shipBy} />,
    },
    {
      id: 'order',
      header: 'Order',
      accessorFn: (r) => r.orderId,
      cell: (c) => <OrderLink id={c.row.original.orderId} />,
    },
    { id: 'warehouse', header: 'Warehouse', accessorFn: (r) => r.alert.warehouse_id ?? '' },
    { id: 'stage', header: 'Stage', accessorFn: (r) => r.stage },
    {
      id: 'ship_by',
      header: 'Ship by (warehouse time)',
      accessorFn: (r) => r.shipBy,
      cell: (c) => <LocalTime iso={c.row.original.shipBy} timeZone={tz(c.row.original.alert.warehouse_id)} />,
    },
    {
      id: 'need',
      header: 'Stage needs',
      accessorFn: (r) => r.neededMs,
      csv: (r) => r.basis,
      cell: (c) => <span>{c.row.original.basis}</span>,
    },
    {
      id: 'severity',
      header: 'Severity',
      accessorFn: (r) => r.severity,
      cell: (c) => (
        <Badge tone={c.row.original.severity === 'critical' ? 'critical' : 'warning'}>{c.row.original.severity}</Badge>
      ),
    },
    actionsColumn(
      (r) => {
        if (r.pending) return <span className="text-slate-700">{r.pending}…</span>;
        const expedited = (by: string) =>
          setRisks((cur) =>
            cur.map((x) =>
              x.orderId === r.orderId
                ? { ...x, pending: undefined, expeditedBy: by, expeditedAt: new Date(serverNow()).toISOString() }
                : x,
            ),
          );
        return (
          <div className="flex flex-wrap items-center gap-1">
            {r.expeditedBy !== undefined ? (
              <span className="text-xs text-slate-800">
                expedited by {r.expeditedBy || 'someone'}{' '}
                <LocalTime iso={r.expeditedAt} timeZone={tz(r.alert.warehouse_id)} />
              </span>
            ) : (
              <button
                type="button"
                className={primary}
                onClick={() =>
                  ask(
                    r,
                    {
                      title: `Expedite ${r.orderId}?`,
                      body: 'Raises the order to express priority (order.expedited).',
                      confirm: 'Expedite',
                      field: { label: 'Service level', options: ['express', 'same_day'], initial: 'express' },
                    },
                    (level) => ({
                      type: 'order.expedite',
                      payload: { order_id: r.orderId, service_level: level },
                      describe: `Expedite ${r.orderId}`,
                      pending: 'expediting',
                      then: () => expedited(userName),
                    }),
                  )
                }
              >
                Expedite
              </button>
            )}
            <button
              type="button"
              className={secondary}
              onClick={() =>
                ask(
                  r,
                  {
                    title: `Reallocate ${r.orderId}?`,
                    body: 'Moves the order to another warehouse (order.reallocated).',
                    confirm: 'Reallocate',
                    field: { label: 'To warehouse', options: warehouses.filter((w) => w !== r.alert.warehouse_id) },
                  },
                  (to) => ({
                    type: 'order.reallocate',
                    payload: { order_id: r.orderId, to_warehouse: to },
                    describe: `Reallocate ${r.orderId} to ${to}`,
                    pending: `moving to ${to}`,
                  }),
                )
              }
            >
              Reallocate
            </button>
            {r.stage === 'held' && (
              <button
                type="button"
                className={secondary}
                onClick={() =>
                  ask(
                    r,
                    {
                      title: `Release the hold on ${r.orderId}?`,
                      body: 'Writes order.released.',
                      confirm: 'Release hold',
                    },
                    () => ({
                      type: 'order.release_hold',
                      payload: { order_id: r.orderId },
                      describe: `Release ${r.orderId}`,
                      pending: 'released',
                    }),
                  )
                }
              >
                Release hold
              </button>
            )}
            {r.alert.status === 'open' && (
              <AcknowledgeButton
                alertId={r.alert.alert_id}
                describe={`Acknowledge ${r.orderId}`}
                run={run}
                shown={(status) =>
                  setRisks((cur) =>
                    cur.map((x) =>
                      x.alert.alert_id === r.alert.alert_id ? { ...x, alert: { ...x.alert, status } } : x,
                    ),
                  )
                }
              />
            )}
          </div>
        );
      },
      (r) => r.pending ?? (r.expeditedBy ? `expedited by ${r.expeditedBy}` : r.alert.status),
    ),
  ];
}
