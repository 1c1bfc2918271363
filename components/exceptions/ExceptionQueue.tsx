'use client';
import { useState } from 'react';
import type { ExceptionView } from '@/lib/queries/listExceptions';
import { ConfirmDialog, type Confirm } from '../ConfirmDialog';
import { useLiveRefresh } from '../live';
import { useSession } from '../session';
import { DataTable, type Column } from '../table/DataTable';
import { actionsColumn } from '../table/cells';
import { StatusLine } from '../ui';
import { useAction } from '../warehouse/useAction';
import { ExceptionActButtons } from './ExceptionButtons';
import { EXCEPTION_COLUMNS } from './columns';

const button = 'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50';

/** Open exceptions, oldest first: age and SLA in human units, the order a click away, assign and resolve in the row. */
export function ExceptionQueue({ exceptions, mayAct }: { exceptions: ExceptionView[]; mayAct: string[] }) {
  const { user } = useSession();
  const { act, last } = useAction();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  useLiveRefresh(['exception:update']);
  const may = new Set(mayAct);
  const columns: Column<ExceptionView>[] = [
    ...EXCEPTION_COLUMNS,
    actionsColumn((x) => {
      if (!may.has(x.exception_id)) return null;
      return (
        <span className="flex flex-wrap gap-1">
          <ExceptionActButtons exception={x} assignee={user.name} className={button} confirm={setConfirm} act={act} />
        </span>
      );
    }),
  ];
  return (
    <div className="space-y-3">
      <ConfirmDialog open={confirm} onClose={() => setConfirm(null)} />
      <StatusLine message={last} />
      <DataTable
        rows={exceptions}
        columns={columns}
        label="Exception queue"
        filename="exception-queue"
        rowKey={(x) => x.exception_id}
        empty="No open carrier or refund exceptions."
      />
    </div>
  );
}
