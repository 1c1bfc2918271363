import { AdminNav } from '@/components/admin/AdminNav';
import { UserAdmin } from '@/components/admin/UserAdmin';
import { PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { systemStatus } from '@/lib/admin/system';
import { requireView } from '@/lib/auth/page';
import { listUsers } from '@/lib/auth/users';
import { ROLES } from '@/lib/config';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Admin: users (add, role, warehouses, disable, reset password) and the API tokens by name. */
export default async function UsersPage() {
  const me = await requireView('admin');
  const rt = getRuntime();
  return (
    <>
      <PageHeader title="Users and tokens" />
      <AdminNav />
      <ViewFreshness />
      <UserAdmin
        me={me.name}
        users={await listUsers(rt.store.reader)}
        roles={[...ROLES]}
        warehouses={Object.keys(rt.config.warehouseTimeZones).sort()}
        tokens={systemStatus(rt).tokens}
      />
    </>
  );
}
