import { TOPICS } from '../events';
import type { Runtime } from '../runtime';
import { forgetSession, forgetUser } from './authenticate';

/** What the live hub hears on ops.sessions: one session ended, or one user changed. */
export type Revocation = { session: string } | { user: string };

/**
 * A sign-out, a disable or a change of role or warehouses takes effect at once: the cached
 * principals here are dropped, and every web replica (ops.sessions) disconnects the sockets that
 * the session or user holds; they must authenticate again.
 */
export async function revoke(rt: Pick<Runtime, 'bus'>, r: Revocation): Promise<void> {
  if ('session' in r) forgetSession(r.session);
  else forgetUser(r.user);
  await rt.bus.publish(TOPICS.sessions, [{ key: 'session' in r ? r.session : r.user, value: JSON.stringify(r) }]);
}
