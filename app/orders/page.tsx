import { ViewFreshness } from '@/components/ViewFreshness';
import { redirect } from 'next/navigation';
import { OrderSearch } from '@/components/orders/OrderSearch';
import { PageHeader } from '@/components/ui';
import { requireView } from '@/lib/auth/page';
import { scopeFor } from '@/lib/auth/scope';
import { searchOrders } from '@/lib/queries/searchOrders';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

export default async function OrdersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const p = await requireView('orders');
  const q = ((await searchParams).q ?? '').trim().slice(0, 128);
  const hits = q ? await searchOrders(getRuntime().store.reader, q, scopeFor(p)) : null;
  // One exact hit on the order id: go straight to it.
  if (hits && hits.length === 1 && hits[0].order_id === q) redirect(`/orders/${encodeURIComponent(q)}`);
  return (
    <>
      <PageHeader title="Order lookup" />
      <ViewFreshness />
      <OrderSearch q={q} hits={hits} />
    </>
  );
}
