'use client';
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { Fragment, useId, useState } from 'react';
import { EmptyState } from '../ui';
import { download, toCsv } from './csv';

export type Column<T> = ColumnDef<T, unknown> & { header: string; csv?: (row: T) => unknown };

/**
 * A table with sorting (click a header), a text filter, pagination and CSV export of what is
 * shown (the filtered, sorted rows). Headers are buttons with aria-sort, so it works by keyboard.
 */
export function DataTable<T>({
  rows,
  columns,
  label,
  filename,
  pageSize = 25,
  initialSort = [],
  rowKey,
  empty,
}: {
  rows: T[];
  columns: Column<T>[];
  label: string;
  filename: string;
  pageSize?: number;
  initialSort?: SortingState;
  rowKey?: (row: T) => string;
  /** Shown instead of the table when there are no rows at all (a filter that matches none keeps the table). */
  empty?: React.ReactNode;
}) {
  const [sorting, setSorting] = useState<SortingState>(initialSort);
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    getRowId: rowKey ? (r) => rowKey(r) : undefined,
    initialState: { pagination: { pageSize } },
  });
  const shown = table.getSortedRowModel().rows;
  const exportCsv = () => {
    const header = columns.map((c) => c.header);
    const data = shown.map((r) =>
      columns.map((c) =>
        c.csv ? c.csv(r.original) : r.getValue(c.id ?? (c as { accessorKey?: string }).accessorKey ?? ''),
      ),
    );
    download(filename, toCsv(header, data));
  };
  const page = table.getState().pagination;
  if (rows.length === 0 && empty !== undefined) return <EmptyState>{empty}</EmptyState>;
  return (
    <div role="group" aria-label={label}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <label htmlFor={filterId} className="text-sm text-slate-700">
            Filter {label}
          </label>
          <input
            id={filterId}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1 text-sm"
          />
        </div>
        <button
          type="button"
          onClick={exportCsv}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 hover:bg-slate-50"
        >
          Export CSV ({shown.length} rows)
        </button>
      </div>
      {/* On a phone each row is a card (field: value), with the same cells and actions. */}
      <ul className="space-y-2 sm:hidden" aria-label={`${label} (cards)`}>
        {table.getRowModel().rows.map((r) => (
          <li key={r.id} className="rounded border border-slate-200 bg-white p-3">
            <dl className="grid grid-cols-[minmax(5rem,38%)_1fr] gap-x-3 gap-y-1 text-sm">
              {r.getVisibleCells().map((c) => (
                <Fragment key={c.id}>
                  <dt className="text-slate-600">{String(c.column.columnDef.header)}</dt>
                  <dd className="min-w-0 break-words tabular-nums">
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </dd>
                </Fragment>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto sm:block">
        <table className="min-w-full text-left text-sm" aria-label={label}>
          <thead className="border-b border-slate-200 text-slate-700">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const dir = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                      className="whitespace-nowrap px-2 py-2 font-medium"
                    >
                      {h.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={h.column.getToggleSortingHandler()}
                          className="inline-flex items-center gap-1 hover:underline"
                        >
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          <span aria-hidden="true">{dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}</span>
                        </button>
                      ) : (
                        flexRender(h.column.columnDef.header, h.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((r) => (
              <tr key={r.id} className="border-b border-slate-100 hover:bg-slate-50">
                {r.getVisibleCells().map((c) => (
                  <td key={c.id} className="px-2 py-1.5 align-top tabular-nums">
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && (
        <p className="p-4 text-center text-sm text-slate-600">No rows{filter ? ' match the filter' : ''}.</p>
      )}
      {table.getPageCount() > 1 && (
        <nav className="mt-2 flex items-center justify-end gap-2 text-sm" aria-label={`${label} pages`}>
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-1 disabled:text-slate-500"
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage()}
          >
            Previous
          </button>
          <span className="text-slate-700">
            Page {page.pageIndex + 1} of {table.getPageCount()}
          </span>
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-1 disabled:text-slate-500"
            onClick={() => table.nextPage()}
            disabled={!table.getCanNextPage()}
          >
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
