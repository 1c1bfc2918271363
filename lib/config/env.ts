import { z } from 'zod';
import { DEFAULT_SLA_MINUTES, EXCEPTION_CATEGORIES, type ExceptionCategory } from '../events/categories';
import { parseTrustedProxies } from '../http/client';
import { NotifyConfig } from '../notify/config';

export const ROLES = ['executive', 'warehouse_manager', 'planner', 'support', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** Extension: a machine role that may only send events (POST /api/events), for integrations. */
export const TOKEN_ROLES = [...ROLES, 'integration'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

const onOff = z.enum(['on', 'off']);
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);

export interface ApiToken {
  name: string;
  role: TokenRole;
  token: string;
  warehouses: string[];
}

/**
 * OPS_API_TOKENS: `name:role:token[:WH1|WH2]`, comma-separated. Each problem names the entry (by
 * its position and name, never its secret) and what would be right; two clients may not share a
 * token (the audit could not tell them apart), nor a name.
 */
function parseApiTokens(entries: string[], ctx: z.RefinementCtx): ApiToken[] {
  const out: ApiToken[] = [];
  const problem = (i: number, name: string, message: string) =>
    ctx.addIssue({ code: 'custom', message: `entry ${i + 1}${name ? ` ("${name}")` : ''}: ${message}` });
  entries.forEach((entry, i) => {
    const [name = '', role = '', token = '', warehouses, ...extra] = entry.split(':');
    // Not of the shape: show no part of it (it may be a bare secret).
    if (!name || !role || !token || extra.length > 0)
      return problem(i, '', 'expected name:role:token or name:role:token:WH1|WH2');
    if (!(TOKEN_ROLES as readonly string[]).includes(role))
      return problem(i, name, `role "${role}" is not one of ${TOKEN_ROLES.join(', ')}`);
    if (token.length < 16) return problem(i, name, 'the token must be at least 16 characters');
    const list = warehouses ? warehouses.split('|').filter(Boolean) : [];
    if (role === 'warehouse_manager' && list.length === 0)
      return problem(i, name, 'a warehouse_manager token needs its warehouses: name:warehouse_manager:token:WH1|WH2');
    const twin = out.find((t) => t.token === token);
    if (twin) return problem(i, name, `has the same token as "${twin.name}": give each client its own`);
    if (out.some((t) => t.name === name)) return problem(i, name, 'this name is used twice');
    out.push({ name, role: role as TokenRole, token, warehouses: list });
  });
  return out;
}

export { DEFAULT_SLA_MINUTES };
const slaOverrides = z
  .string()
  .transform(list)
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[a-z_]+=\d+$/, 'expected category=minutes')
        .transform((s) => s.split('=') as [string, string])
        .pipe(z.tuple([z.enum(EXCEPTION_CATEGORIES), z.string().transform(Number)])),
    ),
  )
  .transform(
    (pairs) => ({ ...DEFAULT_SLA_MINUTES, ...Object.fromEntries(pairs) }) as Record<ExceptionCategory, number>,
  );

const STAGES = ['created', 'allocated', 'picked', 'packed', 'held'] as const;
const stageMinutes = z
  .string()
  .transform(list)
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[a-z]+=\d+(\.\d+)?$/, 'expected stage=minutes')
        .transform((s) => s.split('=') as [string, string])
        .pipe(z.tuple([z.enum(STAGES), z.string().transform(Number)])),
    ),
  )
  .transform(
    (pairs) =>
      ({ created: 120, allocated: 90, picked: 25, packed: 0, held: 240, ...Object.fromEntries(pairs) }) as Record<
        (typeof STAGES)[number],
        number
      >,
  );

const schema = z
  .object({
    PORT: int(1, 65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    OPS_DATA_DIR: z.string().min(1).default('./data'),
    OPS_SIMULATOR: onOff.optional(),
    /** Events per second of the simulated business, in its history and live alike (SPEC default 50). */
    OPS_SIMULATOR_RATE: num(0.01, 200_000).default(50),
    /** Live traffic is the business times this: a demo knob (history stays the business). */
    OPS_SIMULATOR_SPEEDUP: num(1, 1000).default(1),
    OPS_SIMULATOR_SEED: int(0, 2 ** 31 - 1).default(42),
    OPS_SIMULATOR_BACKFILL_DAYS: num(0, 90).default(14),
    /** The most events the first start's back-fill generates: history is as deep as that allows at the rate, up to the days. */
    OPS_SIMULATOR_BACKFILL_EVENTS: int(0, 50_000_000).default(1_000_000),
    /** Demo knobs, e.g. `carrier_delay=UPS,return_surge=apparel:too_small`. */
    OPS_SIMULATOR_SCENARIO: z.string().default(''),
    OPS_API_TOKENS: z.string().default('').transform(list).transform(parseApiTokens),
    KAFKA_BROKERS: z
      .string()
      .optional()
      .transform((s) => (s ? list(s) : [])),
    KAFKA_CLIENT_ID: z.string().min(1).default('ops-pulse'),
    KAFKA_GROUP_ID: z.string().min(1).default('ops-pulse-processor'),
    KAFKA_PARTITIONS: int(1, 1024).default(6),
    KAFKA_TOPIC_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, . _ - only')
      .default(''),
    /** Run the stream processor in this process: on by default unless Kafka and a ClickHouse server are both configured. */
    OPS_PROCESSOR: onOff.optional(),
    /** Port of the standalone processor's /metrics and /health (`npm run processor`). */
    OPS_PROCESSOR_PORT: int(0, 65535).default(9464),
    CLICKHOUSE_URL: z.url().optional(),
    CLICKHOUSE_USER: z.string().optional(),
    CLICKHOUSE_PASSWORD: z.string().optional(),
    CLICKHOUSE_DATABASE: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
      .optional(),
    OPS_BATCH_MAX_EVENTS: int(1, 200_000).default(20_000),
    OPS_BATCH_WAIT_MS: int(0, 10_000).default(250),
    /** While live events trickle in, the share of the time the processor writes (docs/architecture.md); 1: back to back. */
    OPS_BATCH_DUTY: num(0.05, 1).default(0.5),
    OPS_COUNT_TOLERANCE_UNITS: int(0, 1_000_000).default(0),
    OPS_COUNT_TOLERANCE_PCT: num(0, 100).default(0),
    OPS_SLA_MINUTES: z.string().default('').pipe(slaOverrides),
    /** Cutoff risk: the percentile of recent stage→packed times an order is expected to need. */
    OPS_CUTOFF_PERCENTILE: num(50, 99).default(80),
    /** Until a warehouse has OPS_CUTOFF_MIN_SAMPLES recent orders for a stage, these minutes are used. */
    OPS_CUTOFF_DEFAULT_MINUTES: z
      .string()
      .default('created=120,allocated=90,picked=25,packed=0,held=240')
      .pipe(stageMinutes),
    OPS_CUTOFF_MIN_SAMPLES: int(1, 10_000).default(20),
    OPS_CUTOFF_WINDOW_DAYS: num(0.1, 90).default(7),
    /** Time to hand a packed parcel to the carrier before its cutoff. */
    OPS_CUTOFF_MARGIN_MINUTES: num(0, 600).default(10),
    OPS_ACCURACY_ALERT_PCT: num(0, 100).default(97),
    OPS_ACCURACY_ALERT_COUNTS: int(1, 10_000).default(50),
    /** Return-reason spike: a category needs this many returns in 24 h (and the reason this many) to be judged. */
    OPS_SPIKE_MIN_RETURNS: int(1, 1_000_000).default(20),
    OPS_SPIKE_MIN_REASON: int(1, 1_000_000).default(5),
    /** …and the reason's 24 h share must be this many times its 7-day share, and this many points above it. */
    OPS_SPIKE_RATIO: num(1, 100).default(2),
    OPS_SPIKE_MIN_POINTS: num(0, 100).default(10),
    OPS_RULES_SWEEP_SECONDS: num(0.2, 3600).default(5),
    /** Count accuracy and return-reason spikes move slowly: the sweep judges them this often. */
    OPS_RULES_SLOW_SECONDS: num(1, 86_400).default(60),
    /**
     * An alert with nothing left in it resolves only after this long (hysteresis: no flapping). As
     * long as the cool-down by default: with 10, an ungrouped alert (accuracy, spikes) clear for 10
     * minutes and back within the next 20 was resolved and re-opened, a flap (bench:live-hour).
     */
    OPS_ALERT_HOLD_MINUTES: num(0, 1440).default(30),
    /** Raised again within this long of resolving, an alert re-opens as an update of itself, never as a new alert. */
    OPS_ALERT_COOLDOWN_MINUTES: num(0, 10_080).default(30),
    /** How often the processor's leader drops closed exceptions from the open-exception table (stream-processor/maintenance.ts). */
    OPS_COMPACT_MINUTES: num(0.05, 10_000).default(10),
    /** kpi:update cadence: each push makes every open view re-read its figures, so not every second by default. */
    OPS_KPI_PUSH_SECONDS: num(1, 3600).default(5),
    /** Batches whose newest event is older than this are history being replayed: they resolve alerts, never raise them. */
    OPS_RULES_REPLAY_MINUTES: num(0, 100_000).default(10),
    /** Each warehouse's IANA time zone (cutoffs are shown in warehouse time). */
    OPS_WAREHOUSE_TIMEZONES: z
      .string()
      .default('DC-EAST=America/New_York,DC-WEST=America/Los_Angeles,DC-EU=Europe/Amsterdam')
      .transform(list)
      .pipe(
        z.array(
          z
            .string()
            .regex(/^[^=]+=[A-Za-z_]+\/[A-Za-z_/+-]+$/, 'expected WAREHOUSE=Area/City')
            .transform((s) => s.split('=') as [string, string]),
        ),
      )
      .transform((pairs) => Object.fromEntries(pairs) as Record<string, string>),
    OPS_SESSION_TTL_HOURS: num(0.01, 24 * 30).default(12),
    /** Largest POST /api/events body; larger is a 413 before it is read. */
    OPS_MAX_BODY_MB: num(0.01, 512).default(10),
    /** Events per second each caller (token or user) may post, with bursts of twice that; beyond is a 429. */
    OPS_INGEST_RATE: num(1, 10_000_000).default(50_000),
    /** Accepted events not yet processed (embedded) or acknowledged (Kafka) that ingest takes on; beyond it, 503 (429 for a caller holding over 60 %). */
    OPS_INGEST_MAX_PENDING: int(100, 10_000_000).default(50_000),
    /** GET /api/ready says not ready while the newest batch waited longer than this on the bus. */
    OPS_READY_MAX_LAG_SECONDS: num(1, 86_400).default(60),
    /** Session cookies are `Secure` unless this is off (plain HTTP on a host other than localhost). */
    OPS_COOKIE_SECURE: onOff.default('on'),
    /** Where operator actions are also POSTed as JSON (optional), retried with backoff. */
    OPS_ACTION_WEBHOOK_URL: z.url().optional(),
    /** The app's address as people open it: links in notifications point here. */
    OPS_PUBLIC_URL: z.url().optional(),
    /** Alert delivery settings, JSON (docs/alerts.md, "Delivery"): channels, routes, escalation. */
    OPS_NOTIFY_CONFIG: z
      .string()
      .default('{}')
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: `not JSON: ${(err as Error).message}` });
          return z.NEVER;
        }
      })
      .pipe(NotifyConfig),
    /** SMTP server for email channels: smtp://user:pass@host:587 or smtps://…:465. */
    OPS_NOTIFY_SMTP_URL: z
      .url()
      .refine((u) => /^smtps?:$/.test(new URL(u).protocol), 'must be smtp:// or smtps://')
      .optional(),
    OPS_NOTIFY_FROM: z.string().min(3).default('Ops Pulse <ops-pulse@localhost>'),
    /** Send notifications from this process: on by default where the processor runs; exactly one process should. */
    OPS_NOTIFY: onOff.optional(),
    OPS_NOTIFY_PASS_SECONDS: num(0.1, 600).default(5),
    OPS_NOTIFY_TIMEOUT_SECONDS: num(0.1, 120).default(10),
    OPS_NOTIFY_MAX_ATTEMPTS: int(1, 20).default(6),
    /** Proxies in front of the app (addresses or CIDR ranges): only their X-Forwarded-For is believed. */
    OPS_TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform(list)
      .transform((entries, ctx) => {
        try {
          return parseTrustedProxies(entries);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      }),
    /** Origins (scheme://host[:port]) besides the app's own host whose pages may open a socket (a proxy's public name, another UI). */
    OPS_ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform(list)
      .pipe(z.array(z.url().transform((u) => new URL(u).origin))),
    /** How often connected browsers hear a heartbeat: their live indicator turns amber after 10 s of silence, red after 30 s. */
    OPS_HEARTBEAT_SECONDS: num(0.1, 60).default(5),
    /** Every socket is authenticated again this often, a backstop to the immediate close at sign-out, disable or role change. */
    OPS_SOCKET_RECHECK_SECONDS: num(0.1, 3600).default(60),
    /** The earliest occurred_at an event may carry (an older one is refused and dead-lettered). */
    OPS_EVENT_TIME_EARLIEST: z.iso.date().default('2000-01-01'),
    /** How far past now (days) an occurred_at may be: producers' clocks drift, but not by years. */
    OPS_EVENT_TIME_AHEAD_DAYS: num(0, 3650).default(7),
    /** After SIGTERM the process is gone within this many seconds, whatever it was waiting on. */
    OPS_SHUTDOWN_GRACE_SECONDS: num(1, 3600).default(20),
    /** Start the process clock at this instant (tests, demos); it then runs at wall speed. Unset: the wall clock. */
    OPS_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
    OPS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Optional single sign-on (OpenID Connect, authorization code + PKCE): the issuer's URL turns it on. */
    OPS_OIDC_ISSUER: z.url().optional(),
    OPS_OIDC_CLIENT_ID: z.string().min(1).optional(),
    OPS_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** This app's callback as registered at the provider: https://ops.example.com/api/session/oidc/callback */
    OPS_OIDC_REDIRECT_URL: z.url().optional(),
    OPS_OIDC_SCOPES: z.string().default('openid email profile'),
    /** Claims that carry the user's name, Ops Pulse role and (warehouse managers) warehouses. */
    OPS_OIDC_USERNAME_CLAIM: z.string().min(1).default('email'),
    OPS_OIDC_ROLE_CLAIM: z.string().min(1).default('ops_role'),
    OPS_OIDC_WAREHOUSES_CLAIM: z.string().min(1).default('ops_warehouses'),
  })
  .superRefine((e, ctx) => {
    if (!e.OPS_OIDC_ISSUER) return;
    for (const v of ['OPS_OIDC_CLIENT_ID', 'OPS_OIDC_CLIENT_SECRET', 'OPS_OIDC_REDIRECT_URL'] as const) {
      if (!e[v]) ctx.addIssue({ code: 'custom', path: [v], message: 'required when OPS_OIDC_ISSUER is set' });
    }
  });

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(public readonly problems: { variable: string; message: string }[]) {
    super(`invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
  }
}

export function parseEnv(env: Record<string, string | undefined>): Env {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = schema.safeParse(cleaned);
  if (!r.success) {
    throw new ConfigError(r.error.issues.map((i) => ({ variable: String(i.path[0]), message: i.message })));
  }
  return r.data;
}
