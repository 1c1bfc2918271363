import { getRuntime } from '@/lib/runtime';
import { checkHealth } from '@/lib/health';
import { json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export async function GET() {
  const health = await checkHealth(getRuntime());
  return json(health, health.status === 'ok' ? 200 : 503);
}
