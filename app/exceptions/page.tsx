import { ExceptionQueue } from '@/components/exceptions/ExceptionQueue';
import { PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { requireView } from '@/lib/auth/page';
import { mayActOnException } from '@/lib/auth/policy';
import { scopeFor } from '@/lib/auth/scope';
import { SUPPORT_CATEGORIES } from '@/lib/events';
import { listExceptions } from '@/lib/queries/listExceptions';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Support's exception queue: open carrier and refund exceptions, oldest first, with their SLA. */
export default async function ExceptionsPage() {
  const p = await requireView('exceptions');
  const rt = getRuntime();
  const open = await listExceptions(
    rt.store.reader,
    { status: 'open', categories: [...SUPPORT_CATEGORIES], scope: scopeFor(p), limit: 2000 },
    rt.config.slaMinutes,
  );
  return (
    <>
      <PageHeader title="Exception queue" />
      <ViewFreshness />
      <ExceptionQueue
        exceptions={open}
        mayAct={open.filter((x) => mayActOnException(p, x.category, x.warehouse_id)).map((x) => x.exception_id)}
      />
    </>
  );
}
