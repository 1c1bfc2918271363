'use client';

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
