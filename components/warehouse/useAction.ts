'use client';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { apiFetch, useSession } from '../session';

/**
 * Sends an operator action with a fresh action_id. `optimistic` is applied at once and `rollback`
 * undoes it if the server refuses; the last outcome is kept for an accessible status message.
 */
export function useAction() {
  const { csrf } = useSession();
  const [last, setLast] = useState<{ text: string; ok: boolean } | null>(null);
  // Stable across renders: the tables' column definitions capture it, and new columns rebuild every row model.
  const run = useCallback(
    async (
      type: string,
      payload: Record<string, unknown>,
      opts: { optimistic?: () => void; rollback?: () => void; describe: string },
    ) => {
      opts.optimistic?.();
      const res = await apiFetch<{ status?: string; message?: string; error?: { message?: string } }>(
        csrf,
        '/api/actions',
        {
          method: 'POST',
          body: JSON.stringify({ action_id: crypto.randomUUID(), type, payload }),
        },
      ).catch(() => ({
        ok: false,
        status: 0,
        body: { message: 'network error' } as { message?: string; status?: string; error?: { message?: string } },
      }));
      if (res.ok && res.body.status === 'done') {
        setLast({ text: `${opts.describe}: done`, ok: true });
        return true;
      }
      opts.rollback?.();
      setLast({
        text: `${opts.describe}: refused — ${res.body.message ?? res.body.error?.message ?? `HTTP ${res.status}`}`,
        ok: false,
      });
      return false;
    },
    [csrf],
  );
  const router = useRouter();
  /** Sends an action and, once done, re-reads the page (views without optimistic state). */
  const act = (type: string, payload: Record<string, unknown>, describe: string) =>
    void run(type, payload, { describe }).then((ok) => ok && router.refresh());
  return { run, act, last };
}

/** `run` of useAction: what a table's action cells are handed. */
export type RunAction = ReturnType<typeof useAction>['run'];
/** `act` of useAction: send, then re-read the page. */
export type Act = ReturnType<typeof useAction>['act'];
