import type { TokenRole } from '../config';
import { scopeFor, sees } from './scope';

/** Who is calling: a signed-in user, or a machine client with an API token. */
export interface Principal {
  kind: 'user' | 'token';
  name: string;
  role: TokenRole;
  /** Warehouses a warehouse manager may act on; empty for other roles. */
  warehouses: string[];
  /** Cookie sessions only: the token cookie-authenticated writes must echo (CSRF). */
  csrf?: string;
  /** Cookie sessions only: which session, and when it ends (sockets are closed then). */
  session?: { id: string; expiresAt: number };
}

/** May this principal read or act on something in `warehouse`? The scope module decides (only warehouse managers are scoped). */
export function inScope(p: Principal, warehouse: string | null | undefined): boolean {
  return sees(scopeFor(p), warehouse);
}
