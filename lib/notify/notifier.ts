import type { AlertChange } from '../bus/messages';
import type { Bus, Subscription } from '../bus/types';
import { TOPICS } from '../events';
import type { Logger } from '../log';
import { listAlerts } from '../queries/listAlerts';
import type { StoreHandle } from '../store/client';
import { isRuleAlertType, type Alert } from '../alerts/types';
import { ChannelHealth } from './channelHealth';
import type { Channel, NotifyConfig } from './config';
import { Audience } from './audience';
import { deliveriesOf, dueDeliveries, escalatingAlerts, newDelivery, saveDeliveries, type Delivery } from './outbox';
import { alertLink, type Notice } from './render';
import { quietAllows, routeAlert } from './route';
import { digestDay, escalationDue, grewPastStep, retryDelayMs } from './schedule';
import { digestNotice } from './digest';
import type { KpiOptions } from '../kpis';
import { sendNotice, type SendDeps } from './send';

export interface NotifierOptions {
  /** Told when deliveries due now were queued: the caller may run a pass at once instead of at its next tick. */
  queued?(): void;
  /** Read the settings an admin saved (notify_settings) on each pass, falling back to `config`. */
  stored?: boolean;
  /** What the digest's board figures are computed with (the board's own settings). */
  kpi: KpiOptions;
  /** Counts outcomes (Prometheus ops_notifications_total), when the process has metrics. */
  count?(outcome: 'sent' | 'retried' | 'failed' | 'escalated' | 'suppressed', channelKind: string): void;
  config: NotifyConfig;
  /** The app's public address, for links in messages (OPS_PUBLIC_URL). */
  publicUrl: string;
  send: SendDeps;
  retry: { baseMs: number; capMs: number; maxAttempts: number };
  now(): number;
}

/** How many records a grouped alert lists (1 for an alert about one record). */
const membersOf = (a: Alert) => (Array.isArray(a.data.members) ? a.data.members.length : 1);

/** Deliveries sent at once per pass: a storm does not open hundreds of connections. */
const PARALLEL = 4;
/** How far back an escalation pass looks for ladders still climbing. */
const LADDER_HORIZON_MS = 24 * 3_600_000;

/**
 * Takes alerts where people are (docs/alerts.md, "Delivery"). New alerts from ops.alerts (one
 * consumer group for the whole deployment, so each is routed once) become deliveries in the outbox;
 * each pass sends what is due, retries with capped backoff, dead-letters after the last try, and
 * climbs or stops escalation ladders. Sending never happens on consume: a slow endpoint cannot hold
 * up the rules that publish alerts.
 */
export class Notifier {
  private sub: Subscription | null = null;
  private audience: Audience;
  private health: ChannelHealth;
  private readonly queuedDigests = new Set<string>();

  constructor(
    private readonly store: StoreHandle,
    private readonly bus: Bus,
    private readonly log: Logger,
    private readonly o: NotifierOptions,
  ) {
    this.audience = new Audience(o.config, []);
    this.health = new ChannelHealth(store, bus);
  }

  /** Settings and subscribers as of now (see Audience.load). */
  async refresh() {
    this.audience = await Audience.load(this.store.reader, this.o.config, this.o.stored ?? false);
  }

  private get cfg(): NotifyConfig {
    return this.audience.cfg;
  }
  private targets(a: Alert) {
    return this.audience.targets(a);
  }
  private channelOf(id: string) {
    return this.audience.channelOf(id);
  }

  async start() {
    await this.refresh();
    await this.health.load();
    this.sub = await this.bus.subscribe({
      groupId: 'ops-pulse-notifier',
      topics: [TOPICS.alerts],
      fromBeginning: false,
      maxWaitMs: 0,
      onBatch: async (b) => {
        const changes: AlertChange[] = [];
        for (const m of b.messages) {
          try {
            changes.push(JSON.parse(m.value.toString()) as AlertChange);
          } catch {
            this.log.warn({ offset: m.offset }, 'notifier: unreadable alert change skipped');
          }
        }
        await this.onChanges(changes);
        for (const m of b.messages) b.resolveOffset(m.offset);
      },
    });
  }

  async stop() {
    await this.sub?.stop();
    this.sub = null;
  }

  private delivery(alert: Alert, ch: Channel, reason: Delivery['reason'], level: number, escalation?: string) {
    const now = this.o.now();
    const notice: Notice = { kind: 'alert', alert, link: alertLink(this.o.publicUrl, alert.alert_id), escalation };
    const quiet = !quietAllows(ch.quietHours, alert.severity, now);
    return newDelivery(ch, { alert_id: alert.alert_id, reason, level, notice }, now, quiet ? 'quiet hours' : null);
  }

  /**
   * New alerts: one delivery per routed channel, and the first rung of the ladder for a critical one.
   * An updated alert is announced to a routed channel that was not told yet (it became critical, say)
   * and again when a group grew past a step since it was last announced; one that became critical
   * starts its ladder.
   */
  async onChanges(changes: AlertChange[]) {
    const out: Delivery[] = [];
    const ladder = this.cfg.escalation;
    const now = this.o.now();
    // One change per alert (its newest state), still 'new' if it was raised in this batch.
    const latest = new Map<string, AlertChange>();
    for (const c of changes) {
      if (!c.alert) continue;
      const before = latest.get(c.alert.alert_id);
      latest.set(c.alert.alert_id, { kind: before?.kind === 'new' ? 'new' : c.kind, alert: c.alert });
    }
    // Only updates that could lead somewhere (a route or the ladder) are looked up.
    const updated = [...latest.values()]
      .filter((c) => c.kind === 'update' && c.alert!.status !== 'resolved')
      .map((c) => c.alert!)
      .filter((a) => ladder || this.targets(a).length > 0);
    const told =
      updated.length > 0
        ? await deliveriesOf(
            this.store.reader,
            updated.map((a) => a.alert_id),
          )
        : [];
    for (const c of latest.values()) {
      const a = c.alert!;
      const mine = told.filter((d) => d.alert_id === a.alert_id);
      for (const id of c.kind === 'new' || a.status !== 'resolved' ? this.targets(a) : []) {
        const ch = this.channelOf(id);
        // A failing channel's own alert goes to the others only.
        if (!ch || (a.type === 'notification_failed' && a.data.channel_id === id)) continue;
        const before = mine.filter((d) => d.channel_id === id && (d.reason === 'alert' || d.reason === 'growth'));
        if (c.kind === 'new' || before.length === 0) out.push(this.delivery(a, ch, 'alert', -1));
        else {
          const last = Math.max(...before.map((d) => (d.notice.kind === 'alert' ? membersOf(d.notice.alert) : 0)));
          if (grewPastStep(last, membersOf(a))) out.push(this.delivery(a, ch, 'growth', -1));
        }
      }
      // A ladder climbs for the critical alerts the routes send somewhere: those are someone's to act on.
      const climbing = mine.some((d) => d.reason === 'escalation');
      const routed = routeAlert(this.cfg, a).immediate.length > 0;
      if (ladder && routed && !climbing && isRuleAlertType(a.type) && escalationDue(ladder, a, now) !== null)
        out.push(...this.level(a, 0));
    }
    await this.queue(out);
  }

  private level(a: Alert, level: number): Delivery[] {
    const rung = this.cfg.escalation!.levels[level];
    return rung.channels.flatMap((id) => {
      const ch = this.channelOf(id);
      return ch ? [this.delivery(a, ch, 'escalation', level, rung.name)] : [];
    });
  }

  private async queue(ds: Delivery[]) {
    await saveDeliveries(this.store.client, ds);
    for (const d of ds) if (d.reason === 'digest') this.queuedDigests.add(d.alert_id);
    if (ds.some((d) => d.status === 'pending')) this.o.queued?.();
    for (const d of ds) {
      if (d.status === 'suppressed') this.o.count?.('suppressed', d.channel_kind);
      else if (d.reason === 'escalation' && d.status === 'pending') this.o.count?.('escalated', d.channel_kind);
    }
  }

  /** One pass: climb or stop ladders, queue the day's digest once it is due, then send what is due. */
  async pass() {
    await this.refresh();
    await this.escalate();
    await this.digest();
    await this.userDigests();
    await this.sendDue();
  }

  /**
   * Which of these digests (by delivery key) were not queued yet. Once a day's digest is known to be
   * queued it is remembered, so the passes after its hour do not ask the store again all day.
   */
  private async unsent(ids: string[]): Promise<Set<string>> {
    const ask = ids.filter((id) => !this.queuedDigests.has(id));
    if (ask.length === 0) return new Set();
    for (const d of await deliveriesOf(this.store.reader, ask)) this.queuedDigests.add(d.alert_id);
    return new Set(ask.filter((id) => !this.queuedDigests.has(id)));
  }

  private async digest() {
    const d = this.cfg.digest;
    const now = this.o.now();
    const day = d && digestDay(d, now);
    if (!d || !day) return;
    const id = `digest:${day}`;
    if (!(await this.unsent([id])).has(id)) return;
    const notice = await digestNotice(this.store.reader, this.cfg, d, day, now, this.o.kpi, this.o.publicUrl);
    const out = d.channels.flatMap((cid) => {
      const ch = this.channelOf(cid);
      return ch ? [newDelivery(ch, { alert_id: id, reason: 'digest', level: -1, notice }, now)] : [];
    });
    await this.queue(out);
  }

  /** Users who take their alerts once a day get the last 24 h of theirs, from their own hour on. */
  private async userDigests() {
    const now = this.o.now();
    const due = this.audience.digestReaders().flatMap((r) => {
      const day = digestDay({ at: r.prefs.digestAt, timeZone: r.prefs.timeZone }, now);
      return day ? [{ ...r, day, id: `digest:${day}:${r.channelId}` }] : [];
    });
    if (due.length === 0) return;
    const unsent = await this.unsent(due.map((r) => r.id));
    const todo = due.filter((r) => unsent.has(r.id));
    if (todo.length === 0) return;
    const since = now - 24 * 3_600_000;
    const recent = (await listAlerts(this.store.reader, { since: since * 1000, limit: 5000 })).filter(
      (a) => Date.parse(a.created_at) >= since,
    );
    const out = todo.flatMap((r) => {
      const ch = this.channelOf(r.channelId);
      const alerts = recent
        .filter((a) => this.audience.wants(r, a))
        .map((a) => ({ title: a.title, severity: a.severity, created_at: a.created_at, status: a.status }));
      const notice: Notice = {
        kind: 'alerts',
        day: r.day,
        timeZone: r.prefs.timeZone,
        alerts,
        link: `${this.o.publicUrl.replace(/\/$/, '')}/alerts`,
      };
      return ch ? [newDelivery(ch, { alert_id: r.id, reason: 'digest', level: -1, notice }, now)] : [];
    });
    await this.queue(out);
  }

  private async escalate() {
    const ladder = this.cfg.escalation;
    if (!ladder) return;
    const now = this.o.now();
    const ids = await escalatingAlerts(this.store.reader, now - LADDER_HORIZON_MS);
    if (ids.length === 0) return;
    const [alerts, told] = await Promise.all([
      listAlerts(this.store.reader, { ids, limit: ids.length }),
      deliveriesOf(this.store.reader, ids),
    ]);
    const out: Delivery[] = [];
    for (const a of alerts) {
      const mine = told.filter((d) => d.alert_id === a.alert_id && d.reason === 'escalation');
      const due = escalationDue(ladder, a, now);
      if (due === null) {
        // Acknowledged, resolved or no longer critical: the ladder stops, and what waits is not sent.
        for (const d of mine)
          if (d.status === 'pending')
            out.push({ ...d, status: 'cancelled', last_error: `stopped: the alert is ${a.status}` });
        continue;
      }
      const top = Math.max(-1, ...mine.map((d) => d.level));
      for (let level = top + 1; level <= due; level++) out.push(...this.level(a, level));
    }
    await this.queue(out);
  }

  private async sendDue() {
    const due = await dueDeliveries(this.store.reader, this.o.now());
    for (let i = 0; i < due.length; i += PARALLEL)
      await Promise.all(due.slice(i, i + PARALLEL).map((d) => this.attempt(d)));
  }

  private async attempt(d: Delivery) {
    const ch = this.channelOf(d.channel_id);
    const now = this.o.now();
    const r = ch
      ? await sendNotice(ch, d.notice, d.delivery_id, now, this.o.send)
      : { ok: false as const, retry: false, error: `channel "${d.channel_id}" no longer exists` };
    const attempts = d.attempts + 1;
    const next: Delivery = r.ok
      ? { ...d, attempts, status: 'sent', sent_at: this.o.now(), last_error: '' }
      : r.retry && attempts < this.o.retry.maxAttempts
        ? {
            ...d,
            attempts,
            last_error: r.error,
            next_at: now + retryDelayMs(attempts, this.o.retry.baseMs, this.o.retry.capMs),
          }
        : { ...d, attempts, status: 'dead', last_error: r.error };
    if (!r.ok)
      this.log.warn(
        { delivery: d.delivery_id, channel: d.channel_id, attempts, error: r.error },
        'notification failed',
      );
    await saveDeliveries(this.store.client, [next]);
    if (next.status === 'sent') await this.health.delivered(d.channel_id, this.o.now());
    else if (next.status === 'dead' && ch) await this.health.failed(ch, next.last_error, this.o.now());
    this.o.count?.(next.status === 'sent' ? 'sent' : next.status === 'dead' ? 'failed' : 'retried', d.channel_kind);
  }
}
