import { now as clockNow } from '../clock';
import type { Runtime } from '../runtime';
import type { Principal } from './principal';
import { findSession, sessionId } from './sessions';
import { tokenPrincipal } from './tokens';
import { findUser } from './users';

export const SESSION_COOKIE = 'ops_session';

/** A cookie's value, or null when absent or not decodable (a malformed cookie is no credential, not a crash). */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

// Principals of recent sessions, by session id: two store reads per request otherwise. Kept on
// globalThis so the route handlers (bundled by Next) and the socket hub (loaded by server.ts) share
// one cache and one forget: a sign-out must reach both. Other web replicas hear of it on ops.sessions.
const KEY = Symbol.for('ops-pulse.session-cache');
type Cached = { principal: Principal; until: number };
const cache: Map<string, Cached> = ((globalThis as { [KEY]?: Map<string, Cached> })[KEY] ??= new Map());
const CACHE_MS = 5000;

/** Drops a session (by id) from the cache: signed out. */
export const forgetSession = (id: string) => void cache.delete(id);
/** Drops every cached session of a user: disabled, or their role or warehouses changed. */
export function forgetUser(username: string) {
  for (const [id, c] of cache) if (c.principal.name === username) cache.delete(id);
}

/** A bearer API token or a session cookie → the principal; null when neither is valid. */
export async function authenticate(
  rt: Pick<Runtime, 'config' | 'store'>,
  headers: { authorization?: string | null; cookie?: string | null },
): Promise<Principal | null> {
  const auth = headers.authorization;
  if (auth) return auth.startsWith('Bearer ') ? tokenPrincipal(rt.config, auth.slice(7).trim()) : null;
  const token = readCookie(headers.cookie, SESSION_COOKIE);
  if (!token || token.length > 200) return null;
  const id = sessionId(token);
  const hit = cache.get(id);
  if (hit && hit.until > clockNow()) return hit.principal;
  const session = await findSession(rt.store.reader, token);
  const user = session ? await findUser(rt.store.reader, session.username) : null;
  if (!session || !user || user.disabled) {
    cache.delete(id);
    return null;
  }
  const principal: Principal = {
    kind: 'user',
    name: user.username,
    role: user.role,
    warehouses: user.warehouses,
    csrf: session.csrf,
    session: { id, expiresAt: session.expiresAt },
  };
  if (cache.size > 10_000) cache.clear();
  cache.set(id, { principal, until: Math.min(clockNow() + CACHE_MS, session.expiresAt) });
  return principal;
}
