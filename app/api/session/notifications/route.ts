import { guard } from '@/lib/auth/guard';
import { parseBody } from '@/lib/http/body';
import { apiError, json } from '@/lib/http/respond';
import { getUserPrefs, saveUserPrefs, UserPrefs } from '@/lib/notify/prefs';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** GET /api/session/notifications: the signed-in user's own alerts by email (null until set up). */
export async function GET(req: Request) {
  const g = await guard(req, 'session:notifications');
  if ('response' in g) return g.response;
  if (g.principal.kind !== 'user') return apiError(400, 'not_a_user', 'an API token has no mailbox; sign in as a user');
  return json({ notifications: await getUserPrefs(getRuntime().store.reader, g.principal.name) });
}

/**
 * PUT /api/session/notifications: which alerts reach the user by email, at what address, and their
 * quiet hours. Only alerts that concern the user (role, warehouses) ever go, whatever they choose.
 */
export async function PUT(req: Request) {
  const g = await guard(req, 'session:notifications');
  if ('response' in g) return g.response;
  if (g.principal.kind !== 'user') return apiError(400, 'not_a_user', 'an API token has no mailbox; sign in as a user');
  const b = await parseBody(req, UserPrefs);
  if ('response' in b) return b.response;
  await saveUserPrefs(getRuntime().store.client, g.principal.name, b.value);
  return json({ notifications: b.value });
}
