import type { SystemStatus } from '@/lib/admin/system';
import { humanDuration } from '@/lib/text/duration';
import { fmtNumber } from '../format';
import { LiveRefresh } from './LiveRefresh';
import { LocalTime } from '../LocalTime';
import { Badge, Card } from '../ui';

const row = (k: string, v: React.ReactNode) => (
  <div className="flex justify-between gap-4 border-b border-slate-100 py-1">
    <dt className="text-slate-700">{k}</dt>
    <dd className="text-right text-slate-900">{v}</dd>
  </div>
);
const ok = (good: boolean, yes = 'ok', no = 'failing') => (
  <Badge tone={good ? 'good' : 'critical'}>{good ? yes : no}</Badge>
);

/** Health at a glance: is it ready (and if not, why), how far the processor is behind, what runs. */
export function SystemHealth({ status }: { status: SystemStatus }) {
  const { health: h, ready: r, versions: v } = status;
  const sim = h.simulator;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
      <LiveRefresh />
      <Card title="Readiness">
        <p className="mb-2">{ok(r.ready, 'Ready', 'Not ready')}</p>
        {r.reasons.length > 0 && (
          <ul className="list-inside list-disc text-sm text-red-800">
            {r.reasons.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        )}
        <dl className="text-sm">
          {row('Mode', h.mode)}
          {row('Up for', humanDuration(h.uptime_s * 1000))}
          {row('Server time', <LocalTime iso={h.now} />)}
        </dl>
      </Card>
      <Card title="Processor">
        <dl className="text-sm">
          {row('Running', h.processor ? ok(h.processor.ok, 'yes', 'stopped') : 'separate service')}
          {row('Lag (newest event applied)', humanDuration(r.lag_ms))}
          {row('Newest event applied', <LocalTime iso={r.applied_at} />)}
          {row('Waiting in the processor', fmtNumber(h.processor?.pending ?? 0))}
          {row('Ingest in flight', `${fmtNumber(h.ingest.pending)} of ${fmtNumber(h.ingest.max_pending)}`)}
          {row('Event loop p99', `${h.event_loop.p99_ms} ms`)}
        </dl>
      </Card>
      <Card title="Store and bus">
        <dl className="text-sm">
          {row(
            'Store',
            <>
              {ok(h.store.ok)} {h.store.kind}
            </>,
          )}
          {!h.store.ok && row('Store error', h.store.error ?? 'unknown')}
          {row(
            'Bus',
            <>
              {ok(h.bus.ok)} {h.bus.kind}
            </>,
          )}
          {!h.bus.ok && row('Bus error', h.bus.error ?? 'unknown')}
        </dl>
      </Card>
      <Card title="Versions">
        <dl className="text-sm">
          {row('Ops Pulse', v.app)}
          {row('Node.js', v.node)}
          {row('Next.js', v.next)}
          {row('Store', v.store)}
          {row('Bus', v.bus)}
        </dl>
      </Card>
      {sim && (
        <Card title="Simulator">
          <dl className="text-sm">
            {row('Phase', sim.phase)}
            {row('Events emitted live', fmtNumber(sim.emitted))}
            {row('Events back-filled', fmtNumber(sim.backfilled))}
          </dl>
        </Card>
      )}
    </div>
  );
}
