'use client';
import { useState } from 'react';
import type { Freshness } from '@/lib/live/contract';
import type { HistoryLoad } from '@/lib/live/history';
import { useLiveEvent } from './live';
import { LocalTime } from './LocalTime';
import { fmtNumber } from './format';

type Fresh = Pick<Freshness, 'last_event_at' | 'applied_at' | 'lag_ms'>;

/**
 * When this view's data was last updated, the newest event applied, and the processor's lag; while
 * the simulator back-fills its history, that the figures are still filling in.
 */
export function Freshness({
  initial,
  history: initialHistory,
  renderedAt,
}: {
  initial: Fresh;
  history: HistoryLoad | null;
  renderedAt: string;
}) {
  const [f, setF] = useState(initial);
  const [history, setHistory] = useState(initialHistory);
  const [updated, setUpdated] = useState(renderedAt);
  useLiveEvent('kpi:update', (u) => {
    setF(u.freshness);
    setHistory(u.history);
    setUpdated(u.at);
  });
  return (
    <>
      <p className="text-sm text-slate-700" aria-live="polite">
        Updated <LocalTime iso={updated} ago /> · newest event <LocalTime iso={f.last_event_at} /> · processor lag{' '}
        {Math.round(f.lag_ms)} ms
      </p>
      {history && (
        <p role="status" className="mt-1 rounded border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-900">
          Loading {history.hours} h of simulated history: {fmtNumber(history.events)} events in so far. Figures fill in
          as it arrives; live events follow it.
        </p>
      )}
    </>
  );
}
