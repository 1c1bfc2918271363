'use client';
import { useState } from 'react';
import { useLiveEvent } from './live';
import { LocalTime } from './LocalTime';

interface Fresh {
  last_event_at: string | null;
  applied_at: string | null;
  lag_ms: number;
}

/** When this view's data was last updated, the newest event applied, and the processor's lag. */
export function Freshness({ initial, renderedAt }: { initial: Fresh; renderedAt: string }) {
  const [f, setF] = useState(initial);
  const [updated, setUpdated] = useState(renderedAt);
  useLiveEvent<{ at: string; freshness: Fresh }>('kpi:update', (u) => {
    setF(u.freshness);
    setUpdated(u.at);
  });
  return (
    <p className="text-sm text-slate-700" aria-live="polite">
      Updated <LocalTime iso={updated} ago /> · newest event <LocalTime iso={f.last_event_at} /> · processor lag {Math.round(f.lag_ms)} ms
    </p>
  );
}
