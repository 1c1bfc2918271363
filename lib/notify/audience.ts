import type { Alert } from '../alerts/types';
import { concerns } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { listUsers } from '../auth/users';
import type { Store } from '../store/client';
import type { Channel, NotifyConfig } from './config';
import { listSubscribers, quietOf, type UserPrefs } from './prefs';
import { routeAlert } from './route';
import { loadSettings } from './settings';

/** The channel id of a user's own email. */
const USER_PREFIX = 'user:';

/**
 * Who an alert goes to, as of one pass: the settings in force (saved in the app, else the
 * environment's) and the users who asked for alerts by email, with what their role lets them see.
 */
export class Audience {
  private readonly channels: Map<string, Channel>;
  private readonly people: Map<string, { prefs: UserPrefs; who: Principal }>;

  constructor(
    readonly cfg: NotifyConfig,
    subscribers: { prefs: UserPrefs & { username: string }; who: Principal }[],
  ) {
    this.channels = new Map(cfg.channels.map((c) => [c.id, c]));
    this.people = new Map(subscribers.map((s) => [s.prefs.username, s]));
  }

  static async load(store: Store, fallback: NotifyConfig, stored: boolean): Promise<Audience> {
    const [cfg, subscribers, users] = await Promise.all([
      stored ? loadSettings(store, fallback) : fallback,
      listSubscribers(store),
      listUsers(store),
    ]);
    const active = new Map(users.filter((u) => !u.disabled).map((u) => [u.username, u]));
    return new Audience(
      cfg,
      subscribers.flatMap((prefs) => {
        const u = active.get(prefs.username);
        return u
          ? [{ prefs, who: { kind: 'user' as const, name: u.username, role: u.role, warehouses: u.warehouses } }]
          : [];
      }),
    );
  }

  /** Whether a user asked for this alert's type, and it concerns them as in the app. */
  wants(p: { prefs: UserPrefs; who: Principal }, a: Pick<Alert, 'type' | 'warehouse_id' | 'category'>): boolean {
    return (
      (p.prefs.types.length === 0 || p.prefs.types.includes(a.type)) &&
      concerns(p.who, { type: a.type, warehouse_id: a.warehouse_id ?? null, category: a.category ?? null })
    );
  }

  /** Where an alert goes at once: the channels its routes name, and each user who wants it one by one. */
  targets(a: Alert): string[] {
    const users = [...this.people.values()]
      .filter((p) => p.prefs.mode === 'immediate' && this.wants(p, a))
      .map(({ who }) => `${USER_PREFIX}${who.name}`);
    return [...routeAlert(this.cfg, a).immediate, ...users];
  }

  /** The users who take their alerts in one daily mail, with their own email's channel id. */
  digestReaders() {
    return [...this.people.values()]
      .filter((p) => p.prefs.mode === 'digest')
      .map((p) => ({ ...p, channelId: `${USER_PREFIX}${p.who.name}` }));
  }

  /** A channel by id; `user:<name>` is that user's own email, as they set it up. */
  channelOf(id: string): Channel | undefined {
    if (!id.startsWith(USER_PREFIX)) return this.channels.get(id);
    const p = this.people.get(id.slice(USER_PREFIX.length))?.prefs;
    return p && { kind: 'email', id, to: [p.email], timeZone: p.timeZone, quietHours: quietOf(p) };
  }
}
