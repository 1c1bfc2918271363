import { readJson, SMALL_BODY_BYTES } from '@/lib/http/body';
import { z } from 'zod';
import { ROLES } from '@/lib/config';
import { guard } from '@/lib/auth/guard';
import { revoke } from '@/lib/auth/revoke';
import { findUser, listUsers, randomPassword, saveUser } from '@/lib/auth/users';
import { auditChange } from '@/lib/admin/audit';
import { apiError, json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const body = z.object({
  username: z.string().regex(/^[a-z0-9._-]{2,64}$/, '2-64 of a-z 0-9 . _ -'),
  role: z.enum(ROLES),
  warehouses: z.array(z.string().min(1).max(64)).max(100).default([]),
  password: z.string().min(12, 'at least 12 characters').max(256).optional(),
  disabled: z.boolean().default(false),
});

/** GET /api/users (admin). */
export async function GET(req: Request) {
  const g = await guard(req, 'users:manage');
  if ('response' in g) return g.response;
  return json({ users: await listUsers(getRuntime().store.reader) });
}

/** POST /api/users (admin): create or replace a user; without a password one is generated and returned once. */
export async function POST(req: Request) {
  const g = await guard(req, 'users:manage');
  if ('response' in g) return g.response;
  const raw = await readJson(req, SMALL_BODY_BYTES);
  if ('response' in raw) return raw.response;
  const b = body.safeParse(raw.value);
  if (!b.success)
    return apiError(400, 'invalid_body', b.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  if (b.data.role === 'warehouse_manager' && b.data.warehouses.length === 0)
    return apiError(400, 'invalid_body', 'a warehouse manager needs at least one warehouse');
  const password = b.data.password ?? randomPassword();
  const rt = getRuntime();
  const existing = await findUser(rt.store.client, b.data.username);
  await saveUser(
    rt.store.client,
    { username: b.data.username, role: b.data.role, warehouses: b.data.warehouses, disabled: b.data.disabled },
    password,
  );
  const user = {
    username: b.data.username,
    role: b.data.role,
    warehouses: b.data.warehouses,
    disabled: b.data.disabled,
  };
  await auditChange(rt.store.client, g.principal, {
    type: existing ? 'user.update' : 'user.create',
    record: b.data.username,
    before: existing
      ? {
          username: existing.username,
          role: existing.role,
          warehouses: existing.warehouses,
          disabled: existing.disabled,
        }
      : null,
    after: user,
  });
  // Role, warehouses or a disable take effect now: open sockets and cached sessions of the user go.
  await revoke(rt, { user: b.data.username });
  return json(
    {
      user,
      ...(b.data.password ? {} : { password }),
    },
    201,
  );
}
