import type { TokenRole } from '../config';

/** Who is calling: a signed-in user, or a machine client with an API token. */
export interface Principal {
  kind: 'user' | 'token';
  name: string;
  role: TokenRole;
  /** Warehouses a warehouse manager may act on; empty for other roles. */
  warehouses: string[];
  /** Cookie sessions only: the token cookie-authenticated writes must echo (CSRF). */
  csrf?: string;
}

/** May this principal act on something in `warehouse`? Only warehouse managers are scoped. */
export function inScope(p: Principal, warehouse: string | null | undefined): boolean {
  if (p.role !== 'warehouse_manager') return true;
  return !!warehouse && p.warehouses.includes(warehouse);
}
