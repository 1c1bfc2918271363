'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { OrderHit } from '@/lib/queries/searchOrders';
import { fmtMoney } from '../format';
import { LocalTime } from '../LocalTime';
import { DataTable, type Column } from '../table/DataTable';
import { EmptyState, linkClass } from '../ui';

export function OrderSearch({ q, hits }: { q: string; hits: OrderHit[] | null }) {
  const router = useRouter();
  const columns: Column<OrderHit>[] = [
    {
      accessorKey: 'order_id',
      header: 'Order',
      cell: (c) => (
        <Link className={linkClass} href={`/orders/${encodeURIComponent(String(c.getValue()))}`}>
          {String(c.getValue())}
        </Link>
      ),
    },
    { accessorKey: 'status', header: 'Status' },
    { accessorKey: 'channel', header: 'Channel' },
    { accessorKey: 'customer_ref', header: 'Customer' },
    { accessorKey: 'warehouse_id', header: 'Warehouse' },
    { accessorKey: 'tracking_id', header: 'Tracking' },
    { accessorKey: 'created_at', header: 'Created', cell: (c) => <LocalTime iso={c.getValue() as string} /> },
    { accessorKey: 'revenue', header: 'Value', cell: (c) => fmtMoney(c.getValue() as number) },
    { accessorKey: 'matched', header: 'Matched on' },
  ];
  return (
    <div className="space-y-4">
      <form
        role="search"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const v = String(new FormData(e.currentTarget).get('q') ?? '').trim();
          router.push(v ? `/orders?q=${encodeURIComponent(v)}` : '/orders');
        }}
      >
        <div className="flex flex-col">
          <label htmlFor="order-q" className="text-sm font-medium text-slate-800">
            Order id, customer ref, tracking id or RMA
          </label>
          <input
            id="order-q"
            name="q"
            defaultValue={q}
            className="w-80 rounded border border-slate-300 px-3 py-2"
            autoFocus
          />
        </div>
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
          Search
        </button>
      </form>
      {hits === null ? null : hits.length === 0 ? (
        <EmptyState>No order matches “{q}”.</EmptyState>
      ) : (
        <DataTable
          label="matching orders"
          filename="orders.csv"
          rows={hits}
          columns={columns}
          rowKey={(h) => h.order_id}
        />
      )}
    </div>
  );
}
