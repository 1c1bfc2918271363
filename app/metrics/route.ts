import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Prometheus exposition of this process's metrics. */
export async function GET() {
  const { registry } = getRuntime().metrics;
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
}
