import { z } from 'zod';
import { nextVersion } from '../alerts/write';
import { ALERT_TYPES } from '../alerts/types';
import { queryRows, type Store } from '../store/client';
import { clock, zone, type QuietHours } from './config';

/** A user's own choice of alerts by email (PUT /api/session/notifications). */
export const UserPrefs = z.object({
  enabled: z.boolean(),
  email: z.email(),
  /** The zone of the times in the mail and of the quiet hours. */
  timeZone: zone.default('UTC'),
  /** Empty: every type that concerns the user. */
  types: z.array(z.enum(ALERT_TYPES)).default([]),
  quiet: z
    .object({ start: clock, end: clock, criticalOverrides: z.boolean().default(true) })
    .nullable()
    .default(null),
  /** One mail per alert, or the day's alerts in one mail at `digestAt` (their zone). */
  mode: z.enum(['immediate', 'digest']).default('immediate'),
  digestAt: clock.default('07:00'),
});
export type UserPrefs = z.infer<typeof UserPrefs>;

interface Row {
  username: string;
  email: string;
  enabled: number;
  types: string[];
  quiet_start: string;
  quiet_end: string;
  time_zone: string;
  critical_overrides: number;
  mode: string;
  digest_at: string;
}
const SELECT = `SELECT username, email, enabled, types, quiet_start, quiet_end, time_zone, critical_overrides, mode, digest_at
  FROM user_notify_prefs FINAL`;
const fromRow = (r: Row): UserPrefs & { username: string } => ({
  username: r.username,
  enabled: r.enabled === 1,
  email: r.email,
  timeZone: r.time_zone || 'UTC',
  types: r.types as UserPrefs['types'],
  quiet: r.quiet_start
    ? { start: r.quiet_start, end: r.quiet_end, criticalOverrides: r.critical_overrides === 1 }
    : null,
  mode: r.mode === 'digest' ? 'digest' : 'immediate',
  digestAt: r.digest_at || '07:00',
});

/** A user's quiet hours as a channel's (in the user's zone). */
export const quietOf = (p: UserPrefs): QuietHours | undefined =>
  p.quiet ? { ...p.quiet, timeZone: p.timeZone } : undefined;

export async function getUserPrefs(store: Store, username: string): Promise<UserPrefs | null> {
  const [r] = await queryRows<Row>(store, `${SELECT} WHERE username = {u:String}`, { u: username });
  return r ? fromRow(r) : null;
}

/** Everyone who wants alerts by email now (the sender reads this at each pass). */
export async function listSubscribers(store: Store): Promise<(UserPrefs & { username: string })[]> {
  return (await queryRows<Row>(store, `${SELECT} WHERE enabled = 1`)).map(fromRow);
}

export async function saveUserPrefs(store: Store, username: string, p: UserPrefs): Promise<void> {
  await store.insert({
    table: 'user_notify_prefs',
    values: [
      {
        username,
        email: p.email,
        enabled: p.enabled ? 1 : 0,
        types: p.types,
        quiet_start: p.quiet?.start ?? '',
        quiet_end: p.quiet?.end ?? '',
        time_zone: p.timeZone,
        critical_overrides: p.quiet?.criticalOverrides === false ? 0 : 1,
        mode: p.mode,
        digest_at: p.digestAt,
        version: nextVersion(),
      },
    ],
    format: 'JSONEachRow',
  });
}
