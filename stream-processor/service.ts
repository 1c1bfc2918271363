import type { Bus } from '@/lib/bus/types';
import { KafkaBus } from '@/lib/bus/kafka';
import type { Config } from '@/lib/config';
import { EVENT_TOPICS, TOPICS } from '@/lib/events';
import type { Logger } from '@/lib/log';
import type { Metrics } from '@/lib/metrics';
import type { Store } from '@/lib/store/client';
import { dropLeftoverScratch } from './rollup';
import { drainRederiveQueue, queueUnderived } from './rederive';
import { rawEncoder } from './rows';
import { startMaintenance } from './maintenance';
import { appliedNotices } from './notices';
import { StreamProcessor } from './processor';
import { RulesEngine } from './rules/engine';

/** How often a running processor looks for entities queued for re-derivation. */
const REDERIVE_POLL_MS = 15_000;

export interface ProcessorService {
  processor: StreamProcessor;
  rules: RulesEngine;
  /** Runs the open-exception compaction now (the leader also runs it on a timer). */
  compact(): Promise<void>;
  /** Sends the re-derive requests queued in rederive_queue now; resolves to how many. */
  drainRederive(): Promise<number>;
  running(): boolean;
  /** Messages handed to the processor and not yet written. */
  pending(): number;
  stop(): Promise<void>;
}

/**
 * Subscribes the stream processor to the event topics as one member of its consumer group, with
 * the alert rules: after each insert the rules judge what the batch touched, then the web app is
 * told; the rules' periodic sweep runs on the member that owns ops.orders partition 0.
 */
export async function startProcessor(deps: {
  bus: Bus;
  store: Store;
  config: Config;
  metrics: Metrics;
  log: Logger;
}): Promise<ProcessorService> {
  const { bus, log, config } = deps;
  let leader = bus.kind === 'memory';
  const rules = new RulesEngine({ store: deps.store, bus, config, log, isLeader: () => leader });
  await rules.start();
  await dropLeftoverScratch(deps.store);
  const processor = new StreamProcessor({
    store: deps.store,
    metrics: deps.metrics,
    log,
    encoder: await rawEncoder(deps.store),
    tolerance: { units: config.counts.toleranceUnits, pct: config.counts.tolerancePct },
    maxBatchEvents: config.batch.maxEvents,
    // Each write has a fixed cost (a dozen statements), so trickles are gathered for up to this long.
    coalesceMs: config.batch.waitMs,
    duty: config.batch.duty,
    onWriting: (w) => rules.writing(w),
    onApplied: async (applied) => {
      const touched = {
        touched: applied.touched,
        replay: applied.replay === true,
        backlog: applied.backlog ?? 0,
        lastEventAt: applied.lastEventAt,
      };
      await rules.onApplied(touched).catch((err) => log.error({ err }, 'alert rules failed'));
      if (applied.events > 0 || applied.exceptions.length > 0)
        await bus.publish(
          TOPICS.updates,
          appliedNotices(applied).map((value) => ({ key: null, value })),
        );
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
      if (assignment) leader = (assignment[TOPICS.orders] ?? []).includes(0);
    },
  });
  const underived = await queueUnderived(deps.store);
  if (underived > 0)
    log.warn({ entities: underived }, 'entities stored but not derived when the last run stopped; re-deriving');
  // Entities queued for re-derivation (by a migration, `npm run rederive`, or just above) go through
  // the topics, in the background: now, and every REDERIVE_POLL_MS while running.
  let draining = false;
  const drain = () => {
    if (draining) return;
    draining = true;
    void drainRederiveQueue(deps.store, bus, log)
      .catch((err) => log.error({ err }, 're-derive requests failed; they are sent at the next drain'))
      .finally(() => (draining = false));
  };
  drain();
  const drainTimer = setInterval(drain, REDERIVE_POLL_MS);
  drainTimer.unref();
  const maintenance = startMaintenance({ store: deps.store, log, isLeader: () => leader, everyMs: config.compactMs });
  if (bus instanceof KafkaBus) bus.trackLag(config.kafka!.groupId, EVENT_TOPICS, deps.metrics);
  log.info({ topics: EVENT_TOPICS, bus: bus.kind }, 'stream processor started');
  return {
    processor,
    rules,
    compact: () => maintenance.run(),
    /** Sends the queued re-derive requests now (they are also sent every REDERIVE_POLL_MS). */
    drainRederive: () => drainRederiveQueue(deps.store, bus, log),
    running: () => running,
    pending: () => processor.pending(),
    stop: async () => {
      running = false;
      clearInterval(drainTimer);
      rules.stop();
      await sub.stop();
      // The last batch's rules and pushes still read the store: let them finish before it closes.
      await processor.idle();
      await maintenance.stop();
      log.info('stream processor stopped');
    },
  };
}
