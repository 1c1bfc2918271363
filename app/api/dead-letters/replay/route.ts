import { z } from 'zod';
import { replayDeadLetters } from '@/lib/admin/deadLetters';
import { guard } from '@/lib/auth/guard';
import { readJson, SMALL_BODY_BYTES } from '@/lib/http/body';
import { apiError, json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const body = z.union([
  z.object({ ids: z.array(z.string().min(1).max(128)).min(1).max(500) }).strict(),
  z.object({ id: z.string().min(1).max(128), corrected: z.string().min(1).max(1_000_000) }).strict(),
]);

/**
 * POST /api/dead-letters/replay (admin): `{ ids }` replays dead letters as they arrived (after a
 * fix); `{ id, corrected }` replays one as the admin corrected it. Each answers replayed,
 * still_invalid (with today's reason), already_done or not_found.
 */
export async function POST(req: Request) {
  const g = await guard(req, 'dead-letters:manage');
  if ('response' in g) return g.response;
  const raw = await readJson(req, SMALL_BODY_BYTES * 16);
  if ('response' in raw) return raw.response;
  const b = body.safeParse(raw.value);
  if (!b.success)
    return apiError(400, 'invalid_body', 'expected { ids: [dead_letter_id, …] } or { id, corrected: "<event JSON>" }');
  const req2 = 'ids' in b.data ? { ids: b.data.ids } : { ids: [b.data.id], corrected: b.data.corrected };
  return json({ results: await replayDeadLetters(getRuntime(), g.principal, req2) });
}
