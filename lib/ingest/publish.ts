import { entityKeyOf, familyOf, TOPICS, type OpsEvent } from '../events';
import type { Bus, BusRecord } from '../bus/types';

/** Publishes valid events to their family's topic, keyed by entity; resolves when durable. */
export async function publishEvents(bus: Bus, events: { event: OpsEvent; raw?: string }[]): Promise<void> {
  const byTopic = new Map<string, BusRecord[]>();
  for (const { event, raw } of events) {
    const topic = TOPICS[familyOf(event)];
    const record = { key: entityKeyOf(event), value: raw ?? JSON.stringify(event) };
    const list = byTopic.get(topic);
    if (list) list.push(record);
    else byTopic.set(topic, [record]);
  }
  await Promise.all([...byTopic].map(([topic, records]) => bus.publish(topic, records)));
}
