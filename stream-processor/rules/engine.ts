import type { RuleAlertType, Judgement } from '@/lib/alerts/types';
import { alertToApi } from '@/lib/alerts/toApi';
import { writeAlerts } from '@/lib/alerts/write';
import type { AlertChange as BusAlertChange } from '@/lib/bus/messages';
import type { Bus } from '@/lib/bus/types';
import { now as clockNow } from '@/lib/clock';
import type { Config } from '@/lib/config';
import { TOPICS, type Family } from '@/lib/events';
import type { Logger } from '@/lib/log';
import {
  getAccuracyByLocation,
  getAlertsToRestore,
  getBreachedExceptions,
  getExceptionsOf,
  getOpenOrders,
  getPackedSamples,
  getParcelExceptions,
  getReasonShares,
} from '@/lib/queries/alertRuleReads';
import type { Store } from '@/lib/store/client';
import { accuracySpec, judgeAccuracy } from './accuracy';
import { breachSpec, judgeBreaches } from './breach';
import { carrierSpec, judgeCarrier } from './carrier';
import { CutoffLearner, cutoffSpec, judgeCutoff } from './cutoff';
import { judgeSpikes, spikeSpec } from './spike';
import { nextTurn } from '@/lib/slices';
import { judgeInParts } from './parts';
import { AlertTracker, type Change, type RuleSpec } from './tracker';

const REPLAY_QUIET_MS = 10_000;

const keysOf = (touched: BatchTouch['touched'], ...families: Family[]) => [
  ...new Set(touched.filter((t) => families.includes(t.family)).map((t) => t.key)),
];

/** What the rules need to know of a written batch: what it touched, and whether it was history. The processor's internals stay its own. */
export interface BatchTouch {
  touched: { family: Family; key: string; live?: boolean }[];
  /** Every record was marked as replayed history. */
  replay: boolean;
  /** Messages still waiting behind the batch. */
  backlog: number;
  /** Newest business time in the batch. */
  lastEventAt: number | null;
}

/** What the rules changed, as published on ops.alerts (lib/bus/messages.ts), always with the alert. */
export type AlertChange = Required<Pick<BusAlertChange, 'kind' | 'alert'>>;

/**
 * The alert rules of SPEC section 5. They read current state from the store (never the processor's
 * internals): after each batch, for the records it touched; and in a periodic sweep on one replica
 * (the leader), for everything time alone changes. Every judgement, its reads and its writes run
 * one at a time, so a sweep that read before a batch can never raise what that batch ended.
 * History (back-fill, replay, catching up) never raises an alert, and the sweep waits until it is
 * over; alerts then describe the present only.
 */
export class RulesEngine {
  readonly learner: CutoffLearner;
  private readonly tracker: AlertTracker;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastSlow = 0;
  private replayAt = 0;
  /** History batches being written whose own judgement has not run yet. */
  private historyWriting = 0;
  /** History batches whose write has begun, ever: a sweep that saw it move read what it must not judge. */
  private historyBegun = 0;

  constructor(
    private readonly d: {
      store: Store;
      bus: Bus;
      config: Config;
      log: Logger;
      isLeader(): boolean;
      now?: () => number;
    },
  ) {
    const { config } = d;
    this.learner = new CutoffLearner(config.rules, config.warehouseTimeZones);
    const specs: Record<RuleAlertType, RuleSpec> = {
      cutoff_risk: cutoffSpec(config.rules, config.warehouseTimeZones),
      exception_sla_breach: breachSpec(config.slaMinutes),
      carrier_exception: carrierSpec,
      inventory_accuracy_drop: accuracySpec(config.rules),
      return_reason_spike: spikeSpec,
    };
    this.tracker = new AlertTracker(specs, { holdMs: config.rules.holdMs, cooldownMs: config.rules.cooldownMs });
  }

  private now() {
    return this.d.now?.() ?? clockNow();
  }

  async start() {
    const now = this.now();
    this.tracker.restore(await getAlertsToRestore(this.d.store, now - this.d.config.rules.cooldownMs), now);
    for (const p of await getPackedSamples(this.d.store, {
      since: now - this.d.config.rules.cutoffWindowMs,
      perWarehouse: 5000,
    }))
      this.learner.learn(p);
    this.schedule();
  }

  /**
   * The next sweep `sweepMs` after the last one ended, never on a fixed beat: a sweep slower than
   * the interval (thousands of open orders on a busy machine) would otherwise queue sweep after
   * sweep in front of the batches' own judgements, and an action's effect on its alert would wait
   * behind them.
   */
  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.sweep()
        .catch((err) => this.d.log.error({ err }, 'rules sweep failed'))
        .finally(() => this.schedule());
    }, this.d.config.rules.sweepMs);
    this.timer.unref();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** One at a time: reads, judgement and writes of one pass never interleave with another's. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * After a batch's insert: judge what it touched. Records touched by live events are judged as the
   * present; records touched by history alone (a batch that mixes the end of a back-fill with a
   * live post) are judged as history, since their later history may still be queued behind.
   */
  onApplied(batch: BatchTouch): Promise<AlertChange[]> {
    return this.serial(async () => {
      const now = this.now();
      const history = this.isHistory(batch, now);
      const live = history ? [] : batch.touched.filter((t) => t.live !== false);
      const past = history ? batch.touched : batch.touched.filter((t) => t.live === false);
      // While history flows (a whole batch of it, or some mixed in), the sweep waits.
      if (batch.touched.length > 0 || history) this.replayAt = history || past.length > 0 ? Date.now() : 0;
      for (const p of await getPackedSamples(this.d.store, { ids: keysOf(batch.touched, 'orders') }))
        this.learner.learn(p);
      for (const [touched, raise] of [
        [live, true],
        [past, false],
      ] as const) {
        if (touched.length === 0) continue;
        const judgements = await this.judge(now, {
          orders: keysOf(touched, 'orders', 'carrier'),
          entities: keysOf(touched, 'orders', 'carrier', 'returns', 'inventory'),
          parcels: keysOf(touched, 'carrier'),
          locations: [...new Set(keysOf(touched, 'inventory').map((k) => k.slice(k.lastIndexOf('@') + 1)))],
        });
        for (const j of judgements) {
          await nextTurn();
          this.tracker.judge(j, now, raise);
        }
      }
      return this.flush(now);
    });
  }

  private isHistory(b: Pick<BatchTouch, 'replay' | 'backlog' | 'lastEventAt'>, now: number) {
    return b.replay || (b.lastEventAt !== null && b.backlog > 0 && b.lastEventAt < now - this.d.config.rules.replayMs);
  }

  /**
   * Before a batch's insert (`replay` when any of its records is marked history). History is in the
   * store from its insert on, but only its own judgement (`onApplied`) marks it as such: a sweep
   * meanwhile would judge it as the present. The sweep waits until the release (after that
   * judgement, or when the write failed) and drops what it read while history was being written.
   */
  writing(b: Pick<BatchTouch, 'replay' | 'backlog' | 'lastEventAt'>): () => void {
    if (!this.isHistory(b, this.now())) return () => undefined;
    this.historyWriting++;
    this.historyBegun++;
    let released = false;
    return () => {
      if (!released) this.historyWriting--;
      released = true;
    };
  }

  /**
   * What time alone changes, over everything open (leader only, never while history is applied).
   * Count accuracy and reason spikes, which move slowly, are judged every `slowMs` (or when `slow`).
   */
  sweep(opts: { slow?: boolean } = {}): Promise<AlertChange[]> {
    return this.serial(async () => {
      if (!this.d.isLeader() || this.replaying) return [];
      const begun = this.historyBegun;
      const now = this.now();
      const slow = opts.slow || now - this.lastSlow >= this.d.config.rules.slowMs;
      const judgements = await this.judge(now, 'all', slow);
      if (this.replaying || this.historyBegun !== begun) return [];
      if (slow) this.lastSlow = now;
      for (const j of judgements) {
        await nextTurn();
        this.tracker.judge(j, now);
      }
      return this.flush(now);
    });
  }

  private async judge(
    now: number,
    what: 'all' | { orders: string[]; entities: string[]; parcels: string[]; locations: string[] },
    slow = false,
  ): Promise<Judgement[]> {
    const { store, config } = this.d;
    const all = what === 'all';
    const out: Judgement[] = [];
    if (all || what.orders.length > 0) {
      const ids = all ? 'all' : what.orders;
      const orders = await getOpenOrders(store, now, ids);
      out.push(await judgeInParts(orders, (part) => judgeCutoff(part, ids, now, this.learner, config.rules)));
    }
    if (all) {
      const xs = await getBreachedExceptions(store, now, config.slaMinutes);
      out.push(await judgeInParts(xs, (part) => judgeBreaches(part, 'all', now, config.slaMinutes)));
    } else if (what.entities.length > 0) {
      const xs = await getExceptionsOf(store, what.entities);
      const judged = xs.map((x) => x.exception_id);
      out.push(await judgeInParts(xs, (part) => judgeBreaches(part, judged, now, config.slaMinutes)));
    }
    if (all || what.parcels.length > 0) {
      const ids = all ? 'all' : what.parcels;
      out.push(judgeCarrier(await getParcelExceptions(store, ids), ids));
    }
    const tol = { units: config.counts.toleranceUnits, pct: config.counts.tolerancePct };
    if ((all && slow) || (!all && what.locations.length > 0)) {
      const locations = all ? 'all' : what.locations;
      out.push(
        judgeAccuracy(
          await getAccuracyByLocation(store, config.rules.accuracyAlertCounts, tol, locations),
          locations,
          new Set(this.tracker.membersOf('inventory_accuracy_drop')),
          config.rules,
        ),
      );
    }
    if (all && slow)
      out.push(
        judgeSpikes(
          await getReasonShares(store, now),
          new Set(this.tracker.membersOf('return_reason_spike')),
          config.rules,
        ),
      );
    return out;
  }

  /** Writes what changed, then publishes it on ops.alerts for the web app to push. */
  private async flush(now: number): Promise<AlertChange[]> {
    const changes: Change[] = this.tracker.changes(now);
    if (changes.length === 0) return [];
    try {
      await writeAlerts(
        this.d.store,
        changes.map((c) => c.stored),
      );
    } catch (err) {
      // Not written: forget them, so the next judgement raises them again from what is true then.
      this.tracker.forget(changes.map((c) => c.stored.alert_id));
      throw err;
    }
    const out = changes.map((c) => ({ kind: c.kind, alert: alertToApi(c.stored) }));
    await this.d.bus.publish(
      TOPICS.alerts,
      out.map((c) => ({ key: c.alert.alert_id, value: JSON.stringify(c) })),
    );
    return out;
  }

  /** History is being written, or was applied within the last few seconds: the sweep waits until it is over. */
  private get replaying() {
    return this.historyWriting > 0 || (this.replayAt > 0 && Date.now() - this.replayAt < REPLAY_QUIET_MS);
  }

  get openCount() {
    return this.tracker.open().length;
  }
}
