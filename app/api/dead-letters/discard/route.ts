import { z } from 'zod';
import { discardDeadLetters } from '@/lib/admin/deadLetters';
import { guard } from '@/lib/auth/guard';
import { readJson, SMALL_BODY_BYTES } from '@/lib/http/body';
import { apiError, json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const body = z
  .object({ ids: z.array(z.string().min(1).max(128)).min(1).max(500), note: z.string().min(1).max(500) })
  .strict();

/** POST /api/dead-letters/discard (admin): `{ ids, note }`; kept, marked discarded with who and why. Audited. */
export async function POST(req: Request) {
  const g = await guard(req, 'dead-letters:manage');
  if ('response' in g) return g.response;
  const raw = await readJson(req, SMALL_BODY_BYTES);
  if ('response' in raw) return raw.response;
  const b = body.safeParse(raw.value);
  if (!b.success) return apiError(400, 'invalid_body', 'expected { ids: [dead_letter_id, …], note: "why" }');
  return json(await discardDeadLetters(getRuntime().store.client, g.principal, b.data));
}
