import { ChangePassword } from '@/components/ChangePassword';
import { TimeZoneSetting } from '@/components/TimeZoneSetting';
import { Card, PageHeader } from '@/components/ui';
import { requireUser } from '@/lib/auth/page';
import { hasPassword } from '@/lib/auth/users';
import { ROLE_LABELS } from '@/lib/auth/views';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Your account: who you are signed in as, and changing your own password. */
export default async function AccountPage() {
  const p = await requireUser();
  const local = p.kind === 'user' && (await hasPassword(getRuntime().store.reader, p.name));
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
