import type { Principal } from './principal';

declare const made: unique symbol;

/**
 * The warehouses a request may read: all of them, or exactly these (possibly none). The one place
 * read scope is decided: every query over warehouse data takes a WarehouseScope (through its
 * Window, or directly), and only this module makes one, so a route cannot forget it. SQL applies it
 * through `inWarehouses` with the parameters of `scopeParams`.
 */
export interface WarehouseScope {
  readonly [made]: true;
  readonly all: boolean;
  readonly warehouses: readonly string[];
}

const make = (all: boolean, warehouses: readonly string[]) => ({ all, warehouses }) as WarehouseScope;

/** Every warehouse: for roles that are not scoped, and for the system's own work (rules, pushes). */
export const ALL_WAREHOUSES: WarehouseScope = make(true, []);

/** Only warehouse managers are scoped (SPEC section 1: "for their warehouses"). */
const scoped = (p: Principal) => p.role === 'warehouse_manager';

/**
 * What `p` may read, narrowed by the warehouse it asked for. A manager asking for a warehouse that
 * is not theirs gets the empty scope: an empty list, not an error that would reveal it exists.
 */
export function scopeFor(p: Principal, requested?: string | null): WarehouseScope {
  if (!scoped(p)) return requested ? make(false, [requested]) : ALL_WAREHOUSES;
  if (!requested) return make(false, [...p.warehouses]);
  return make(false, p.warehouses.includes(requested) ? [requested] : []);
}

/** May a record at `warehouse` be read (or acted on) within `scope`? A record with no warehouse is in no narrowed scope. */
export function sees(scope: WarehouseScope, warehouse: string | null | undefined): boolean {
  return scope.all || (!!warehouse && scope.warehouses.includes(warehouse));
}

/** Bound parameters that `inWarehouses` reads. */
export function scopeParams(scope: WarehouseScope) {
  return { all_warehouses: scope.all ? 1 : 0, warehouses: [...scope.warehouses] };
}

/** SQL: is `expr` (a warehouse or location column) within the bound scope? */
export const inWarehouses = (expr: string) => `({all_warehouses:UInt8} = 1 OR ${expr} IN {warehouses:Array(String)})`;
