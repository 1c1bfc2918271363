'use client';
import { useMemo, useSyncExternalStore } from 'react';

/**
 * The server's clock, as the browser estimates it. Ages ("updated 5 s ago") and countdowns to a
 * ship-by are differences between a server time and now, so "now" must be the server's: a laptop
 * clock two minutes off (or a server started at another instant, lib/clock.ts) would otherwise
 * show every figure as stale or every cutoff as missed. Synced at page render and from the socket.
 */
let skewMs = 0;

export const serverNow = (): number => Date.now() + skewMs;

/** Records the server's time as of now (page render, socket hello). */
export function syncServerClock(serverMs: number): void {
  if (Number.isFinite(serverMs)) skewMs = serverMs - Date.now();
}

/** Rendered once at the top of the page with the server's time: sets the skew before any child runs its effects. */
export function ServerClock({ at }: { at: number }) {
  syncServerClock(at);
  return null;
}

/** A source of the server's time for useSyncExternalStore: read on subscribe, then every `everyMs`. */
function serverClock(everyMs: number | null) {
  let now = serverNow();
  return {
    subscribe(changed: () => void) {
      now = serverNow();
      changed();
      if (everyMs === null) return () => {};
      const t = setInterval(() => {
        now = serverNow();
        changed();
      }, everyMs);
      return () => clearInterval(t);
    },
    read: () => now,
  };
}

/**
 * The server's time, refreshed every `everyMs` (or once, when null). `null` while the page
 * hydrates, so the server's HTML and the first client render agree; the real time follows at once.
 */
export function useServerNow(everyMs: number | null): number | null {
  const clock = useMemo(() => serverClock(everyMs), [everyMs]);
  return useSyncExternalStore(clock.subscribe, clock.read, () => null);
}
