'use client';
import type { Alert } from '@/lib/alerts/types';
import type { RunAction } from '../warehouse/useAction';

/**
 * Acknowledge, wherever an open alert is shown (the Alerts view, the console's risk rows). `shown`
 * sets the status the caller displays: acknowledged at once, open again if the server refuses.
 */
export function AcknowledgeButton(p: {
  alertId: string;
  describe: string;
  run: RunAction;
  shown(status: Alert['status']): void;
}) {
  return (
    <button
      type="button"
      className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
      onClick={() =>
        void p.run(
          'alert.acknowledge',
          { alert_id: p.alertId },
          { describe: p.describe, optimistic: () => p.shown('acknowledged'), rollback: () => p.shown('open') },
        )
      }
    >
      Acknowledge
    </button>
  );
}
