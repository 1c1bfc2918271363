import { z } from 'zod';
import { guard } from '@/lib/auth/guard';
import { now as clockNow } from '@/lib/clock';
import { json, parseQuery } from '@/lib/http/respond';
import { redact } from '@/lib/notify/config';
import { DELIVERY_FILTER_STATUSES, listDeliveries } from '@/lib/queries/listDeliveries';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const query = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(DELIVERY_FILTER_STATUSES).default('all'),
  channel: z.string().max(64).optional(),
  alert: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** GET /api/notifications/deliveries: the channels (secrets never shown) and the delivery log (last 7 days unless `since`). */
export async function GET(req: Request) {
  const g = await guard(req, 'notifications:get');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const q = parseQuery(query, req.url);
  if (!q.ok) return q.response;
  const since = q.value.since ? new Date(q.value.since) : new Date(clockNow() - 7 * 86_400_000);
  return json({
    channels: rt.config.notify.settings.channels.map(redact),
    deliveries: await listDeliveries(rt.store.reader, { ...q.value, since }),
  });
}
