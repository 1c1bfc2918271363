import { createRequire } from 'node:module';
import path from 'node:path';
import { checkHealth, checkReady } from '../health';
import type { Runtime } from '../runtime';

// From the project root: the server's bundle does not sit beside node_modules.
const require = createRequire(path.join(process.cwd(), 'package.json'));
const versionOf = (pkg: string): string => {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
};

/** What the admin's system page shows: health, readiness, lag, versions and the API tokens by name. */
export function systemStatus(rt: Runtime) {
  const health = checkHealth(rt);
  const ready = checkReady(rt);
  return {
    health,
    ready,
    versions: {
      app: (require('./package.json') as { version: string }).version,
      node: process.versions.node,
      next: versionOf('next'),
      store: rt.config.mode === 'embedded' ? `chDB ${versionOf('chdb')}` : 'ClickHouse server',
      bus: rt.config.mode === 'embedded' ? 'in-process bus' : `Kafka (kafkajs ${versionOf('kafkajs')})`,
    },
    // Never the secret: name, role and warehouses only.
    tokens: rt.config.apiTokens.map((t) => ({ name: t.name, role: t.role, warehouses: t.warehouses })),
  };
}
export type SystemStatus = ReturnType<typeof systemStatus>;
