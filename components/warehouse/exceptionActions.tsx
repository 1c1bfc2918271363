'use client';
import type { Dispatch, SetStateAction } from 'react';
import type { ExceptionView } from '@/lib/queries/listExceptions';
import type { Confirm } from '../ConfirmDialog';
import { ExceptionButtons } from '../exceptions/ExceptionButtons';
import type { Column } from '../table/DataTable';
import { actionsColumn } from '../table/cells';
import type { RunAction } from './useAction';

/**
 * The console's exception actions: assign, resolve where an operator may, and approve a count
 * adjustment on a variance; each applied to the list at once and undone if refused.
 */
export function exceptionActionsColumn({
  run,
  userName,
  setConfirm,
  setExceptions,
}: {
  run: RunAction;
  userName: string;
  setConfirm(c: Confirm): void;
  setExceptions: Dispatch<SetStateAction<ExceptionView[]>>;
}): Column<ExceptionView> {
  const setException = (id: string, change: Partial<ExceptionView> | null) =>
    setExceptions((cur) =>
      change === null
        ? cur.filter((x) => x.exception_id !== id)
        : cur.map((x) => (x.exception_id === id ? { ...x, ...change } : x)),
    );
  return actionsColumn((x) => {
    const data = x.data as { sku?: string; location?: string; qty_delta?: number };
    return (
      <div className="flex flex-wrap gap-1">
        <ExceptionButtons
          exception={x}
          assignee={userName}
          className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
          confirm={setConfirm}
          onAssign={(who) =>
            void run(
              'exception.assign',
              { exception_id: x.exception_id, assignee: who },
              {
                describe: `Assign to ${who}`,
                optimistic: () => setException(x.exception_id, { assignee: who }),
                rollback: () => setException(x.exception_id, { assignee: x.assignee }),
              },
            )
          }
          onResolve={(note) =>
            void run(
              'exception.resolve',
              { exception_id: x.exception_id, note },
              {
                describe: 'Resolve',
                optimistic: () => setException(x.exception_id, null),
                rollback: () => setExceptions((cur) => [x, ...cur]),
              },
            )
          }
        />
        {x.category === 'inventory_variance' && data.sku && data.qty_delta ? (
          <button
            type="button"
            className="rounded bg-blue-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-blue-800"
            onClick={() =>
              setConfirm({
                title: 'Approve the count adjustment?',
                body: `${data.sku} at ${data.location}: adjust by ${data.qty_delta} (inventory.adjusted, reason cycle_count).`,
                confirm: 'Approve',
                onConfirm: () =>
                  void run(
                    'inventory.approve_adjustment',
                    { sku: data.sku, location: data.location, qty_delta: data.qty_delta },
                    {
                      describe: `Approve ${data.sku} ${data.qty_delta}`,
                      optimistic: () => setException(x.exception_id, null),
                      rollback: () => setExceptions((cur) => [x, ...cur]),
                    },
                  ),
              })
            }
          >
            Approve adjustment
          </button>
        ) : null}
      </div>
    );
  });
}
