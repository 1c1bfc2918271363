import type { Simulator } from './simulator/simulator';
import type { Bus } from './bus/types';
import type { Admission } from './ingest/admission';
import type { Probes } from './health';
import type { Config } from './config';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import type { StoreHandle } from './store/client';

/** What the custom server started, shared with route handlers (which Next bundles separately). */
export interface Runtime {
  config: Config;
  store: StoreHandle;
  bus: Bus;
  metrics: Metrics;
  log: Logger;
  startedAt: number;
  /** Bounded unprocessed ingest work (lib/ingest/admission.ts). */
  admission: Admission;
  /** Store, bus and event loop observed in the background (lib/health.ts). */
  probes: Probes;
  /** Extension points filled by the services this process runs. */
  services: {
    processor?: { running(): boolean; pending?(): number };
    simulator?: Pick<Simulator, 'status' | 'configure'>;
  };
}

const KEY = Symbol.for('ops-pulse.runtime');
type Holder = { [KEY]?: Runtime };

export function setRuntime(runtime: Runtime | undefined) {
  (globalThis as Holder)[KEY] = runtime;
}

export function getRuntime(): Runtime {
  const r = (globalThis as Holder)[KEY];
  if (!r) throw new Error('Ops Pulse runtime is not started (run the app with `npm start`, not `next start`)');
  return r;
}
