import { AdminNav } from '@/components/admin/AdminNav';
import { Notifications } from '@/components/admin/Notifications';
import { PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { requireView } from '@/lib/auth/page';
import { now as clockNow } from '@/lib/clock';
import { redact } from '@/lib/notify/config';
import { forEditing, loadSettings } from '@/lib/notify/settings';
import { NotifySettingsEditor } from '@/components/admin/NotifySettingsEditor';
import { listDeliveries } from '@/lib/queries/listDeliveries';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Admin: where alerts are delivered (channels without secrets, routes, escalation) and how each delivery went. */
export default async function NotificationsPage() {
  await requireView('admin');
  const rt = getRuntime();
  const [settings, deliveries] = await Promise.all([
    loadSettings(rt.store.reader, rt.config.notify.settings),
    listDeliveries(rt.store.reader, { since: new Date(clockNow() - 7 * 86_400_000), status: 'all', limit: 1000 }),
  ]);
  return (
    <>
      <PageHeader title="Notifications" />
      <AdminNav />
      <ViewFreshness />
      <Notifications
        channels={settings.channels.map(redact)}
        routes={settings.routes}
        escalation={settings.escalation}
        deliveries={deliveries}
      />
      <div className="mt-4">
        <NotifySettingsEditor settings={forEditing(settings)} />
      </div>
    </>
  );
}
