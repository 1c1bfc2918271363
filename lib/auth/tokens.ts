import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config';
import type { Principal } from './principal';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * A bearer token from OPS_API_TOKENS. Compared as SHA-256 digests with timingSafeEqual, so the
 * time taken says nothing about how much of a token matched, and every configured token is tried.
 */
export function tokenPrincipal(config: Pick<Config, 'apiTokens'>, presented: string): Principal | null {
  const got = digest(presented);
  let found: Principal | null = null;
  for (const t of config.apiTokens) {
    if (timingSafeEqual(got, digest(t.token)) && !found)
      found = { kind: 'token', name: t.name, role: t.role, warehouses: t.warehouses };
  }
  return found;
}
