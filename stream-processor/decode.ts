import {
  entityKeyOf,
  familyOf,
  familyOfTopic,
  formatIssues,
  type Family,
  type OpsEvent,
  type ValidationIssue,
} from '@/lib/events';
import { validateEventFast } from '@/lib/events/validate';
import type { BusMessage } from '@/lib/bus/types';

export type Decoded =
  | { ok: true; event: OpsEvent; family: Family; key: string; raw: string; message: BusMessage }
  | {
      ok: false;
      reason: string;
      errors: ValidationIssue[];
      raw: string;
      message: BusMessage;
      eventId?: string;
      eventType?: string;
    };

/** Step one of a batch: bytes → a valid event of the topic's family, or a dead letter saying why. */
export function decode(message: BusMessage): Decoded {
  const raw = message.value.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    const reason = `malformed JSON: ${(err as Error).message}`;
    return { ok: false, reason, errors: [{ path: '(root)', message: reason }], raw, message };
  }
  const v = value as { event_id?: unknown; type?: unknown } | null;
  const ids = {
    eventId: typeof v?.event_id === 'string' ? v.event_id.slice(0, 128) : undefined,
    eventType: typeof v?.type === 'string' ? v.type.slice(0, 64) : undefined,
  };
  const r = validateEventFast(value);
  if (!r.ok)
    return { ok: false, reason: `invalid event: ${formatIssues(r.errors)}`, errors: r.errors, raw, message, ...ids };
  const family = familyOf(r.event);
  const topicFamily = familyOfTopic(message.topic);
  if (topicFamily && topicFamily !== family) {
    const reason = `event of family '${family}' on topic ${message.topic}`;
    return { ok: false, reason, errors: [{ path: 'type', message: reason }], raw, message, ...ids };
  }
  return { ok: true, event: r.event, family, key: entityKeyOf(r.event), raw, message };
}
