import type { TokenRole } from '../config';

/** The five role views (SPEC section 1); navigation shows each user the ones their role allows. */
export const VIEWS = [
  { key: 'board', href: '/', label: 'Executive board', roles: ['executive', 'warehouse_manager', 'planner', 'admin'] },
  { key: 'warehouse', href: '/warehouse', label: 'Warehouse console', roles: ['warehouse_manager', 'admin'] },
  { key: 'returns', href: '/returns', label: 'Returns analysis', roles: ['planner', 'executive', 'admin'] },
  {
    key: 'orders',
    href: '/orders',
    label: 'Order lookup',
    roles: ['support', 'warehouse_manager', 'executive', 'admin'],
  },
  {
    key: 'inventory',
    href: '/inventory',
    label: 'Inventory',
    roles: ['planner', 'warehouse_manager', 'executive', 'admin'],
  },
  {
    key: 'alerts',
    href: '/alerts',
    label: 'Alerts',
    roles: ['executive', 'warehouse_manager', 'planner', 'support', 'admin'],
  },
  // Support's queue: carrier and refund exceptions, with assign and resolve.
  { key: 'exceptions', href: '/exceptions', label: 'Exception queue', roles: ['support', 'admin'] },
  // Users, tokens, audit, dead letters, simulator and system health (app/admin/).
  { key: 'admin', href: '/admin', label: 'Admin', roles: ['admin'] },
] as const satisfies readonly { key: string; href: string; label: string; roles: readonly TokenRole[] }[];
export type ViewKey = (typeof VIEWS)[number]['key'];

export const viewsFor = (role: TokenRole) => VIEWS.filter((v) => (v.roles as readonly TokenRole[]).includes(role));
export const homeOf = (role: TokenRole) => viewsFor(role)[0]?.href ?? '/signin';

/** How a role is named to people. */
export const ROLE_LABELS: Record<TokenRole, string> = {
  executive: 'executive',
  warehouse_manager: 'warehouse manager',
  planner: 'planner',
  support: 'support',
  admin: 'admin',
  integration: 'integration',
};
