'use client';
import { StatusLine } from '../ui';
import { useState } from 'react';
import type { ExceptionView } from '@/lib/queries/listExceptions';
import type { OrderReturn } from '@/lib/queries/getOrderReturns';
import { useSession } from '../session';
import { ConfirmDialog, type Confirm } from '../ConfirmDialog';
import { ExceptionActButtons } from '../exceptions/ExceptionButtons';
import { useAction } from '../warehouse/useAction';

/** What the signed-in user may do on this order page, decided by the server's policy (refused ones are not shown). */
export interface OrderPermissions {
  /** Expedite and release a hold (warehouse managers of its warehouse, admins). */
  order: boolean;
  /** Approve refunds (support, admins). */
  refund: boolean;
  /** The exceptions the user may assign and, when their category allows, resolve. */
  exceptions: string[];
}

const FINISHED = new Set(['shipped', 'delivered', 'cancelled']);
const button =
  'rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-900 hover:bg-slate-50';

/** The order's own actions, the exception and return rows' actions, and the confirmation they share. */
export function useOrderActions(orderId: string) {
  const { user } = useSession();
  const { act, last } = useAction();
  const [confirm, setConfirm] = useState<Confirm | null>(null);

  const orderButtons = (o: { status: string; held?: boolean; expedited_at?: string | null }, may: OrderPermissions) =>
    !may.order || FINISHED.has(o.status) ? null : (
      <div className="flex flex-wrap gap-2" aria-label="Order actions" role="group">
        {o.expedited_at ? (
          <span className="text-sm text-slate-700">Expedited</span>
        ) : (
          <button
            type="button"
            className={button}
            onClick={() =>
              setConfirm({
                title: `Expedite ${orderId}?`,
                body: 'Raises the order to a faster service level (order.expedited).',
                confirm: 'Expedite',
                field: { label: 'Service level', options: ['express', 'same_day'], initial: 'express' },
                onConfirm: (level) =>
                  act('order.expedite', { order_id: orderId, service_level: level }, `Expedite ${orderId}`),
              })
            }
          >
            Expedite
          </button>
        )}
        {o.held && (
          <button
            type="button"
            className={button}
            onClick={() => act('order.release_hold', { order_id: orderId }, `Release ${orderId}`)}
          >
            Release hold
          </button>
        )}
      </div>
    );

  const exceptionButtons = (x: ExceptionView, may: OrderPermissions) =>
    !may.exceptions.includes(x.exception_id) ? null : (
      <span className="ml-2 inline-flex gap-1">
        <ExceptionActButtons exception={x} assignee={user.name} className={button} confirm={setConfirm} act={act} />
      </span>
    );

  const refundButton = (r: OrderReturn, may: OrderPermissions, suggested: number) =>
    !may.refund || r.refund.status !== 'not_refunded' || r.status === 'rejected' || r.status === 'closed' ? null : (
      <button
        type="button"
        className={`${button} ml-2`}
        onClick={() =>
          setConfirm({
            title: `Approve a refund for ${r.rma_id}?`,
            body: `${r.sku} × ${r.qty ?? '?'}, ${r.status}. The amount to refund, in dollars and cents:`,
            confirm: 'Approve refund',
            field: { label: 'Amount (USD)', required: true, initial: suggested.toFixed(2) },
            onConfirm: (amount) =>
              act('return.approve_refund', { rma_id: r.rma_id, amount: Number(amount) }, `Refund ${r.rma_id}`),
          })
        }
      >
        Approve refund
      </button>
    );

  const dialog = (
    <>
      <ConfirmDialog open={confirm} onClose={() => setConfirm(null)} />
      <StatusLine message={last} />
    </>
  );
  return { orderButtons, exceptionButtons, refundButton, dialog };
}
