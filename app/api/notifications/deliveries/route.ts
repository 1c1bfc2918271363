import { z } from 'zod';
import { guard } from '@/lib/auth/guard';
import { LIST_QUERY, sinceOr } from '@/lib/http/list';
import { json, parseQuery } from '@/lib/http/respond';
import { redact } from '@/lib/notify/config';
import { loadSettings } from '@/lib/notify/settings';
import { DELIVERY_FILTER_STATUSES, listDeliveries } from '@/lib/queries/listDeliveries';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const query = z.object({
  ...LIST_QUERY,
  status: z.enum(DELIVERY_FILTER_STATUSES).default('all'),
  channel: z.string().max(64).optional(),
  alert: z.string().max(512).optional(),
});

/** GET /api/notifications/deliveries: the channels (secrets never shown) and the delivery log (last 7 days unless `since`). */
export async function GET(req: Request) {
  const g = await guard(req, 'notifications:get');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const q = parseQuery(query, req.url);
  if (!q.ok) return q.response;
  const since = sinceOr(q.value.since, 7);
  // The channels in force: saved in the app, else the environment's.
  const [settings, deliveries] = await Promise.all([
    loadSettings(rt.store.reader, rt.config.notify.settings),
    listDeliveries(rt.store.reader, { ...q.value, since }),
  ]);
  return json({ channels: settings.channels.map(redact), deliveries });
}
