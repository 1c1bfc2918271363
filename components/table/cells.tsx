import Link from 'next/link';
import { MARGIN_KEYS, type MarginKey } from '@/lib/margin';
import { fmtMoney } from '../format';
import { linkClass } from '../ui';
import type { Column } from './DataTable';

/** An order id that opens the order. */
export function OrderLink({ id, children }: { id: string; children?: React.ReactNode }) {
  return (
    <Link className={linkClass} href={`/orders/${encodeURIComponent(id)}`}>
      {children ?? id}
    </Link>
  );
}

/** A money column (whole units with the currency sign), exported to CSV as the number. */
export function moneyColumn<T>(key: keyof T & string, header: string): Column<T> {
  return { accessorKey: key, header, cell: (c) => fmtMoney(Number(c.getValue())) };
}

const MARGIN_LABELS: Record<MarginKey, string> = {
  revenue: 'Revenue',
  cogs: 'COGS',
  shipping_cost: 'Shipping',
  fees: 'Fees',
  return_shipping: 'Return shipping',
  refunds: 'Refunds',
  cogs_recovered: 'Recovered COGS',
  margin: 'Margin',
};
/** Channel margin's components with their labels, in the order of the SPEC formula (MARGIN_KEYS). */
export const MARGIN_COMPONENTS = MARGIN_KEYS.map((k) => [k, MARGIN_LABELS[k]] as const);

/** A row's actions: not sortable, left out of CSV exports unless `csv` says what to write. */
export function actionsColumn<T>(cell: (row: T) => React.ReactNode, csv: (row: T) => unknown = () => ''): Column<T> {
  return { id: 'actions', header: 'Actions', enableSorting: false, csv, cell: (c) => cell(c.row.original) };
}
