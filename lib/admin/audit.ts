import { randomUUID } from 'node:crypto';
import { writeAudit } from '../actions/record';
import type { Principal } from '../auth/principal';
import type { Store } from '../store/client';

/** What an admin can change, as audit `type`s: one list, so the audit filter offers exactly these. */
export const ADMIN_CHANGES = [
  'user.create',
  'user.update',
  'user.reset_password',
  'user.change_password',
  'dead_letter.replay',
  'dead_letter.discard',
  'simulator.configure',
] as const;
export type AdminChange = (typeof ADMIN_CHANGES)[number];

/** Every admin change is audited: who, what, on which record, before and after (never a password). */
export async function auditChange(
  store: Store,
  p: Principal,
  c: {
    type: AdminChange;
    record: string;
    before: unknown;
    after: unknown;
    result?: 'done' | 'refused';
    error?: string;
  },
): Promise<void> {
  await writeAudit(store, p, {
    action_id: `admin:${randomUUID()}`,
    type: c.type,
    record: c.record,
    payload: {},
    result: c.result ?? 'done',
    error: c.error,
    before: c.before,
    after: c.after,
  });
}
