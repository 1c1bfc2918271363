'use client';
import { useRouter } from 'next/navigation';
import type { Alert } from '@/lib/alerts/types';
import { LocalTime } from '../LocalTime';
import { Badge, Card, StatusLine } from '../ui';
import { useAction } from '../warehouse/useAction';
import { AcknowledgeButton } from './AcknowledgeButton';

/**
 * The alert a notification linked to (`/alerts?alert=<id>`), on top of the list with its actions,
 * whatever its state now: the reader of an old mail learns it was acknowledged or cleared.
 */
export function LinkedAlert({ alert, mayAcknowledge }: { alert: Alert | null; mayAcknowledge: boolean }) {
  const { run, last } = useAction();
  const router = useRouter();
  if (!alert)
    return (
      <Card title="Linked alert">
        <p className="text-sm">This alert does not exist, or it is not one you may see.</p>
      </Card>
    );
  return (
    <Card title="Linked alert">
      <section aria-label="Linked alert" className="space-y-2 text-sm">
        <p className="font-medium">
          <Badge tone={alert.severity === 'critical' ? 'critical' : alert.severity === 'warning' ? 'warning' : 'info'}>
            {alert.severity}
          </Badge>{' '}
          {alert.title}
        </p>
        <p>{alert.detail}</p>
        <p className="text-slate-700">
          Raised <LocalTime iso={alert.created_at} /> ·{' '}
          {alert.status === 'acknowledged'
            ? `acknowledged by ${alert.acknowledged_by ?? 'someone'}`
            : alert.status === 'resolved'
              ? `cleared: ${alert.resolve_reason ?? 'the condition no longer holds'}`
              : 'open'}
        </p>
        {alert.status === 'open' && mayAcknowledge && (
          <AcknowledgeButton
            alertId={alert.alert_id}
            describe={`Acknowledge “${alert.title}”`}
            run={run}
            shown={(status) => status === 'acknowledged' && router.refresh()}
          />
        )}
        <StatusLine message={last} />
      </section>
    </Card>
  );
}
