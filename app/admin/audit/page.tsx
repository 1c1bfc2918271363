import { AdminNav } from '@/components/admin/AdminNav';
import { AuditLog, type AuditFilter } from '@/components/admin/AuditLog';
import { PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { listAudit } from '@/lib/actions/record';
import { ADMIN_CHANGES } from '@/lib/admin/audit';
import { requireView } from '@/lib/auth/page';
import { ACTION_ROLES } from '@/lib/auth/policy';
import { now as clockNow } from '@/lib/clock';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

const TYPES = [...Object.keys(ACTION_ROLES), ...ADMIN_CHANGES];
const date = (s: string | undefined) => (s && !Number.isNaN(Date.parse(s)) ? new Date(s) : undefined);

/** Admin: the audit log, filtered by user, action, record and time (the filters are the URL). */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requireView('admin');
  const sp = await searchParams;
  const f: AuditFilter = {
    actor: (sp.actor ?? '').slice(0, 64),
    type: TYPES.includes(sp.type ?? '') ? sp.type! : '',
    record: (sp.record ?? '').slice(0, 400),
    from: sp.from ?? '',
    to: sp.to ?? '',
  };
  const entries = await listAudit(getRuntime().store.reader, {
    since: date(f.from) ?? new Date(clockNow() - 30 * 86_400_000),
    until: date(f.to),
    actor: f.actor || undefined,
    type: f.type || undefined,
    record: f.record || undefined,
    limit: 1000,
  });
  return (
    <>
      <PageHeader title="Audit log" />
      <AdminNav />
      <ViewFreshness />
      <AuditLog entries={entries} filter={f} types={TYPES} />
    </>
  );
}
