'use client';
import { useEffect, useRef, useState } from 'react';
import type { FamilyFreshness } from '@/lib/queries/getFreshness';
import { useLive } from './useLive';

const LABELS: Record<string, string> = { orders: 'Order events', inventory: 'Inventory events', carrier: 'Carrier events', returns: 'Return events' };

interface Update {
  at: string;
  freshness: FamilyFreshness[];
}

/** Events applied per family, rising live as the processor writes batches. */
export function LiveCounts({ initial }: { initial: Update }) {
  const update = useLive<Update>('kpi:update', initial);
  const previous = useRef<{ at: number; total: number } | null>(null);
  const [rate, setRate] = useState<number | null>(null);
  const total = update.freshness.reduce((s, f) => s + f.events, 0);
  useEffect(() => {
    const at = Date.parse(update.at);
    const p = previous.current;
    if (p && at > p.at) setRate(((total - p.total) * 1000) / (at - p.at));
    previous.current = { at, total };
  }, [update.at, total]);
  const newest = update.freshness.map((f) => f.lastEventAt).filter(Boolean).sort().at(-1);
  return (
    <section aria-labelledby="flow-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="flow-heading" className="text-2xl font-semibold">
          Live event flow
        </h1>
        <p className="text-sm text-slate-600" aria-live="polite">
          {rate === null ? 'Waiting for the next update…' : `${rate.toFixed(1)} events/s`} · newest event{' '}
          {newest ? new Date(newest).toLocaleString() : '—'}
        </p>
      </div>
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {update.freshness.map((f) => (
          <li key={f.family} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <p className="text-sm font-medium text-slate-600">{LABELS[f.family] ?? f.family}</p>
            <p className="mt-1 text-3xl font-semibold tabular-nums" data-testid={`count-${f.family}`} aria-label={`${LABELS[f.family]} applied`}>
              {f.events.toLocaleString('en-US')}
            </p>
            <p className="mt-1 text-xs text-slate-600">lag {f.lagMs} ms</p>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">
        Total applied: <span className="font-semibold tabular-nums">{total.toLocaleString('en-US')}</span> · updated{' '}
        {new Date(update.at).toLocaleTimeString()}
      </p>
    </section>
  );
}
