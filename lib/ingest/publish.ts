import { entityKeyOf, familyOf, TOPICS, type OpsEvent } from '../events';
import type { Bus, BusRecord, PublishOptions } from '../bus/types';

/** Marks records that replay history (a back-fill, an archive import): the alert rules do not raise on them. */
export const REPLAY_HEADER = 'ops-replay';
/**
 * Someone is waiting for these records (an operator's action): the processor writes them without
 * the idle spell it keeps after a live trickle's write (docs/architecture.md, step 5).
 */
export const AWAITED_HEADER = 'ops-awaited';

/** Publishes valid events to their family's topic, keyed by entity; resolves when durable. */
export async function publishEvents(
  bus: Bus,
  events: { event: OpsEvent; raw?: string }[],
  opts: { replay?: boolean } & PublishOptions = {},
): Promise<void> {
  // A publisher that waits for its records to be on record (an operator's action) says so to the
  // processor in them: on Kafka, the `ack` itself does not reach it.
  const awaited = opts.ack === 'stored';
  const headers =
    opts.replay || awaited
      ? { ...(opts.replay ? { [REPLAY_HEADER]: '1' } : {}), ...(awaited ? { [AWAITED_HEADER]: '1' } : {}) }
      : undefined;
  const byTopic = new Map<string, BusRecord[]>();
  for (const { event, raw } of events) {
    const topic = TOPICS[familyOf(event)];
    const record = { key: entityKeyOf(event), value: raw ?? JSON.stringify(event), headers };
    const list = byTopic.get(topic);
    if (list) list.push(record);
    else byTopic.set(topic, [record]);
  }
  await Promise.all([...byTopic].map(([topic, records]) => bus.publish(topic, records, { ack: opts.ack })));
}
