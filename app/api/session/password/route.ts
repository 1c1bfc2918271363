import { z } from 'zod';
import { auditChange } from '@/lib/admin/audit';
import { guard } from '@/lib/auth/guard';
import { checkPassword, updateUser } from '@/lib/auth/users';
import { parseBody } from '@/lib/http/body';
import { apiError, json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const body = z
  .object({ current: z.string().min(1).max(256), next: z.string().min(12, 'at least 12 characters').max(256) })
  .strict();

/** POST /api/session/password: a signed-in user changes their own password (the current one first). Audited. */
export async function POST(req: Request) {
  const g = await guard(req, 'session:password');
  if ('response' in g) return g.response;
  if (g.principal.kind !== 'user')
    return apiError(400, 'not_a_user', 'an API token has no password; sign in as a user');
  const b = await parseBody(req, body);
  if ('response' in b) return b.response;
  const rt = getRuntime();
  const me = g.principal.name;
  if (!(await checkPassword(rt.store.client, me, b.value.current))) {
    await auditChange(rt.store.client, g.principal, {
      type: 'user.change_password',
      record: me,
      before: null,
      after: null,
      result: 'refused',
      error: 'current password wrong',
    });
    return apiError(403, 'wrong_password', 'the current password is not right');
  }
  await updateUser(rt.store.client, me, {}, b.value.next);
  await auditChange(rt.store.client, g.principal, {
    type: 'user.change_password',
    record: me,
    before: null,
    after: null,
  });
  return json({ changed: true });
}
