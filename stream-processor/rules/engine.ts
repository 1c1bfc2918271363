import { alertId, type Alert, type AlertType, type DesiredAlert } from '@/lib/alerts/types';
import { nextVersion, raise, writeAlerts, type StoredAlert } from '@/lib/alerts/write';
import type { Bus } from '@/lib/bus/types';
import type { Config } from '@/lib/config';
import { TOPICS } from '@/lib/events';
import type { Logger } from '@/lib/log';
import { getAccuracyByLocation, getBreachedExceptions, getOpenOrders, getOrderWarehouses, getReasonShares, getRecentPacked, getUnresolvedAlerts } from '@/lib/queries/rules';
import type { Store } from '@/lib/store/client';
import type { AppliedBatch } from '../commit';
import { CutoffLearner, cutoffRisk, type OpenOrder } from './cutoff';
import { accuracyDrop, carrierAlert, reasonSpike, slaBreach } from './others';
import { now as clockNow } from '@/lib/clock';

const REPLAY_QUIET_MS = 10_000;

export interface AlertChange {
  kind: 'new' | 'update';
  alert: Alert;
}

export function toApi(a: StoredAlert): Alert {
  const iso = (t: number) => new Date(t).toISOString();
  return {
    alert_id: a.alert_id, type: a.type, severity: a.severity, entity: a.entity, ...(a.warehouse_id ? { warehouse_id: a.warehouse_id } : {}),
    ...(a.category ? { category: a.category } : {}), title: a.title, detail: a.detail, created_at: iso(a.created_at), updated_at: iso(a.updated_at),
    status: a.resolved_at === null ? 'open' : 'resolved', ...(a.resolved_at !== null ? { resolved_at: iso(a.resolved_at), resolve_reason: a.resolve_reason } : {}), data: a.data, seq: a.version,
  };
}

/**
 * The alert rules of SPEC section 5, run by the stream processor. Entities a batch touched are
 * judged right after its insert; a periodic sweep (one replica, the "leader") judges what time
 * alone changes: orders nearing cutoff, exceptions passing SLA, count accuracy, reason spikes.
 * Alert ids are (type, entity), so two replicas raising the same alert write the same row.
 */
export class RulesEngine {
  readonly learner: CutoffLearner;
  private open = new Map<string, StoredAlert>();
  private reconciling: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private lastSlow = 0;
  private sweeping = false;
  /**
   * When the last batch of history was applied: records marked as replay (a back-fill, an archive
   * import), or old events with more queued behind them (a backlog after an outage). Their state is
   * mid-history, so judging it against the wall clock would raise alerts for orders whose later
   * events are still to come. While replaying, alerts are only resolved; once the stream is current
   * the sweep raises what is really at risk. Old events with nothing behind them (late data) are
   * judged at once: their state is current.
   */
  private replayAt = 0;

  constructor(
    private readonly d: { store: Store; bus: Bus; config: Config; log: Logger; isLeader(): boolean; now?: () => number },
  ) {
    this.learner = new CutoffLearner(d.config.rules, d.config.warehouseTimeZones);
  }

  private now() {
    return this.d.now?.() ?? clockNow();
  }

  async start() {
    for (const a of await getUnresolvedAlerts(this.d.store)) this.open.set(a.alert_id, a);
    const now = this.now();
    for (const p of await getRecentPacked(this.d.store, now - this.d.config.rules.cutoffWindowMs, 5000)) this.learner.learn(p);
    this.timer = setInterval(() => void this.sweep().catch((err) => this.d.log.error({ err }, 'rules sweep failed')), this.d.config.rules.sweepMs);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }

  /** After a batch's insert: judge the entities it touched. */
  async onApplied(applied: AppliedBatch): Promise<AlertChange[]> {
    const now = this.now();
    const { config } = this.d;
    const history = applied.replay === true || (applied.lastEventAt !== null && (applied.backlog ?? 0) > 0 && applied.lastEventAt < now - config.rules.replayMs);
    if (applied.events.length > 0 || history) this.replayAt = history ? now : 0;
    const desired: DesiredAlert[] = [];
    const scope: string[] = [];
    const locations = new Set<string>();
    // Carrier exceptions know their order, not its warehouse: look those up in one read.
    const needWarehouse = applied.entities.flatMap((e) => (e.derived?.exceptions ?? []).filter((x) => !x.warehouse_id && x.order_id).map((x) => x.order_id));
    const warehouses = await getOrderWarehouses(this.d.store, [...new Set(needWarehouse)]);
    const warehouseOf = (orderId: string) => warehouses.get(orderId) ?? '';
    for (const e of applied.entities) {
      const derived = e.derived;
      if (!derived) continue;
      if (e.family === 'orders') {
        for (const f of derived.facts) {
          if (f.table === 'order_fact' && f.fact === 'shipped' && f.packed_at_ms) {
            this.learner.learn({ warehouse_id: f.warehouse_id, packed_at: f.packed_at_ms, created_at: f.created_at_ms ?? 0, allocated_at: f.allocated_at_ms ?? 0, picked_at: f.picked_at_ms ?? 0 });
          }
        }
        scope.push(alertId('cutoff_risk', 'order', e.key));
        const open = derived.states.find((s) => s.kind === 'open_order');
        if (open && !open.deleted) {
          const r = open.row as { order_id: string; warehouse_id: string; stage: OpenOrder['stage']; ship_by: number | null; stage_at: number | null; carrier: string };
          const a = cutoffRisk(r, now, this.learner, config.rules);
          if (a) desired.push(a);
        }
      }
      if (e.family === 'carrier') {
        scope.push(alertId('carrier_exception', 'shipment', e.key));
        const a = carrierAlert(e.key, derived.exceptions.filter((x) => x.closed_at === null), warehouseOf(e.key));
        if (a) desired.push(a);
      }
      if (e.family === 'inventory') locations.add(e.key.slice(e.key.lastIndexOf('@') + 1));
      // Exceptions of the entity: a closed one ends its breach alert at once; an open one past SLA raises it.
      for (const x of derived.exceptions) {
        scope.push(alertId('exception_sla_breach', 'exception', x.exception_id));
        if (x.closed_at === null && x.opened_at <= now) {
          const a = slaBreach({ ...x, warehouse_id: x.warehouse_id || warehouseOf(x.order_id) }, now, config.slaMinutes);
          if (a) desired.push(a);
        }
      }
    }
    for (const location of locations) {
      scope.push(alertId('inventory_accuracy_drop', 'location', location));
      for (const r of await getAccuracyByLocation(this.d.store, config.rules.accuracyAlertCounts, { units: config.counts.toleranceUnits, pct: config.counts.tolerancePct }, location)) {
        const a = accuracyDrop(r.location, r.counts, r.accurate, config.rules);
        if (a) desired.push(a);
      }
    }
    return this.reconcile(desired, (id) => scope.includes(id), now);
  }

  /**
   * What time alone changes, judged over the whole open sets (only on the leader replica). Count
   * accuracy and reason spikes, which move slowly, are judged once a minute (or when `slow`).
   */
  async sweep(opts: { slow?: boolean } = {}): Promise<AlertChange[]> {
    while (this.sweeping) await new Promise((r) => setTimeout(r, 10));
    if (!this.d.isLeader() || this.replaying) return [];
    this.sweeping = true;
    try {
      const now = this.now();
      const { store, config } = this.d;
      const changes: AlertChange[] = [];
      const ordersReadAt = this.now();
      const orders = await getOpenOrders(store);
      const cutoff = orders.map((o) => cutoffRisk(o, now, this.learner, config.rules)).filter((a): a is DesiredAlert => a !== null);
      changes.push(...(await this.reconcile(cutoff, (id) => id.startsWith('cutoff_risk:'), now, ordersReadAt)));
      const exceptionsReadAt = this.now();
      const breached = (await getBreachedExceptions(store, now, config.slaMinutes)).map((x) => slaBreach(x, now, config.slaMinutes)).filter((a): a is DesiredAlert => a !== null);
      changes.push(...(await this.reconcile(breached, (id) => id.startsWith('exception_sla_breach:'), now, exceptionsReadAt)));
      if (opts.slow || now - this.lastSlow >= 60_000) {
        this.lastSlow = now;
        const tol = { units: config.counts.toleranceUnits, pct: config.counts.tolerancePct };
        const drops = (await getAccuracyByLocation(store, config.rules.accuracyAlertCounts, tol)).map((r) => accuracyDrop(r.location, r.counts, r.accurate, config.rules));
        changes.push(...(await this.reconcile(drops.filter((a): a is DesiredAlert => a !== null), (id) => id.startsWith('inventory_accuracy_drop:'), now)));
        const spikes = (await getReasonShares(store, now)).map((s) => reasonSpike(s, config.rules));
        changes.push(...(await this.reconcile(spikes.filter((a): a is DesiredAlert => a !== null), (id) => id.startsWith('return_reason_spike:'), now)));
      }
      return changes;
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * Makes the stored alerts within `inScope` match `desired`: raise what is new, update what
   * changed severity, resolve what is no longer wanted. Writes, then publishes on ops.alerts.
   */
  async reconcile(desired: DesiredAlert[], inScope: (alertId: string) => boolean, now: number, readAt = now): Promise<AlertChange[]> {
    // One at a time: the sweep and a batch judging the same order must not both raise it.
    const run = this.reconciling.then(() => this.reconcileNow(desired, inScope, now, readAt));
    this.reconciling = run.catch(() => undefined);
    return run;
  }

  /**
   * `readAt`: when the data behind `desired` was read. An alert raised or changed after that (by a
   * batch judged meanwhile) is not resolved for being absent from data that predates it.
   */
  private async reconcileNow(desired: DesiredAlert[], inScope: (alertId: string) => boolean, now: number, readAt: number): Promise<AlertChange[]> {
    const want = new Map(desired.map((d) => [alertId(d.type, d.entity.kind, d.entity.id), d]));
    const changed: { stored: StoredAlert; kind: AlertChange['kind'] }[] = [];
    for (const [id, d] of want) {
      const cur = this.open.get(id);
      if (!cur) {
        if (!this.replaying) changed.push({ stored: raise(d, now), kind: 'new' });
      }
      else if (cur.severity !== d.severity || cur.title !== d.title) changed.push({ stored: { ...cur, ...d, updated_at: now, version: nextVersion() }, kind: 'update' });
    }
    for (const [id, cur] of this.open) {
      if (inScope(id) && !want.has(id) && cur.updated_at <= readAt) changed.push({ stored: { ...cur, resolved_at: now, resolve_reason: resolveReason(cur.type), updated_at: now, version: nextVersion() }, kind: 'update' });
    }
    if (changed.length === 0) return [];
    await writeAlerts(this.d.store, changed.map((c) => c.stored));
    for (const { stored } of changed) {
      if (stored.resolved_at === null) this.open.set(stored.alert_id, stored);
      else this.open.delete(stored.alert_id);
    }
    const out = changed.map((c) => ({ kind: c.kind, alert: toApi(c.stored) }));
    await this.d.bus.publish(TOPICS.alerts, out.map((c) => ({ key: c.alert.alert_id, value: JSON.stringify(c) })));
    return out;
  }

  /** A replay counts as over once no history has arrived for a few seconds, even if nothing follows it. */
  private get replaying() {
    return this.replayAt > 0 && this.now() - this.replayAt < REPLAY_QUIET_MS;
  }

  get openCount() {
    return this.open.size;
  }
}

function resolveReason(type: AlertType): string {
  switch (type) {
    case 'cutoff_risk':
      return 'order shipped, cancelled or back on track';
    case 'exception_sla_breach':
      return 'exception closed';
    case 'carrier_exception':
      return 'parcel delivered or exception resolved';
    case 'inventory_accuracy_drop':
      return 'accuracy recovered';
    case 'return_reason_spike':
      return 'share back near its baseline';
  }
}
