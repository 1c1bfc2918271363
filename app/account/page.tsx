import { ChangePassword } from '@/components/ChangePassword';
import { TimeZoneSetting } from '@/components/TimeZoneSetting';
import { AlertsByEmail } from '@/components/AlertsByEmail';
import { alertTypesFor } from '@/lib/auth/policy';
import { getUserPrefs } from '@/lib/notify/prefs';
import { Card, PageHeader } from '@/components/ui';
import { requireUser } from '@/lib/auth/page';
import { hasPassword } from '@/lib/auth/users';
import { ROLE_LABELS } from '@/lib/auth/views';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Your account: who you are signed in as, your time zone, your alerts by email, and your own password. */
export default async function AccountPage() {
  const p = await requireUser();
  const reader = getRuntime().store.reader;
  const [local, prefs] = await Promise.all([
    p.kind === 'user' && hasPassword(reader, p.name),
    p.kind === 'user' ? getUserPrefs(reader, p.name) : null,
  ]);
  return (
    <>
      <PageHeader title="Your account" />
      <div className="grid max-w-xl gap-4">
        <Card title={p.name}>
          <p className="text-sm">
            {ROLE_LABELS[p.role]}
            {p.warehouses.length ? ` for ${p.warehouses.join(', ')}` : ''}
          </p>
        </Card>
        <TimeZoneSetting />
        <AlertsByEmail prefs={prefs} types={alertTypesFor(p)} />
        {local ? (
          <ChangePassword />
        ) : (
          <Card title="Password">
            <p className="text-sm">
              You sign in through single sign-on; your password is kept by your identity provider.
            </p>
          </Card>
        )}
      </div>
    </>
  );
}
