import type { Bus } from '@/lib/bus/types';
import { KafkaBus } from '@/lib/bus/kafka';
import type { Config } from '@/lib/config';
import { EVENT_TOPICS, TOPICS } from '@/lib/events';
import type { Logger } from '@/lib/log';
import type { Metrics } from '@/lib/metrics';
import type { Store } from '@/lib/store/client';
import { createDeriver } from './derive';
import { StreamProcessor, type AppliedBatch } from './processor';

export interface ProcessorService {
  processor: StreamProcessor;
  running(): boolean;
  stop(): Promise<void>;
}

/** Subscribes the stream processor to the event topics as one member of its consumer group. */
export async function startProcessor(deps: {
  bus: Bus;
  store: Store;
  config: Config;
  metrics: Metrics;
  log: Logger;
  onApplied?(applied: AppliedBatch): void | Promise<void>;
}): Promise<ProcessorService> {
  const { bus, log } = deps;
  const processor = new StreamProcessor({
    store: deps.store,
    metrics: deps.metrics,
    log,
    derive: createDeriver({ units: deps.config.counts.toleranceUnits, pct: deps.config.counts.tolerancePct }),
    onApplied: deps.onApplied,
    maxBatchEvents: deps.config.batch.maxEvents,
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
    groupId: deps.config.kafka?.groupId ?? 'ops-pulse-processor',
    topics: EVENT_TOPICS,
    fromBeginning: true,
    onBatch: (batch) => processor.handle(batch),
    onRebalance: () => processor.cache.clear(),
  });
  if (bus instanceof KafkaBus) bus.trackLag(deps.config.kafka!.groupId, EVENT_TOPICS, deps.metrics);
  log.info({ topics: EVENT_TOPICS, bus: bus.kind }, 'stream processor started');
  return {
    processor,
    running: () => running,
    stop: async () => {
      running = false;
      await sub.stop();
      log.info('stream processor stopped');
    },
  };
}
