import { getRuntime } from '@/lib/runtime';
import { checkReady } from '@/lib/health';
import { json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

/** Readiness (extension to SPEC section 6): 200 while this process should get traffic, 503 with the reasons when not. */
export async function GET() {
  const ready = checkReady(getRuntime());
  return json(ready, ready.ready ? 200 : 503);
}
