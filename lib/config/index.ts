import path from 'node:path';
import { ConfigError, parseEnv, type Env, type Role } from './env';

export { ConfigError, DEFAULT_SLA_MINUTES, ROLES, type Role } from './env';

export interface Config {
  env: Env;
  port: number;
  host: string;
  mode: 'embedded' | 'distributed';
  dataDir: string;
  simulator: {
    enabled: boolean;
    rate: number;
    seed: number;
    backfillDays: number;
    backfillEvents: number;
    scenario: string;
  };
  apiTokens: { name: string; role: Role; token: string }[];
  kafka: { brokers: string[]; clientId: string; groupId: string; partitions: number; topicPrefix: string } | null;
  /** Whether this process runs the stream processor (the standalone service always does). */
  processorInProcess: boolean;
  processorPort: number;
  clickhouse: { url: string; username?: string; password?: string; database?: string } | null;
  batch: { maxEvents: number; waitMs: number };
  counts: { toleranceUnits: number; tolerancePct: number };
  slaMinutes: Env['OPS_SLA_MINUTES'];
  logLevel: Env['OPS_LOG_LEVEL'];
}

/** Builds the typed configuration of one process from its environment; throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = parseEnv(env);
  const kafka = e.KAFKA_BROKERS.length > 0;
  return {
    env: e,
    port: e.PORT,
    host: e.HOST,
    mode: kafka ? 'distributed' : 'embedded',
    dataDir: path.resolve(e.OPS_DATA_DIR),
    simulator: {
      enabled: (e.OPS_SIMULATOR ?? (kafka ? 'off' : 'on')) === 'on',
      rate: e.OPS_SIMULATOR_RATE,
      seed: e.OPS_SIMULATOR_SEED,
      backfillDays: e.OPS_SIMULATOR_BACKFILL_DAYS,
      backfillEvents: e.OPS_SIMULATOR_BACKFILL_EVENTS,
      scenario: e.OPS_SIMULATOR_SCENARIO,
    },
    apiTokens: e.OPS_API_TOKENS,
    kafka: kafka
      ? { brokers: e.KAFKA_BROKERS, clientId: e.KAFKA_CLIENT_ID, groupId: e.KAFKA_GROUP_ID, partitions: e.KAFKA_PARTITIONS, topicPrefix: e.KAFKA_TOPIC_PREFIX }
      : null,
    // chDB can only be written by the process that holds it, so with chDB the processor runs here.
    processorInProcess: (e.OPS_PROCESSOR ?? (kafka && e.CLICKHOUSE_URL ? 'off' : 'on')) === 'on',
    processorPort: e.OPS_PROCESSOR_PORT,
    clickhouse: e.CLICKHOUSE_URL
      ? { url: e.CLICKHOUSE_URL, username: e.CLICKHOUSE_USER, password: e.CLICKHOUSE_PASSWORD, database: e.CLICKHOUSE_DATABASE }
      : null,
    batch: { maxEvents: e.OPS_BATCH_MAX_EVENTS, waitMs: e.OPS_BATCH_WAIT_MS },
    counts: { toleranceUnits: e.OPS_COUNT_TOLERANCE_UNITS, tolerancePct: e.OPS_COUNT_TOLERANCE_PCT },
    slaMinutes: e.OPS_SLA_MINUTES,
    logLevel: e.OPS_LOG_LEVEL,
  };
}

/** Entry points call this: a bad value stops the process with a message naming the variable. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const p of err.problems) console.error(`config error: ${p.variable}: ${p.message}`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
