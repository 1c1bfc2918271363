import type { Bus } from '@/lib/bus/types';
import { KafkaBus } from '@/lib/bus/kafka';
import type { Config } from '@/lib/config';
import { EVENT_TOPICS, TOPICS } from '@/lib/events';
import type { AppliedNotice } from '@/lib/live/hub';
import type { Logger } from '@/lib/log';
import type { Metrics } from '@/lib/metrics';
import type { Store } from '@/lib/store/client';
import { createDeriver } from './derive';
import { startMaintenance } from './maintenance';
import { StreamProcessor, type AppliedBatch } from './processor';
import { RulesEngine } from './rules/engine';
import { now as clockNow } from '@/lib/clock';

export interface ProcessorService {
  processor: StreamProcessor;
  rules: RulesEngine;
  /** Runs the open-exception compaction now (the leader also runs it on a timer). */
  compact(): Promise<void>;
  running(): boolean;
  stop(): Promise<void>;
}

/** After an insert: tell the web app (ops.updates) what changed; exceptions of the touched entities. */
function notice(applied: AppliedBatch): AppliedNotice {
  const now = clockNow();
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    events: applied.events.length,
    last_event_at: iso(applied.lastEventAt),
    exceptions: applied.entities.flatMap((e) =>
      (e.derived?.exceptions ?? [])
        .filter((x) => x.opened_at <= now && (x.closed_at === null || x.closed_at >= now - 3_600_000))
        .map((x) => ({
          exception_id: x.exception_id, category: x.category, entity: { kind: x.entity_kind, id: x.entity_id }, warehouse_id: x.warehouse_id,
          status: x.closed_at === null ? ('open' as const) : ('closed' as const), opened_at: iso(x.opened_at)!, closed_at: iso(x.closed_at),
        })),
    ),
  };
}

/**
 * Subscribes the stream processor to the event topics as one member of its consumer group, with
 * the alert rules: after each insert the rules judge what the batch touched, then the web app is
 * told; the rules' periodic sweep runs on the member that owns ops.orders partition 0.
 */
export async function startProcessor(deps: { bus: Bus; store: Store; config: Config; metrics: Metrics; log: Logger }): Promise<ProcessorService> {
  const { bus, log, config } = deps;
  let leader = bus.kind === 'memory';
  const rules = new RulesEngine({ store: deps.store, bus, config, log, isLeader: () => leader });
  await rules.start();
  const processor = new StreamProcessor({
    store: deps.store,
    metrics: deps.metrics,
    log,
    derive: createDeriver({ units: config.counts.toleranceUnits, pct: config.counts.tolerancePct }),
    maxBatchEvents: config.batch.maxEvents,
    cacheBytes: config.batch.snapshotCacheBytes,
    // Each insert fans out to two dozen views at a fixed cost, so trickles are gathered for up to this long.
    coalesceMs: config.batch.waitMs,
    onApplied: async (applied) => {
      const touched = { touched: applied.entities.map((e) => ({ family: e.family, key: e.key })), replay: applied.replay === true, backlog: applied.backlog ?? 0, lastEventAt: applied.lastEventAt };
      await rules.onApplied(touched).catch((err) => log.error({ err }, 'alert rules failed'));
      if (applied.events.length > 0) await bus.publish(TOPICS.updates, [{ key: null, value: JSON.stringify(notice(applied)) }]);
    },
    publishDeadLetters:
      bus.kind === 'kafka'
        ? (dls) =>
            bus.publish(
              TOPICS.dlq,
              dls.map((dl) => ({
                key: dl.message?.key ?? null,
                value: dl.rawBytes ?? dl.raw,
                headers: {
                  reason: dl.reason.slice(0, 1000),
                  'source-topic': dl.message?.topic ?? '',
                  'source-partition': String(dl.message?.partition ?? ''),
                  'source-offset': String(dl.message?.offset ?? ''),
                },
              })),
            )
        : undefined,
  });
  let running = true;
  const sub = await bus.subscribe({
    groupId: config.kafka?.groupId ?? 'ops-pulse-processor',
    topics: EVENT_TOPICS,
    fromBeginning: true,
    onBatch: (batch) => processor.handle(batch),
    onRebalance: (assignment) => {
      processor.cache.clear();
      if (assignment) leader = (assignment[TOPICS.orders] ?? []).includes(0);
    },
  });
  const maintenance = startMaintenance({ store: deps.store, log, isLeader: () => leader, everyMs: config.compactMs });
  if (bus instanceof KafkaBus) bus.trackLag(config.kafka!.groupId, EVENT_TOPICS, deps.metrics);
  log.info({ topics: EVENT_TOPICS, bus: bus.kind }, 'stream processor started');
  return {
    processor,
    rules,
    compact: () => maintenance.run(),
    running: () => running,
    stop: async () => {
      running = false;
      rules.stop();
      await sub.stop();
      await maintenance.stop();
      log.info('stream processor stopped');
    },
  };
}
