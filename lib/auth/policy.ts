import { ALERT_TYPES, type AlertType } from '../alerts/types';
import type { ActionType } from '../actions/schemas';
import type { Role, TokenRole } from '../config';
import { SUPPORT_CATEGORIES, type ExceptionCategory } from '../events';
import { inScope, type Principal } from './principal';

const USERS: readonly Role[] = ['executive', 'warehouse_manager', 'planner', 'support', 'admin'];

/**
 * Who may take each operator action (SPEC section 5). A warehouse manager only within their
 * warehouses and support only on its categories: mayActOnException and the scope checks in
 * lib/actions/perform.ts narrow these further.
 */
export const ACTION_ROLES = {
  'alert.acknowledge': ['warehouse_manager', 'planner', 'support', 'admin'],
  'exception.assign': ['warehouse_manager', 'support', 'admin'],
  'exception.resolve': ['warehouse_manager', 'support', 'admin'],
  'order.expedite': ['warehouse_manager', 'admin'],
  'order.reallocate': ['warehouse_manager', 'admin'],
  'order.release_hold': ['warehouse_manager', 'admin'],
  'inventory.approve_adjustment': ['warehouse_manager', 'admin'],
  'return.approve_refund': ['support', 'admin'],
} as const satisfies Record<ActionType, readonly Role[]>;

export function mayTakeAction(p: Principal, type: ActionType): boolean {
  return (ACTION_ROLES[type] as readonly TokenRole[]).includes(p.role);
}

/** Whoever may take any action may call the actions route. */
const ACTORS = [...new Set(Object.values(ACTION_ROLES).flat())] as readonly Role[];

/**
 * Who may call each API route (SPEC sections 1 and 6). The one table every route is checked
 * against, in lib/auth/guard.ts; the access-matrix test walks it.
 */
export const ROUTE_ROLES = {
  'events:post': ['integration', 'admin'],
  'kpis:get': USERS,
  'orders:get': USERS,
  'returns:get': ['executive', 'warehouse_manager', 'planner', 'admin'],
  'exceptions:get': ['executive', 'warehouse_manager', 'support', 'admin'],
  'alerts:get': USERS,
  'actions:post': ACTORS,
  'audit:get': ['admin'],
  'dead-letters:get': ['admin'],
  'dead-letters:manage': ['admin'],
  'notifications:get': ['admin'],
  'notifications:manage': ['admin'],
  'users:manage': ['admin'],
  'simulator:manage': ['admin'],
  'session:get': USERS,
  'session:password': USERS,
  'session:notifications': USERS,
} as const satisfies Record<string, readonly TokenRole[]>;
export type RouteKey = keyof typeof ROUTE_ROLES;

export function mayCall(p: Principal, route: RouteKey): boolean {
  return (ROUTE_ROLES[route] as readonly TokenRole[]).includes(p.role);
}

/** Support owns the categories marked so in lib/events/categories.ts; warehouse managers all of their warehouses'. */

export function mayActOnException(p: Principal, category: ExceptionCategory, warehouse: string | null): boolean {
  if (p.role === 'admin') return true;
  if (p.role === 'support') return SUPPORT_CATEGORIES.has(category);
  if (p.role === 'warehouse_manager') return inScope(p, warehouse);
  return false;
}

export interface AlertTarget {
  type: string;
  warehouse_id: string | null;
  category: string | null;
}

/** Who an alert is for (SPEC section 5), as socket rooms: admins always. */
export function alertRooms(a: AlertTarget): string[] {
  const rooms = ['role:admin'];
  const wm = a.warehouse_id ? [`warehouse_manager:${a.warehouse_id}`] : [];
  switch (a.type) {
    case 'cutoff_risk':
      rooms.push(...wm);
      break;
    case 'exception_sla_breach':
      rooms.push(...wm);
      if (a.category && SUPPORT_CATEGORIES.has(a.category as ExceptionCategory)) rooms.push('role:support');
      break;
    case 'inventory_accuracy_drop':
      rooms.push('role:planner', ...wm);
      break;
    case 'return_reason_spike':
      rooms.push('role:planner');
      break;
    case 'carrier_exception':
      rooms.push('role:support');
      break;
  }
  return rooms;
}

/** Who watches an order or a stock position of `warehouse`: the roles whose views show it, and its managers. */
export function recordRooms(warehouse: string | null | undefined): string[] {
  return ['role:admin', 'role:executive', 'role:support', ...(warehouse ? [`warehouse_manager:${warehouse}`] : [])];
}

/** Who hears an exception change: everyone who may see the record, support only for its categories. */
export function exceptionRooms(x: { category: ExceptionCategory; warehouse_id: string | null }): string[] {
  return [
    'role:admin',
    'role:executive',
    ...(x.warehouse_id ? [`warehouse_manager:${x.warehouse_id}`] : []),
    ...(SUPPORT_CATEGORIES.has(x.category) ? ['role:support'] : []),
  ];
}

/** The rooms a principal's socket joins: its role, and for a warehouse manager each warehouse. */
export function roomsOf(p: Principal): string[] {
  const rooms = [`role:${p.role}`, 'all'];
  if (p.role === 'warehouse_manager') rooms.push(...p.warehouses.map((w) => `warehouse_manager:${w}`));
  return rooms;
}

/** Does this alert concern the principal (see it, be pushed it, acknowledge it)? */
export function concerns(p: Principal, a: AlertTarget): boolean {
  const mine = new Set(roomsOf(p));
  return alertRooms(a).some((r) => mine.has(r));
}

/** The alert types that can concern a principal (any of its warehouses, any exception category): what it may subscribe to. */
export function alertTypesFor(p: Principal): AlertType[] {
  const categories: (string | null)[] = [null, ...SUPPORT_CATEGORIES];
  const warehouses: (string | null)[] = p.warehouses.length ? p.warehouses : [null, '*'];
  return ALERT_TYPES.filter((type) =>
    warehouses.some((w) => categories.some((category) => concerns(p, { type, warehouse_id: w, category }))),
  );
}
