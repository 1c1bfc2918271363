import Link from 'next/link';
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

/** Channel margin's components, in the order of the SPEC formula: one list for the board and its explain page. */
export const MARGIN_COMPONENTS = [
  ['revenue', 'Revenue'],
  ['cogs', 'COGS'],
  ['shipping_cost', 'Shipping'],
  ['fees', 'Fees'],
  ['return_shipping', 'Return shipping'],
  ['refunds', 'Refunds'],
  ['cogs_recovered', 'Recovered COGS'],
  ['margin', 'Margin'],
] as const;
