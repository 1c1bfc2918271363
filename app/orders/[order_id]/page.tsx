import { ViewFreshness } from '@/components/ViewFreshness';
import { notFound } from 'next/navigation';
import { OrderDetail } from '@/components/orders/OrderDetail';
import { A, PageHeader } from '@/components/ui';
import { requireView } from '@/lib/auth/page';
import { scopeFor } from '@/lib/auth/scope';
import { concerns, mayActOnException, mayTakeAction } from '@/lib/auth/policy';
import { inScope } from '@/lib/auth/principal';
import { getOrderDetail } from '@/lib/orders';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

export default async function OrderPage({ params }: { params: Promise<{ order_id: string }> }) {
  const p = await requireView('orders');
  const rt = getRuntime();
  const id = decodeURIComponent((await params).order_id).slice(0, 128);
  const detail = await getOrderDetail(rt.store.reader, id, rt.config.slaMinutes, scopeFor(p));
  if (!detail) notFound();
  const { timeline, returns, exceptions, alerts: all, ...order } = detail;
  const alerts = all.filter((a) =>
    concerns(p, { type: a.type, warehouse_id: a.warehouse_id ?? null, category: a.category ?? null }),
  );
  // The actions this user may take here; the server checks each again when it is sent.
  const may = {
    order: mayTakeAction(p, 'order.expedite') && 'warehouse_id' in order && inScope(p, order.warehouse_id),
    refund: mayTakeAction(p, 'return.approve_refund'),
    exceptions: exceptions
      .filter((x) => mayTakeAction(p, 'exception.assign') && mayActOnException(p, x.category, x.warehouse_id))
      .map((x) => x.exception_id),
  };
  return (
    <>
      <PageHeader title={`Order ${id}`}>
        <A href="/orders">Back to search</A>
      </PageHeader>
      <ViewFreshness />
      <OrderDetail
        order={order}
        timeline={timeline}
        returns={returns}
        exceptions={exceptions}
        alerts={alerts}
        may={may}
      />
    </>
  );
}
