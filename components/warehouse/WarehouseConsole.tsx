'use client';
import Link from 'next/link';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Alert } from '@/lib/alerts/types';
import { categoryLabel } from '@/lib/events/categories';
import { ExceptionButtons } from '../exceptions/ExceptionButtons';
import type { ExceptionView } from '@/lib/queries/listExceptions';
import { humanDuration } from '@/lib/text/duration';
import { useLiveEvent, useLiveRefresh } from '../live';
import { LocalTime } from '../LocalTime';
import { useSession } from '../session';
import { DataTable, type Column } from '../table/DataTable';
import { Badge, Card, EmptyState, linkClass } from '../ui';
import { ConfirmDialog, type Confirm } from '../ConfirmDialog';
import { useAction } from './useAction';
import { ALERT_BASE_COLUMNS } from '../alerts/columns';
import { serverNow, useServerNow } from '../clock';

/** One order at risk: a member of a collection's cutoff-risk alert. */
interface Risk {
  alert: Alert;
  orderId: string;
  stage: string;
  shipBy: string;
  neededMs: number;
  severity: string;
  /** How the need was estimated, in words that match its numbers (from the alert's data). */
  basis: string;
  expeditedBy?: string;
  expeditedAt?: string;
  pending?: string;
}

/** How often the console may announce new alerts (and sound): a storm is one announcement, not hundreds. */
const ANNOUNCE_EVERY_MS = 15_000;

type MemberData = {
  order_id: string;
  stage: string;
  ship_by: string;
  needed_ms: number;
  basis: string;
  expedited_by?: string;
  expedited_at?: string;
};
const toRisks = (a: Alert): Risk[] =>
  a.status === 'resolved'
    ? []
    : ((a.data.members as { key: string; severity: string; data: MemberData }[] | undefined) ?? []).map((m) => ({
        alert: a,
        orderId: m.data.order_id,
        stage: m.data.stage,
        shipBy: m.data.ship_by,
        neededMs: Number(m.data.needed_ms ?? 0),
        severity: m.severity,
        basis: m.data.basis,
        expeditedBy: m.data.expedited_by,
        expeditedAt: m.data.expedited_at,
      }));

/** Time left until `until`, ticking each second on its own so the table around it does not re-render. */
function Countdown({ until }: { until: string }) {
  const now = useServerNow(1000);
  const left = now === null ? null : Date.parse(until) - now;
  const tone =
    left !== null && left <= 0
      ? 'text-red-800'
      : left !== null && left < 30 * 60_000
        ? 'text-amber-900'
        : 'text-slate-900';
  return (
    <span className={`font-semibold ${tone}`}>{left === null ? '…' : humanDuration(left, { seconds: true })}</span>
  );
}

/** A short tone for a new alert, if the user left sound on (Web Audio: no asset to load). */
function beep() {
  try {
    const ctx = new AudioContext();
    const o = ctx.createOscillator();
    const g = ctx.createGain();
    g.gain.value = 0.05;
    o.frequency.value = 880;
    o.connect(g).connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.12);
  } catch {
    // no audio device: the badge still shows
  }
}

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
  const [fresh, setFresh] = useState(0);
  const [sound, setSound] = useState(false);
  // New alerts are counted as they come, announced (and sounded) at most once per ANNOUNCE_EVERY_MS.
  const pendingNew = useRef({ count: 0, critical: false, at: 0, timer: null as ReturnType<typeof setTimeout> | null });
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const { run, last } = useAction();
  const soundRef = useRef(sound);
  useLayoutEffect(() => {
    soundRef.current = sound;
  });

  // Server data wins when it arrives (router.refresh), except rows with an action in flight.
  const seenRisks = useRef(initialRisks);
  useEffect(() => {
    if (seenRisks.current === initialRisks) return; // the first render already has them
    seenRisks.current = initialRisks;
    setRisks((cur) => {
      const pending = new Map(cur.filter((r) => r.pending).map((r) => [r.orderId, r]));
      return initialRisks.flatMap(toRisks).map((r) => pending.get(r.orderId) ?? r);
    });
  }, [initialRisks]);
  // New server data replaces the lists during render (React's "adjusting state when a prop changes").
  const [shown, setShown] = useState({ exceptions: initialExceptions, alerts: initialAlerts });
  if (shown.exceptions !== initialExceptions || shown.alerts !== initialAlerts) {
    setShown({ exceptions: initialExceptions, alerts: initialAlerts });
    if (shown.exceptions !== initialExceptions) setExceptions(initialExceptions);
    if (shown.alerts !== initialAlerts) setAlerts(initialAlerts);
  }

  const announce = () => {
    const p = pendingNew.current;
    p.timer = null;
    if (p.count === 0) return;
    p.at = Date.now();
    const count = p.count; // the updater runs later, after the reset below
    setFresh((n) => n + count);
    if (p.critical && soundRef.current) beep();
    p.count = 0;
    p.critical = false;
  };
  useEffect(() => () => void (pendingNew.current.timer && clearTimeout(pendingNew.current.timer)), []);
  // An alert's rows follow it: a collection's members replace its rows; a resolved one's go.
  const apply = (a: Alert) => {
    if (a.type === 'cutoff_risk')
      setRisks((cur) => [
        ...cur.filter((r) => r.alert.alert_id !== a.alert_id || r.pending),
        ...toRisks(a).filter((r) => !cur.some((x) => x.pending && x.orderId === r.orderId)),
      ]);
    else
      setAlerts((cur) =>
        a.status === 'resolved'
          ? cur.filter((x) => x.alert_id !== a.alert_id)
          : [a, ...cur.filter((x) => x.alert_id !== a.alert_id)],
      );
  };
  useLiveEvent('alert:new', (a) => {
    apply(a);
    const p = pendingNew.current;
    p.count++;
    p.critical ||= a.severity === 'critical';
    p.timer ??= setTimeout(announce, Math.max(0, p.at + ANNOUNCE_EVERY_MS - Date.now()));
  });
  useLiveEvent('alert:update', apply);
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

  const tz = useCallback((w?: string) => (w ? user.timeZones[w] : undefined), [user.timeZones]);
  const mark = (orderId: string, pending?: string) =>
    setRisks((cur) => cur.map((r) => (r.orderId === orderId ? { ...r, pending } : r)));

  const riskColumns = useMemo<Column<Risk>[]>(
    () => [
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
        cell: (c) => (
          <Link className={linkClass} href={`/orders/${encodeURIComponent(c.row.original.orderId)}`}>
            {c.row.original.orderId}
          </Link>
        ),
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
          <Badge tone={c.row.original.severity === 'critical' ? 'critical' : 'warning'}>
            {c.row.original.severity}
          </Badge>
        ),
      },
      {
        id: 'actions',
        header: 'Actions',
        enableSorting: false,
        csv: (r) => r.pending ?? (r.expeditedBy ? `expedited by ${r.expeditedBy}` : r.alert.status),
        cell: (c) => {
          const r = c.row.original;
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
                  className="rounded bg-blue-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-blue-800"
                  onClick={() =>
                    setConfirm({
                      title: `Expedite ${r.orderId}?`,
                      body: 'Raises the order to express priority (order.expedited).',
                      confirm: 'Expedite',
                      field: { label: 'Service level', options: ['express', 'same_day'], initial: 'express' },
                      onConfirm: (level) =>
                        void run(
                          'order.expedite',
                          { order_id: r.orderId, service_level: level },
                          {
                            describe: `Expedite ${r.orderId}`,
                            optimistic: () => mark(r.orderId, 'expediting'),
                            rollback: () => mark(r.orderId),
                          },
                        ).then((ok) => ok && expedited(user.name)),
                    })
                  }
                >
                  Expedite
                </button>
              )}
              <button
                type="button"
                className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                onClick={() =>
                  setConfirm({
                    title: `Reallocate ${r.orderId}?`,
                    body: 'Moves the order to another warehouse (order.reallocated).',
                    confirm: 'Reallocate',
                    field: { label: 'To warehouse', options: warehouses.filter((w) => w !== r.alert.warehouse_id) },
                    onConfirm: (to) =>
                      void run(
                        'order.reallocate',
                        { order_id: r.orderId, to_warehouse: to },
                        {
                          describe: `Reallocate ${r.orderId} to ${to}`,
                          optimistic: () => mark(r.orderId, `moving to ${to}`),
                          rollback: () => mark(r.orderId),
                        },
                      ),
                  })
                }
              >
                Reallocate
              </button>
              {r.stage === 'held' && (
                <button
                  type="button"
                  className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                  onClick={() =>
                    setConfirm({
                      title: `Release the hold on ${r.orderId}?`,
                      body: 'Writes order.released.',
                      confirm: 'Release hold',
                      onConfirm: () =>
                        void run(
                          'order.release_hold',
                          { order_id: r.orderId },
                          {
                            describe: `Release ${r.orderId}`,
                            optimistic: () => mark(r.orderId, 'released'),
                            rollback: () => mark(r.orderId),
                          },
                        ),
                    })
                  }
                >
                  Release hold
                </button>
              )}
              {r.alert.status === 'open' && (
                <button
                  type="button"
                  className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                  onClick={() =>
                    void run(
                      'alert.acknowledge',
                      { alert_id: r.alert.alert_id },
                      {
                        describe: `Acknowledge ${r.orderId}`,
                        optimistic: () =>
                          setRisks((cur) =>
                            cur.map((x) =>
                              x.alert.alert_id === r.alert.alert_id
                                ? { ...x, alert: { ...x.alert, status: 'acknowledged' } }
                                : x,
                            ),
                          ),
                        rollback: () =>
                          setRisks((cur) =>
                            cur.map((x) =>
                              x.alert.alert_id === r.alert.alert_id
                                ? { ...x, alert: { ...x.alert, status: 'open' } }
                                : x,
                            ),
                          ),
                      },
                    )
                  }
                >
                  Acknowledge
                </button>
              )}
            </div>
          );
        },
      },
    ],
    [warehouses, run, user.name, tz],
  );

  const setException = (id: string, change: Partial<ExceptionView> | null) =>
    setExceptions((cur) =>
      change === null
        ? cur.filter((x) => x.exception_id !== id)
        : cur.map((x) => (x.exception_id === id ? { ...x, ...change } : x)),
    );
  const exceptionColumns = useMemo<Column<ExceptionView>[]>(
    () => [
      { accessorKey: 'category', header: 'Category', cell: (c) => categoryLabel(String(c.getValue())) },
      {
        id: 'entity',
        header: 'Record',
        accessorFn: (x) => x.entity.id,
        cell: (c) =>
          c.row.original.order_id ? (
            <Link className={linkClass} href={`/orders/${encodeURIComponent(c.row.original.order_id)}`}>
              {c.row.original.entity.id}
            </Link>
          ) : (
            c.row.original.entity.id
          ),
      },
      { accessorKey: 'warehouse_id', header: 'Warehouse' },
      { accessorKey: 'age_minutes', header: 'Age', cell: (c) => humanDuration(Number(c.getValue()) * 60_000) },
      {
        id: 'sla',
        header: 'SLA',
        accessorFn: (x) => (x.breached ? 1 : 0),
        csv: (x) => (x.breached ? 'breached' : 'within'),
        cell: (c) =>
          c.row.original.breached ? <Badge tone="critical">past SLA</Badge> : <Badge tone="good">within</Badge>,
      },
      {
        id: 'owner',
        header: 'Owner',
        accessorFn: (x) => x.assignee ?? '',
        cell: (c) => c.row.original.assignee ?? <span className="text-slate-600">unassigned</span>,
      },
      { accessorKey: 'detail', header: 'Detail' },
      {
        id: 'actions',
        header: 'Actions',
        enableSorting: false,
        csv: () => '',
        cell: (c) => {
          const x = c.row.original;
          const data = x.data as { sku?: string; location?: string; qty_delta?: number };
          return (
            <div className="flex flex-wrap gap-1">
              <ExceptionButtons
                exception={x}
                assignee={user.name}
                className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                confirm={setConfirm}
                onAssign={(who) =>
                  void run(
                    'exception.assign',
                    { exception_id: x.exception_id, assignee: who },
                    {
                      describe: `Assign to ${who}`,
                      optimistic: () => setException(x.exception_id, { assignee: who }),
                      rollback: () => setException(x.exception_id, { assignee: x.assignee }),
                    },
                  )
                }
                onResolve={(note) =>
                  void run(
                    'exception.resolve',
                    { exception_id: x.exception_id, note },
                    {
                      describe: 'Resolve',
                      optimistic: () => setException(x.exception_id, null),
                      rollback: () => setExceptions((cur) => [x, ...cur]),
                    },
                  )
                }
              />
              {x.category === 'inventory_variance' && data.sku && data.qty_delta ? (
                <button
                  type="button"
                  className="rounded bg-blue-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-blue-800"
                  onClick={() =>
                    setConfirm({
                      title: 'Approve the count adjustment?',
                      body: `${data.sku} at ${data.location}: adjust by ${data.qty_delta} (inventory.adjusted, reason cycle_count).`,
                      confirm: 'Approve',
                      onConfirm: () =>
                        void run(
                          'inventory.approve_adjustment',
                          { sku: data.sku, location: data.location, qty_delta: data.qty_delta },
                          {
                            describe: `Approve ${data.sku} ${data.qty_delta}`,
                            optimistic: () => setException(x.exception_id, null),
                            rollback: () => setExceptions((cur) => [x, ...cur]),
                          },
                        ),
                    })
                  }
                >
                  Approve adjustment
                </button>
              ) : null}
            </div>
          );
        },
      },
    ],
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
            <button type="button" className="ml-2 text-sm underline" onClick={() => setFresh(0)}>
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
      <Card title={`Cutoff risk (${risks.length})`}>
        {risks.length === 0 ? (
          <EmptyState>No orders at risk of missing their cutoff.</EmptyState>
        ) : (
          <DataTable
            label="cutoff-risk orders"
            filename="cutoff-risk.csv"
            rows={risks}
            columns={riskColumns}
            initialSort={[{ id: 'left', desc: false }]}
            rowKey={(r) => r.alert.alert_id}
          />
        )}
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
        {exceptions.length === 0 ? (
          <EmptyState>No open exceptions.</EmptyState>
        ) : (
          <DataTable
            label="open exceptions"
            filename="exceptions.csv"
            rows={exceptions}
            columns={exceptionColumns}
            initialSort={[{ id: 'age_minutes', desc: true }]}
            rowKey={(x) => x.exception_id}
          />
        )}
      </Card>
      <Card title={`Other alerts (${alerts.filter((a) => a.status !== 'resolved').length} open)`}>
        {alerts.length === 0 ? (
          <EmptyState>No open alerts.</EmptyState>
        ) : (
          <DataTable
            label="open alerts"
            filename="alerts.csv"
            rows={alerts}
            columns={alertColumns}
            pageSize={10}
            initialSort={[{ id: 'updated_at', desc: true }]}
            rowKey={(a) => a.alert_id}
          />
        )}
      </Card>
      <ConfirmDialog open={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}
