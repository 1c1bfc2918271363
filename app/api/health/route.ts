import { getRuntime } from '@/lib/runtime';
import { checkHealth } from '@/lib/health';
import { json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

/**
 * Liveness, answered from memory (lib/health.ts); readiness of store and bus in the body, and at
 * /api/ready. The custom server answers it before Next (lib/http/fastHealth.ts); this route answers
 * the same where Next is reached directly.
 */
export async function GET() {
  return json(checkHealth(getRuntime()), 200);
}
