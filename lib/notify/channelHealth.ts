import { alertToApi } from '../alerts/toApi';
import { raise, writeAlerts, nextVersion, type StoredAlert } from '../alerts/write';
import type { Bus } from '../bus/types';
import { TOPICS } from '../events';
import { listAlerts } from '../queries/listAlerts';
import type { StoreHandle } from '../store/client';
import { redact, type Channel } from './config';

/**
 * A system alert for admins while a channel keeps failing (`notification_failed:channel:<id>`):
 * raised when a delivery is dead after its last try, updated as more die, resolved when a
 * notification gets through again. Written and published like the rules' alerts, so the Alerts
 * view, the sockets and the delivery routes (other channels) see it.
 */
export class ChannelHealth {
  private failing = new Map<string, StoredAlert>();

  constructor(
    private readonly store: StoreHandle,
    private readonly bus: Bus,
  ) {}

  /** The channels already failing when this process starts, their alerts acknowledged or not. */
  async load() {
    const unresolved = await Promise.all(
      (['open', 'acknowledged'] as const).map((status) => listAlerts(this.store.reader, { status, limit: 1000 })),
    );
    for (const a of unresolved.flat())
      if (a.type === 'notification_failed')
        this.failing.set(a.entity.id, {
          alert_id: a.alert_id,
          type: a.type,
          severity: a.severity,
          entity: a.entity,
          warehouse_id: '',
          category: '',
          title: a.title,
          detail: a.detail,
          data: a.data,
          created_at: Date.parse(a.created_at),
          updated_at: Date.parse(a.updated_at),
          resolved_at: null,
          resolve_reason: '',
          version: nextVersion(),
        });
  }

  private async publish(kind: 'new' | 'update', a: StoredAlert) {
    await writeAlerts(this.store.client, [a]);
    await this.bus.publish(TOPICS.alerts, [{ key: a.alert_id, value: JSON.stringify({ kind, alert: alertToApi(a) }) }]);
  }

  async failed(ch: Channel, error: string, now: number) {
    const before = this.failing.get(ch.id);
    const failed = Number(before?.data.failed ?? 0) + 1;
    const where = redact(ch).where;
    const desired = {
      type: 'notification_failed' as const,
      severity: 'critical' as const,
      entity: { kind: 'channel', id: ch.id },
      warehouse_id: '',
      category: '',
      title: `Notifications to "${ch.id}" (${ch.kind}) are failing`,
      detail: `${failed} notification${failed === 1 ? '' : 's'} could not be delivered to ${where} after every try. Last error: ${error}`,
      data: { channel_id: ch.id, kind: ch.kind, failed, last_error: error },
    };
    const next: StoredAlert = before
      ? { ...before, ...desired, updated_at: now, version: nextVersion() }
      : raise(desired, now);
    this.failing.set(ch.id, next);
    await this.publish(before ? 'update' : 'new', next);
  }

  async delivered(channelId: string, now: number) {
    const open = this.failing.get(channelId);
    if (!open) return;
    this.failing.delete(channelId);
    await this.publish('update', {
      ...open,
      updated_at: now,
      resolved_at: now,
      resolve_reason: 'a notification got through again',
      version: nextVersion(),
    });
  }
}
