import { guard } from '@/lib/auth/guard';
import { performAction } from '@/lib/actions/perform';
import { readJson, SMALL_BODY_BYTES } from '@/lib/http/body';
import { json } from '@/lib/http/respond';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** POST /api/actions: one operator action (SPEC section 5); the answer is its result. */
export async function POST(req: Request) {
  const g = await guard(req, 'actions:post');
  if ('response' in g) return g.response;
  const body = await readJson(req, SMALL_BODY_BYTES);
  if ('response' in body) return body.response;
  const result = await performAction(getRuntime(), g.principal, body.value);
  if (result.status !== 'done')
    return json(
      {
        ...result,
        error: { code: result.status === 'failed' ? 'action_failed' : 'action_refused', message: result.message },
      },
      result.code,
    );
  return json(result);
}
