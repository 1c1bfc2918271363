import { loadConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { setRuntime, type Runtime } from '@/lib/runtime';
import type { Embedded } from './embedded';

/** Publishes an embedded test stack as the runtime route handlers read, so handlers can be called directly. */
export function useRuntime(stack: Embedded, env: Record<string, string> = {}): Runtime {
  const runtime: Runtime = {
    config: loadConfig(env),
    store: stack.store,
    bus: stack.bus,
    metrics: stack.metrics,
    log: createLogger('silent', 'test'),
    startedAt: Date.now(),
    services: {},
  };
  setRuntime(runtime);
  return runtime;
}

export const get = (url: string) => new Request(`http://test${url}`);
