'use client';
import { useState } from 'react';
import type { Freshness } from '@/lib/live/contract';
import { useLiveEvent } from './live';
import { LocalTime } from './LocalTime';

type Fresh = Pick<Freshness, 'last_event_at' | 'applied_at' | 'lag_ms'>;

/** When this view's data was last updated, the newest event applied, and the processor's lag. */
export function Freshness({ initial, renderedAt }: { initial: Fresh; renderedAt: string }) {
  const [f, setF] = useState(initial);
  const [updated, setUpdated] = useState(renderedAt);
  useLiveEvent('kpi:update', (u) => {
    setF(u.freshness);
    setUpdated(u.at);
  });
  return (
    <p className="text-sm text-slate-700" aria-live="polite">
      Updated <LocalTime iso={updated} ago /> · newest event <LocalTime iso={f.last_event_at} /> · processor lag{' '}
      {Math.round(f.lag_ms)} ms
    </p>
  );
}
