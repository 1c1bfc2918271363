import path from 'node:path';
import { ConfigError, parseEnv, type Env, type TokenRole } from './env';

export { ConfigError, DEFAULT_SLA_MINUTES, ROLES, TOKEN_ROLES, type Role, type TokenRole } from './env';

export interface Config {
  env: Env;
  port: number;
  host: string;
  mode: 'embedded' | 'distributed';
  dataDir: string;
  simulator: {
    enabled: boolean;
    rate: number;
    speedup: number;
    seed: number;
    backfillDays: number;
    backfillEvents: number;
    scenario: string;
  };
  apiTokens: { name: string; role: TokenRole; token: string; warehouses: string[] }[];
  session: { ttlMs: number; secureCookies: boolean };
  warehouseTimeZones: Record<string, string>;
  rules: {
    cutoffPercentile: number;
    cutoffDefaultMinutes: Env['OPS_CUTOFF_DEFAULT_MINUTES'];
    cutoffMinSamples: number;
    cutoffWindowMs: number;
    cutoffMarginMs: number;
    accuracyAlertPct: number;
    accuracyAlertCounts: number;
    spike: { minReturns: number; minReason: number; ratio: number; minPoints: number };
    sweepMs: number;
    slowMs: number;
    replayMs: number;
    holdMs: number;
    cooldownMs: number;
  };
  actionWebhookUrl: string | null;
  publicUrl: string;
  notify: {
    /** OPS_NOTIFY as set; unset, the process that runs the processor sends (startNotifier). */
    run: 'on' | 'off' | null;
    settings: Env['OPS_NOTIFY_CONFIG'];
    smtpUrl: string | null;
    from: string;
    passMs: number;
    timeoutMs: number;
    maxAttempts: number;
  };
  kpiPushMs: number;
  limits: { maxBodyBytes: number; ingestPerSecond: number; ingestMaxPending: number };
  kafka: { brokers: string[]; clientId: string; groupId: string; partitions: number; topicPrefix: string } | null;
  /** Whether this process runs the stream processor (the standalone service always does). */
  processorInProcess: boolean;
  processorPort: number;
  clickhouse: { url: string; username?: string; password?: string; database?: string } | null;
  batch: { maxEvents: number; waitMs: number; duty: number };
  compactMs: number;
  /** Single sign-on, when OPS_OIDC_ISSUER is set. */
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret: string;
    redirectUrl: string;
    scopes: string;
    claims: { username: string; role: string; warehouses: string };
  } | null;
  counts: { toleranceUnits: number; tolerancePct: number };
  slaMinutes: Env['OPS_SLA_MINUTES'];
  logLevel: Env['OPS_LOG_LEVEL'];
  /** OPS_CLOCK_START as ms, or null for the wall clock (lib/clock.ts). */
  clockStartMs: number | null;
  shutdownGraceMs: number;
  allowedOrigins: string[];
  trustedProxies: Env['OPS_TRUSTED_PROXIES'];
  /** Plausible business time of events (lib/events/common.ts). */
  eventTime: { earliest: number; aheadMs: number };
  socketRecheckMs: number;
  heartbeatMs: number;
  readyMaxLagMs: number;
}

/** Builds the typed configuration of one process from its environment; throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = parseEnv(env);
  const kafka = e.KAFKA_BROKERS.length > 0;
  // chDB can only be written by the process that holds it, so with chDB the processor runs here.
  const processorInProcess = (e.OPS_PROCESSOR ?? (kafka && e.CLICKHOUSE_URL ? 'off' : 'on')) === 'on';
  return {
    env: e,
    port: e.PORT,
    host: e.HOST,
    mode: kafka ? 'distributed' : 'embedded',
    dataDir: path.resolve(e.OPS_DATA_DIR),
    simulator: {
      enabled: (e.OPS_SIMULATOR ?? (kafka ? 'off' : 'on')) === 'on',
      rate: e.OPS_SIMULATOR_RATE,
      speedup: e.OPS_SIMULATOR_SPEEDUP,
      seed: e.OPS_SIMULATOR_SEED,
      backfillDays: e.OPS_SIMULATOR_BACKFILL_DAYS,
      backfillEvents: e.OPS_SIMULATOR_BACKFILL_EVENTS,
      scenario: e.OPS_SIMULATOR_SCENARIO,
    },
    apiTokens: e.OPS_API_TOKENS,
    rules: {
      cutoffPercentile: e.OPS_CUTOFF_PERCENTILE,
      cutoffDefaultMinutes: e.OPS_CUTOFF_DEFAULT_MINUTES,
      cutoffMinSamples: e.OPS_CUTOFF_MIN_SAMPLES,
      cutoffWindowMs: e.OPS_CUTOFF_WINDOW_DAYS * 86_400_000,
      cutoffMarginMs: e.OPS_CUTOFF_MARGIN_MINUTES * 60_000,
      accuracyAlertPct: e.OPS_ACCURACY_ALERT_PCT,
      accuracyAlertCounts: e.OPS_ACCURACY_ALERT_COUNTS,
      spike: {
        minReturns: e.OPS_SPIKE_MIN_RETURNS,
        minReason: e.OPS_SPIKE_MIN_REASON,
        ratio: e.OPS_SPIKE_RATIO,
        minPoints: e.OPS_SPIKE_MIN_POINTS,
      },
      sweepMs: e.OPS_RULES_SWEEP_SECONDS * 1000,
      slowMs: e.OPS_RULES_SLOW_SECONDS * 1000,
      replayMs: e.OPS_RULES_REPLAY_MINUTES * 60_000,
      holdMs: e.OPS_ALERT_HOLD_MINUTES * 60_000,
      cooldownMs: e.OPS_ALERT_COOLDOWN_MINUTES * 60_000,
    },
    warehouseTimeZones: e.OPS_WAREHOUSE_TIMEZONES,
    session: { ttlMs: e.OPS_SESSION_TTL_HOURS * 3_600_000, secureCookies: e.OPS_COOKIE_SECURE === 'on' },
    actionWebhookUrl: e.OPS_ACTION_WEBHOOK_URL ?? null,
    publicUrl: e.OPS_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    notify: {
      run: e.OPS_NOTIFY ?? null,
      settings: e.OPS_NOTIFY_CONFIG,
      smtpUrl: e.OPS_NOTIFY_SMTP_URL ?? null,
      from: e.OPS_NOTIFY_FROM,
      passMs: e.OPS_NOTIFY_PASS_SECONDS * 1000,
      timeoutMs: e.OPS_NOTIFY_TIMEOUT_SECONDS * 1000,
      maxAttempts: e.OPS_NOTIFY_MAX_ATTEMPTS,
    },
    kpiPushMs: e.OPS_KPI_PUSH_SECONDS * 1000,
    limits: {
      maxBodyBytes: Math.round(e.OPS_MAX_BODY_MB * 1024 * 1024),
      ingestPerSecond: e.OPS_INGEST_RATE,
      ingestMaxPending: e.OPS_INGEST_MAX_PENDING,
    },
    kafka: kafka
      ? {
          brokers: e.KAFKA_BROKERS,
          clientId: e.KAFKA_CLIENT_ID,
          groupId: e.KAFKA_GROUP_ID,
          partitions: e.KAFKA_PARTITIONS,
          topicPrefix: e.KAFKA_TOPIC_PREFIX,
        }
      : null,
    processorInProcess,
    processorPort: e.OPS_PROCESSOR_PORT,
    clickhouse: e.CLICKHOUSE_URL
      ? {
          url: e.CLICKHOUSE_URL,
          username: e.CLICKHOUSE_USER,
          password: e.CLICKHOUSE_PASSWORD,
          database: e.CLICKHOUSE_DATABASE,
        }
      : null,
    batch: { maxEvents: e.OPS_BATCH_MAX_EVENTS, waitMs: e.OPS_BATCH_WAIT_MS, duty: e.OPS_BATCH_DUTY },
    compactMs: e.OPS_COMPACT_MINUTES * 60_000,
    oidc: e.OPS_OIDC_ISSUER
      ? {
          issuer: e.OPS_OIDC_ISSUER,
          clientId: e.OPS_OIDC_CLIENT_ID!,
          clientSecret: e.OPS_OIDC_CLIENT_SECRET!,
          redirectUrl: e.OPS_OIDC_REDIRECT_URL!,
          scopes: e.OPS_OIDC_SCOPES,
          claims: {
            username: e.OPS_OIDC_USERNAME_CLAIM,
            role: e.OPS_OIDC_ROLE_CLAIM,
            warehouses: e.OPS_OIDC_WAREHOUSES_CLAIM,
          },
        }
      : null,
    counts: { toleranceUnits: e.OPS_COUNT_TOLERANCE_UNITS, tolerancePct: e.OPS_COUNT_TOLERANCE_PCT },
    slaMinutes: e.OPS_SLA_MINUTES,
    logLevel: e.OPS_LOG_LEVEL,
    shutdownGraceMs: e.OPS_SHUTDOWN_GRACE_SECONDS * 1000,
    allowedOrigins: e.OPS_ALLOWED_ORIGINS,
    trustedProxies: e.OPS_TRUSTED_PROXIES,
    eventTime: {
      earliest: Date.parse(`${e.OPS_EVENT_TIME_EARLIEST}T00:00:00Z`),
      aheadMs: e.OPS_EVENT_TIME_AHEAD_DAYS * 86_400_000,
    },
    socketRecheckMs: e.OPS_SOCKET_RECHECK_SECONDS * 1000,
    heartbeatMs: e.OPS_HEARTBEAT_SECONDS * 1000,
    readyMaxLagMs: e.OPS_READY_MAX_LAG_SECONDS * 1000,
    clockStartMs: e.OPS_CLOCK_START ? Date.parse(e.OPS_CLOCK_START) : null,
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
