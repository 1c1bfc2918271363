import { createHash, randomBytes } from 'node:crypto';
import { queryRows, type Store } from '../store/client';
import { chTimeToMs, toChTime } from '../store/time';
import { now as clockNow } from '../clock';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** A session's id: the hash of its token (the store keeps only this; sockets and caches key on it). */
export const sessionId = sha;

export interface Session {
  username: string;
  csrf: string;
  expiresAt: number;
}

/** A new session: the token goes in the cookie; only its hash is stored. */
export async function createSession(
  store: Store,
  username: string,
  ttlMs: number,
): Promise<{ token: string; csrf: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const now = clockNow();
  await store.insert({
    table: 'sessions',
    values: [{ token_hash: sha(token), username, csrf, created_at: toChTime(now), expires_at: toChTime(now + ttlMs) }],
    format: 'JSONEachRow',
  });
  return { token, csrf, expiresAt: now + ttlMs };
}

export async function findSession(store: Store, token: string): Promise<Session | null> {
  const [r] = await queryRows<{ username: string; csrf: string; expires_at: string }>(
    store,
    'SELECT username, csrf, expires_at FROM sessions WHERE token_hash = {h:String}',
    { h: sha(token) },
  );
  if (!r) return null;
  const expiresAt = chTimeToMs(r.expires_at);
  return expiresAt > clockNow() ? { username: r.username, csrf: r.csrf, expiresAt } : null;
}

/** Ends a session: its key is overwritten with an expiry in the past. */
export async function endSession(store: Store, token: string): Promise<void> {
  const past = toChTime(clockNow() - 1000);
  await store.insert({
    table: 'sessions',
    values: [{ token_hash: sha(token), username: '', csrf: '', created_at: past, expires_at: past }],
    format: 'JSONEachRow',
  });
}
