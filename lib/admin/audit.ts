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
  'notify.configure',
  'notify.retry',
] as const;
export type AdminChange = (typeof ADMIN_CHANGES)[number];

/** An admin change as audited: what, on which record, before and after (never a password). */
export interface Change {
  type: AdminChange;
  record: string;
  before: unknown;
  after: unknown;
  result?: 'done' | 'refused';
  error?: string;
}

/** Every admin change is audited; several changes of one request go in one insert. */
export async function auditChange(store: Store, p: Principal, ...changes: Change[]): Promise<void> {
  await writeAudit(
    store,
    p,
    changes.map((c) => ({
      action_id: `admin:${randomUUID()}`,
      type: c.type,
      record: c.record,
      payload: {},
      result: c.result ?? 'done',
      error: c.error,
      before: c.before,
      after: c.after,
    })),
  );
}
