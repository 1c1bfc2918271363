import { z } from 'zod';
import { auditChange } from '@/lib/admin/audit';
import { guard } from '@/lib/auth/guard';
import { revoke } from '@/lib/auth/revoke';
import { findUser, randomPassword, updateUser } from '@/lib/auth/users';
import { ROLES } from '@/lib/config';
import { parseBody } from '@/lib/http/body';
import { apiError, json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const body = z
  .object({
    role: z.enum(ROLES).optional(),
    warehouses: z.array(z.string().min(1).max(64)).max(100).optional(),
    disabled: z.boolean().optional(),
    /** A new random password, returned once. */
    reset_password: z.literal(true).optional(),
  })
  .strict();

/**
 * PATCH /api/users/{username} (admin): change role, warehouses or disabled, or reset the password,
 * without touching the rest. Audited; the user's sessions and sockets end at once.
 */
export async function PATCH(req: Request, ctx: { params: Promise<{ username: string }> }) {
  const g = await guard(req, 'users:manage');
  if ('response' in g) return g.response;
  const { username } = await ctx.params;
  const b = await parseBody(req, body);
  if ('response' in b) return b.response;
  const { reset_password, ...change } = b.value;
  if (username === g.principal.name && (change.disabled || (change.role && change.role !== 'admin')))
    return apiError(400, 'invalid_body', 'an admin cannot disable or demote themselves; ask another admin');
  const rt = getRuntime();
  const password = reset_password ? randomPassword() : undefined;
  const existing = await findUser(rt.store.client, username);
  if (!existing) return apiError(404, 'not_found', `no user ${username}`);
  if ((change.role ?? existing.role) === 'warehouse_manager' && (change.warehouses ?? existing.warehouses).length === 0)
    return apiError(400, 'invalid_body', 'a warehouse manager needs at least one warehouse');
  const done = await updateUser(rt.store.client, username, change, password);
  if (!done) return apiError(404, 'not_found', `no user ${username}`);
  await auditChange(
    rt.store.client,
    g.principal,
    ...(Object.keys(change).length > 0 ? [{ type: 'user.update' as const, record: username, ...done }] : []),
    ...(password ? [{ type: 'user.reset_password' as const, record: username, before: null, after: null }] : []),
  );
  await revoke(rt, { user: username });
  return json({ user: done.after, ...(password ? { password } : {}) });
}
