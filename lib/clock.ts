/**
 * The process's notion of "now" for business time: windows, ages, SLAs, cutoffs, the simulator,
 * the time stamped on operator actions. It is the wall clock unless OPS_CLOCK_START started it at
 * another instant (it then runs at wall speed from there), so a test or a demo can stand on a
 * Monday 06:00 whatever day it really is. Durations and timeouts keep using the real clock.
 *
 * Kept on globalThis like the runtime: Next bundles route handlers and pages apart from server.ts,
 * and each bundle must read the same clock.
 */
const KEY = Symbol.for('ops-pulse.clock');
type Holder = { [KEY]?: { offsetMs: number } };

const state = () => ((globalThis as Holder)[KEY] ??= { offsetMs: 0 });

/** Milliseconds since the epoch on the process's clock. */
export const now = (): number => Date.now() + state().offsetMs;

/** `now()` as a Date. */
export const nowDate = (): Date => new Date(now());

/** Starts the process clock at `startMs` (null: the wall clock). Called once by each entry point. */
export function startClockAt(startMs: number | null): void {
  state().offsetMs = startMs === null ? 0 : startMs - Date.now();
}
