'use client';
import type { Escalation, Route } from '@/lib/notify/config';
import type { redact } from '@/lib/notify/config';
import type { DeliveryView } from '@/lib/queries/listDeliveries';
import { humanDuration } from '@/lib/text/duration';
import { LocalTime } from '../LocalTime';
import { DataTable, type Column } from '../table/DataTable';
import { SimpleTable } from '../table/SimpleTable';
import { Badge, Card, StatusLine } from '../ui';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiFetch, useSession } from '../session';
import { actionsColumn } from '../table/cells';

const TONE: Record<string, 'good' | 'warning' | 'critical' | 'neutral'> = {
  sent: 'good',
  pending: 'warning',
  dead: 'critical',
};
const any = (xs: string[]) => (xs.length ? xs.join(', ') : 'any');

const columns: Column<DeliveryView>[] = [
  { accessorKey: 'created_at', header: 'Queued', cell: (c) => <LocalTime iso={c.row.original.created_at} /> },
  {
    id: 'channel',
    header: 'Channel',
    accessorFn: (d) => `${d.channel.id} (${d.channel.kind})`,
  },
  { id: 'recipient', header: 'Recipient', accessorFn: (d) => d.channel.recipient },
  {
    id: 'why',
    header: 'Why',
    accessorFn: (d) => (d.reason === 'escalation' ? `escalation, level ${d.level}` : d.reason),
  },
  {
    accessorKey: 'status',
    header: 'Status',
    cell: (c) => <Badge tone={TONE[c.row.original.status] ?? 'neutral'}>{c.row.original.status}</Badge>,
  },
  { accessorKey: 'attempts', header: 'Tries' },
  {
    accessorKey: 'latency_ms',
    header: 'Latency',
    cell: (c) =>
      c.row.original.latency_ms === null ? '—' : humanDuration(c.row.original.latency_ms, { seconds: true }),
  },
  { accessorKey: 'last_error', header: 'Last error' },
  { accessorKey: 'alert_id', header: 'Alert' },
];

/** "Try again" on a dead delivery, once its endpoint is fixed (POST /api/notifications/deliveries/retry). */
function TryAgain({ id }: { id: string }) {
  const { csrf } = useSession();
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
        onClick={async () => {
          const r = await apiFetch<{ error?: { message?: string } }>(csrf, '/api/notifications/deliveries/retry', {
            method: 'POST',
            body: JSON.stringify({ ids: [id] }),
          });
          setMessage(
            r.ok ? { ok: true, text: 'queued' } : { ok: false, text: r.body.error?.message ?? `HTTP ${r.status}` },
          );
          if (r.ok) router.refresh();
        }}
      >
        Try again
      </button>
      <StatusLine message={message} />
    </>
  );
}
const withRetry: Column<DeliveryView>[] = [
  ...columns,
  actionsColumn((d) => (d.status === 'dead' ? <TryAgain id={d.delivery_id} /> : null)),
];

/** Channels (secrets never shown), the routes and ladder that pick them, and the delivery log. */
export function Notifications(p: {
  channels: ReturnType<typeof redact>[];
  routes: Route[];
  escalation: Escalation | null;
  deliveries: DeliveryView[];
}) {
  return (
    <div className="space-y-4">
      <Card title={`Channels (${p.channels.length})`}>
        {p.channels.length === 0 ? (
          <p className="text-sm">
            No channels: alerts stay in the app. Set <code>OPS_NOTIFY_CONFIG</code> (README, &quot;Alert
            delivery&quot;).
          </p>
        ) : (
          <SimpleTable
            label="Channels"
            rows={p.channels}
            rowKey={(c) => c.id}
            columns={[
              { header: 'Channel', cell: (c) => c.id },
              { header: 'Kind', cell: (c) => c.kind },
              { header: 'Where', cell: (c) => c.where },
              { header: 'Signed', cell: (c) => (c.hasSecret ? 'yes (secret set, not shown)' : '—') },
            ]}
          />
        )}
      </Card>
      <Card title={`Routes (${p.routes.length})`}>
        <SimpleTable
          label="Routes"
          rows={p.routes.map((r, i) => ({ ...r, i }))}
          rowKey={(r) => String(r.i)}
          columns={[
            { header: 'Alert types', cell: (r) => any(r.types) },
            { header: 'Severities', cell: (r) => any(r.severities) },
            { header: 'Warehouses', cell: (r) => any(r.warehouses) },
            { header: 'Channels', cell: (r) => r.channels.join(', ') },
            { header: 'Mode', cell: (r) => r.mode },
          ]}
        />
        {p.escalation && (
          <p className="mt-3 text-sm">
            Escalation of unacknowledged critical alerts that a route sends somewhere, every {p.escalation.afterMinutes}{' '}
            min: {p.escalation.levels.map((l) => `${l.name} (${l.channels.join(', ')})`).join(' → ')}.
          </p>
        )}
      </Card>
      <Card title="Deliveries (last 7 days)">
        <DataTable
          label="Deliveries"
          filename="deliveries.csv"
          rows={p.deliveries}
          columns={withRetry}
          rowKey={(d) => d.delivery_id}
          empty="No notifications sent in the last 7 days."
        />
      </Card>
    </div>
  );
}
