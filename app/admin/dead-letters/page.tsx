import { AdminNav } from '@/components/admin/AdminNav';
import { DeadLetters } from '@/components/admin/DeadLetters';
import { PageHeader } from '@/components/ui';
import { ViewFreshness } from '@/components/ViewFreshness';
import { requireView } from '@/lib/auth/page';
import { now as clockNow } from '@/lib/clock';
import { DEAD_LETTER_STATUSES, listDeadLetters } from '@/lib/queries/listDeadLetters';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

type Status = (typeof DEAD_LETTER_STATUSES)[number];

/** Admin: dead letters of the last 30 days (reason, raw payload, source); replay or discard them. */
export default async function DeadLettersPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  await requireView('admin');
  const asked = (await searchParams).status;
  const status: Status = DEAD_LETTER_STATUSES.includes(asked as Status) ? (asked as Status) : 'open';
  const rows = await listDeadLetters(getRuntime().store.reader, {
    since: new Date(clockNow() - 30 * 86_400_000),
    status,
    limit: 1000,
  });
  return (
    <>
      <PageHeader title="Dead letters" />
      <AdminNav />
      <ViewFreshness />
      <DeadLetters rows={rows} status={status} statuses={[...DEAD_LETTER_STATUSES]} />
    </>
  );
}
