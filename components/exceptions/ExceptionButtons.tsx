'use client';
import { categoryLabel, RESOLVABLE } from '@/lib/events/categories';
import type { ExceptionView } from '@/lib/queries/listExceptions';
import type { Confirm } from '../ConfirmDialog';
import type { Act } from '../warehouse/useAction';

/**
 * Assign and (for categories an operator may close) Resolve, each behind its confirmation: the one
 * pair of exception buttons, wherever an exception is shown (console queue, order page). What the
 * action does after confirming (optimistic update, rollback) stays with the caller.
 */
export function ExceptionButtons(p: {
  exception: Pick<ExceptionView, 'category' | 'detail'>;
  assignee: string;
  className: string;
  confirm(c: Confirm): void;
  onAssign(who: string): void;
  onResolve(note: string): void;
}) {
  const x = p.exception;
  const what = categoryLabel(x.category).toLowerCase();
  return (
    <>
      <button
        type="button"
        className={p.className}
        onClick={() =>
          p.confirm({
            title: `Assign ${what}`,
            body: x.detail,
            confirm: 'Assign',
            field: { label: 'Assignee', required: true, initial: p.assignee },
            onConfirm: p.onAssign,
          })
        }
      >
        Assign
      </button>
      {RESOLVABLE.has(x.category) && (
        <button
          type="button"
          className={p.className}
          onClick={() =>
            p.confirm({
              title: `Resolve ${what}?`,
              body: x.detail,
              confirm: 'Resolve',
              field: { label: 'Note', required: true },
              onConfirm: p.onResolve,
            })
          }
        >
          Resolve
        </button>
      )}
    </>
  );
}

/** The pair for views that re-read the page after an action (support's queue, the order page). */
export function ExceptionActButtons(p: {
  exception: Pick<ExceptionView, 'exception_id' | 'category' | 'detail'>;
  assignee: string;
  className: string;
  confirm(c: Confirm): void;
  act: Act;
}) {
  const id = p.exception.exception_id;
  return (
    <ExceptionButtons
      {...p}
      onAssign={(who) => p.act('exception.assign', { exception_id: id, assignee: who }, `Assign to ${who}`)}
      onResolve={(note) => p.act('exception.resolve', { exception_id: id, note }, 'Resolve')}
    />
  );
}
