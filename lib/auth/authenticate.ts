import type { Runtime } from '../runtime';
import type { Principal } from './principal';
import { findSession } from './sessions';
import { tokenPrincipal } from './tokens';
import { findUser } from './users';
import { now as clockNow } from '../clock';

export const SESSION_COOKIE = 'ops_session';

export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

// Principals of recent session tokens: two store reads per request otherwise. Signing out clears
// the entry here; other web replicas notice within the TTL.
const cache = new Map<string, { principal: Principal; until: number }>();
const CACHE_MS = 5000;
export const forgetSession = (token: string) => cache.delete(token);

/** A bearer API token or a session cookie → the principal; null when neither is valid. */
export async function authenticate(rt: Pick<Runtime, 'config' | 'store'>, headers: { authorization?: string | null; cookie?: string | null }): Promise<Principal | null> {
  const auth = headers.authorization;
  if (auth) return auth.startsWith('Bearer ') ? tokenPrincipal(rt.config, auth.slice(7).trim()) : null;
  const token = readCookie(headers.cookie, SESSION_COOKIE);
  if (!token || token.length > 200) return null;
  const hit = cache.get(token);
  if (hit && hit.until > clockNow()) return hit.principal;
  const session = await findSession(rt.store.reader, token);
  const user = session ? await findUser(rt.store.reader, session.username) : null;
  if (!session || !user || user.disabled) {
    cache.delete(token);
    return null;
  }
  const principal: Principal = { kind: 'user', name: user.username, role: user.role, warehouses: user.warehouses, csrf: session.csrf };
  if (cache.size > 10_000) cache.clear();
  cache.set(token, { principal, until: Math.min(clockNow() + CACHE_MS, session.expiresAt) });
  return principal;
}
