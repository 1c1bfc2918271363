'use client';
import { useEffect, useId, useRef } from 'react';

export interface Confirm {
  title: string;
  body: React.ReactNode;
  /** A text field to fill in (an assignee, a note), or a choice of values. */
  field?: { label: string; required?: boolean; options?: string[]; initial?: string; multiline?: boolean };
  confirm: string;
  onConfirm(value: string): void;
}

/** A modal confirmation (native <dialog>: focus trap and Escape come with it). */
export function ConfirmDialog({ open, onClose }: { open: Confirm | null; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      className="rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {open && (
        <form
          method="dialog"
          className="w-[28rem] max-w-full space-y-3 p-5"
          onSubmit={(e) => {
            const value = String(new FormData(e.currentTarget).get('value') ?? '');
            open.onConfirm(value);
          }}
        >
          <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
            {open.title}
          </h2>
          <div className="text-sm text-slate-800">{open.body}</div>
          {open.field && (
            <div>
              <label htmlFor={`${id}-value`} className="text-sm font-medium text-slate-800">
                {open.field.label}
              </label>
              {open.field.options ? (
                <select
                  id={`${id}-value`}
                  name="value"
                  defaultValue={open.field.initial}
                  className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
                >
                  {open.field.options.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              ) : open.field.multiline ? (
                <textarea
                  id={`${id}-value`}
                  name="value"
                  rows={10}
                  required={open.field.required}
                  defaultValue={open.field.initial}
                  className="mt-1 w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
                />
              ) : (
                <input
                  id={`${id}-value`}
                  name="value"
                  required={open.field.required}
                  defaultValue={open.field.initial}
                  className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
                />
              )}
            </div>
          )}
          <div className="flex justify-end gap-2">
            <button
              type="button"
              onClick={() => ref.current?.close()}
              className="rounded border border-slate-300 px-3 py-1.5 text-sm"
            >
              Cancel
            </button>
            <button
              type="submit"
              className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
            >
              {open.confirm}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
