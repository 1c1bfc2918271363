import { z } from 'zod';
import { auditChange } from '@/lib/admin/audit';
import { guard } from '@/lib/auth/guard';
import { now as clockNow } from '@/lib/clock';
import { parseBody } from '@/lib/http/body';
import { json } from '@/lib/http/respond';
import { deliveriesById, saveDeliveries } from '@/lib/notify/outbox';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const body = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(1000) }).strict();

/**
 * POST /api/notifications/deliveries/retry (admin): dead deliveries go back to the outbox, due now
 * with their tries reset (after the endpoint was fixed). Others are left as they are and listed.
 * Audited.
 */
export async function POST(req: Request) {
  const g = await guard(req, 'notifications:manage');
  if ('response' in g) return g.response;
  const b = await parseBody(req, body);
  if ('response' in b) return b.response;
  const rt = getRuntime();
  const now = clockNow();
  const found = await deliveriesById(rt.store.reader, b.value.ids);
  const dead = found.filter((d) => d.status === 'dead');
  await saveDeliveries(
    rt.store.client,
    dead.map((d) => ({ ...d, status: 'pending', attempts: 0, next_at: now, last_error: '' })),
  );
  await auditChange(
    rt.store.client,
    g.principal,
    ...dead.map((d) => ({
      type: 'notify.retry' as const,
      record: d.delivery_id,
      before: { status: 'dead', attempts: d.attempts },
      after: { status: 'pending' },
    })),
  );
  const retried = new Set(dead.map((d) => d.delivery_id));
  return json({ retried: [...retried], skipped: b.value.ids.filter((id) => !retried.has(id)) });
}
