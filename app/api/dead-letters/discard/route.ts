import { z } from 'zod';
import { discardDeadLetters } from '@/lib/admin/deadLetters';
import { guard } from '@/lib/auth/guard';
import { parseBody } from '@/lib/http/body';
import { json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const body = z
  .object({ ids: z.array(z.string().min(1).max(128)).min(1).max(500), note: z.string().min(1).max(500) })
  .strict();

/** POST /api/dead-letters/discard (admin): `{ ids, note }`; kept, marked discarded with who and why. Audited. */
export async function POST(req: Request) {
  const g = await guard(req, 'dead-letters:manage');
  if ('response' in g) return g.response;
  const b = await parseBody(req, body);
  if ('response' in b) return b.response;
  return json(await discardDeadLetters(getRuntime().store.client, g.principal, b.value));
}
