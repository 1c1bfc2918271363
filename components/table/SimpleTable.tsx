/**
 * A short fixed table (an order's lines and returns, stock held): no sorting or paging, numbers in
 * tabular figures. Columns marked `num` align their digits.
 */
export function SimpleTable<T>({
  label,
  rows,
  rowKey,
  columns,
}: {
  label: string;
  rows: T[];
  rowKey(row: T): string;
  columns: { header: string; cell(row: T): React.ReactNode; num?: boolean }[];
}) {
  // Its own horizontal scroll on a narrow screen: the page never scrolls sideways.
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label={label}>
        <thead>
          <tr className="text-left text-slate-700">
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.header} className={c.num ? 'tabular-nums' : undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
