import { A, EmptyState } from '@/components/ui';

export default function NotFound() {
  return (
    <div className="space-y-3">
      <EmptyState>No such order.</EmptyState>
      <A href="/orders">Search orders</A>
    </div>
  );
}
