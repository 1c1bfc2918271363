import { z } from 'zod';
import { auditChange } from '@/lib/admin/audit';
import { guard } from '@/lib/auth/guard';
import { now as clockNow } from '@/lib/clock';
import { parseBody } from '@/lib/http/body';
import { json } from '@/lib/http/respond';
import { NotifyConfig } from '@/lib/notify/config';
import { forEditing, loadSettings, saveSettings, withKeptSecrets } from '@/lib/notify/settings';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** GET /api/notifications/settings (admin): channels, routes, escalation and digest in force, secrets shown as "(kept)". */
export async function GET(req: Request) {
  const g = await guard(req, 'notifications:get');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  return json({ settings: forEditing(await loadSettings(rt.store.reader, rt.config.notify.settings)) });
}

/**
 * PUT /api/notifications/settings (admin): replaces the settings; a secret left as "(kept)" keeps
 * its stored value. Checked whole before anything is saved (a route to a missing channel is a 400
 * naming it); audited without secrets; the sender uses them from its next pass.
 */
export async function PUT(req: Request) {
  const g = await guard(req, 'notifications:manage');
  if ('response' in g) return g.response;
  const rt = getRuntime();
  const current = await loadSettings(rt.store.reader, rt.config.notify.settings);
  const b = await parseBody(
    req,
    z.preprocess((v) => withKeptSecrets(v, current), NotifyConfig),
    256 * 1024,
  );
  if ('response' in b) return b.response;
  await saveSettings(rt.store.client, b.value, g.principal.name, clockNow());
  await auditChange(rt.store.client, g.principal, {
    type: 'notify.configure',
    record: 'notifications',
    before: forEditing(current),
    after: forEditing(b.value),
  });
  return json({ settings: forEditing(b.value) });
}
