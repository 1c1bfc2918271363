import { describe, expect, it } from 'vitest';
import type { Principal } from './principal';
import { ALL_WAREHOUSES, scopeFor, sees } from './scope';

const manager: Principal = {
  kind: 'user',
  name: 'walt',
  role: 'warehouse_manager',
  warehouses: ['DC-EAST', 'DC-WEST'],
};
const planner: Principal = { kind: 'user', name: 'petra', role: 'planner', warehouses: [] };

describe('warehouse read scope', () => {
  it('a manager reads their warehouses; a filter narrows it; another warehouse is nothing', () => {
    expect(scopeFor(manager)).toMatchObject({ all: false, warehouses: ['DC-EAST', 'DC-WEST'] });
    expect(scopeFor(manager, 'DC-WEST')).toMatchObject({ all: false, warehouses: ['DC-WEST'] });
    expect(scopeFor(manager, 'DC-EU')).toMatchObject({ all: false, warehouses: [] });
  });

  it('other roles read everything, or the warehouse they filter to', () => {
    expect(scopeFor(planner)).toBe(ALL_WAREHOUSES);
    expect(scopeFor(planner, 'DC-EU')).toMatchObject({ all: false, warehouses: ['DC-EU'] });
  });

  it('a record with no warehouse is outside every narrowed scope', () => {
    expect([
      sees(scopeFor(manager), 'DC-EAST'),
      sees(scopeFor(manager), 'DC-EU'),
      sees(scopeFor(manager), ''),
      sees(scopeFor(manager), null),
    ]).toEqual([true, false, false, false]);
    expect([sees(ALL_WAREHOUSES, null), sees(scopeFor(planner, 'DC-EU'), 'DC-EAST')]).toEqual([true, false]);
  });
});
