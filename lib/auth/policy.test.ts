import { describe, expect, it } from 'vitest';
import type { Principal } from './principal';
import { alertTypesFor } from './policy';

const who = (role: Principal['role'], warehouses: string[] = []): Principal => ({
  kind: 'user',
  name: role,
  role,
  warehouses,
});

describe('alert types a role may subscribe to', () => {
  it('are the ones that can concern it, as the Alerts view shows them', () => {
    expect(alertTypesFor(who('warehouse_manager', ['DC-EAST']))).toEqual([
      'cutoff_risk',
      'exception_sla_breach',
      'inventory_accuracy_drop',
    ]);
    expect(alertTypesFor(who('planner'))).toEqual(['inventory_accuracy_drop', 'return_reason_spike']);
    expect(alertTypesFor(who('support'))).toEqual(['exception_sla_breach', 'carrier_exception']);
    expect(alertTypesFor(who('executive'))).toEqual([]);
    expect(alertTypesFor(who('admin'))).toContain('notification_failed');
  });
});
