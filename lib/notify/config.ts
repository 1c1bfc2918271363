import { z } from 'zod';
import { ALERT_TYPES } from '../alerts/types';

/**
 * Where alerts go (docs/alerts.md, "Delivery"): channels, the routes that pick them, and the
 * escalation ladder. One schema for the env (headless setups) and the admin settings; secrets are
 * write-only (redact() is what any page or API shows).
 */
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');
export const zone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone');
export const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const QuietHours = z.object({
  start: clock,
  end: clock,
  timeZone: zone,
  criticalOverrides: z.boolean().default(true),
});
export type QuietHours = z.infer<typeof QuietHours>;

export const Channel = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('email'),
    id,
    to: z.array(z.email()).min(1),
    /** The recipients' zone: times in the mail are in it. */
    timeZone: zone.default('UTC'),
    quietHours: QuietHours.optional(),
  }),
  z.object({ kind: z.literal('slack'), id, url: z.url(), quietHours: QuietHours.optional() }),
  z.object({ kind: z.literal('teams'), id, url: z.url(), quietHours: QuietHours.optional() }),
  z.object({
    kind: z.literal('webhook'),
    id,
    url: z.url(),
    secret: z.string().min(16, 'at least 16 characters'),
    quietHours: QuietHours.optional(),
  }),
]);
export type Channel = z.infer<typeof Channel>;
export type ChannelKind = Channel['kind'];

const SEVERITIES = ['info', 'warning', 'critical'] as const;
export const Route = z.object({
  /** Empty or absent: every type (severity, warehouse) matches. */
  types: z.array(z.enum(ALERT_TYPES)).default([]),
  severities: z.array(z.enum(SEVERITIES)).default([]),
  warehouses: z.array(z.string().min(1)).default([]),
  channels: z.array(id).min(1),
  /** `digest`: held for the daily digest instead of sent at once. */
  mode: z.enum(['immediate', 'digest']).default('immediate'),
});
export type Route = z.infer<typeof Route>;

export const Escalation = z.object({
  /** Minutes an unacknowledged critical alert waits at one level before the next is told. */
  afterMinutes: z
    .number()
    .positive()
    .max(24 * 60),
  levels: z.array(z.object({ name: z.string().min(1), channels: z.array(id).min(1) })).min(1),
});
export type Escalation = z.infer<typeof Escalation>;

export const Digest = z.object({
  /** Local time of day it is sent, in `timeZone`. */
  at: clock,
  timeZone: zone,
  channels: z.array(id).min(1),
});
export type Digest = z.infer<typeof Digest>;

export const NotifyConfig = z
  .object({
    channels: z.array(Channel).default([]),
    routes: z.array(Route).default([]),
    escalation: Escalation.nullable().default(null),
    /** The executives' daily digest: the board's last day against the day before. */
    digest: Digest.nullable().default(null),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.channels.forEach((ch, i) => {
      if (ids.has(ch.id))
        ctx.addIssue({ code: 'custom', path: ['channels', i, 'id'], message: `"${ch.id}" is used twice` });
      ids.add(ch.id);
    });
    const unknown = (path: (string | number)[], list: string[]) =>
      list.forEach((ch, j) => {
        if (!ids.has(ch)) ctx.addIssue({ code: 'custom', path: [...path, j], message: `no channel "${ch}"` });
      });
    c.routes.forEach((r, i) => unknown(['routes', i, 'channels'], r.channels));
    c.escalation?.levels.forEach((l, i) => unknown(['escalation', 'levels', i, 'channels'], l.channels));
    if (c.digest) unknown(['digest', 'channels'], c.digest.channels);
  });
export type NotifyConfig = z.infer<typeof NotifyConfig>;

/** A channel as pages and APIs show it: the secret never, the URL only as its host. */
export function redact(ch: Channel) {
  const where = ch.kind === 'email' ? ch.to.join(', ') : new URL(ch.url).host;
  return { id: ch.id, kind: ch.kind, where, hasSecret: ch.kind === 'webhook' };
}
