import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics of one process (GET /metrics). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ops_process_' });
  const r = [registry];
  return {
    registry,
    eventsIn: new Counter({
      name: 'ops_events_in_total',
      help: 'Events accepted by ingest (HTTP) or consumed from the bus',
      labelNames: ['source'],
      registers: r,
    }),
    eventsConsumed: new Counter({
      name: 'ops_events_consumed_total',
      help: 'Messages consumed by the processor',
      labelNames: ['topic'],
      registers: r,
    }),
    eventsWritten: new Counter({
      name: 'ops_events_written_total',
      help: 'Events written to the store',
      labelNames: ['family'],
      registers: r,
    }),
    eventsDuplicate: new Counter({
      name: 'ops_events_duplicate_total',
      help: 'Events repeated within one batch and written once (repeats across batches are folded by event_id in the store)',
      labelNames: ['family'],
      registers: r,
    }),
    eventsRejected: new Counter({
      name: 'ops_events_rejected_total',
      help: 'Events rejected and kept as dead letters',
      labelNames: ['stage'],
      registers: r,
    }),
    batchSize: new Histogram({
      name: 'ops_batch_size',
      help: 'Messages per processed batch',
      buckets: [1, 10, 50, 100, 500, 1000, 5000, 10000, 50000],
      registers: r,
    }),
    insertLatency: new Histogram({
      name: 'ops_insert_latency_seconds',
      help: 'Latency of the raw-event insert of a batch',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: r,
    }),
    rollupLatency: new Histogram({
      name: 'ops_rollup_latency_seconds',
      help: 'Latency of re-deriving the entities of a batch in the store',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: r,
    }),
    eventToRow: new Histogram({
      name: 'ops_event_to_row_seconds',
      help: 'From bus acceptance to the row being written',
      buckets: [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60, 120],
      registers: r,
    }),
    storeRetries: new Counter({
      name: 'ops_store_retries_total',
      help: 'Store operations retried after a transient failure',
      registers: r,
    }),
    notifications: new Counter({
      name: 'ops_notifications_total',
      help: 'Notification attempts by outcome: sent, retried (failed, tried again later), failed (dead after the last try), escalated (a ladder level queued), suppressed (quiet hours)',
      labelNames: ['outcome', 'channel_kind'],
      registers: r,
    }),
    consumerLag: new Gauge({
      name: 'ops_consumer_lag',
      help: 'Messages between the committed offset and the partition end',
      labelNames: ['topic', 'partition'],
      registers: r,
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
