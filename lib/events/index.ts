import { z } from 'zod';
import { carrierEvents } from './carrier';
import { CATEGORIES } from './categories';
import { FAMILIES, type Family } from './common';
import { exceptionEvents } from './exceptions';
import { inventoryEvents } from './inventory';
import { orderEvents } from './orders';
import { returnEvents } from './returns';

export * from './categories';
export * from './common';

export const eventSchema = z.discriminatedUnion('type', [
  ...orderEvents,
  ...inventoryEvents,
  ...carrierEvents,
  ...returnEvents,
  ...exceptionEvents,
]);
export type OpsEvent = z.infer<typeof eventSchema>;
export type EventType = OpsEvent['type'];
export type EventOf<T extends EventType> = Extract<OpsEvent, { type: T }>;

export const EVENT_TYPES = eventSchema.options.map((o) => o.shape.type.value) as EventType[];

/** SPEC section 3 topics. Keys keep an entity's events in order. */
export const TOPICS = {
  orders: 'ops.orders',
  inventory: 'ops.inventory',
  carrier: 'ops.carrier',
  returns: 'ops.returns',
  commands: 'ops.commands',
  alerts: 'ops.alerts',
  dlq: 'ops.dlq',
  /** Extension: processor → web notices that a batch was applied (drives live pushes). */
  updates: 'ops.updates',
  /** Extension: sessions ended and users changed, so every web replica drops the sockets they hold. */
  sessions: 'ops.sessions',
} as const;
export const EVENT_TOPICS = FAMILIES.map((f) => TOPICS[f]);

export function familyOfTopic(topic: string): Family | undefined {
  return FAMILIES.find((f) => TOPICS[f] === topic);
}

export function familyOf(event: OpsEvent): Family {
  if (event.type.startsWith('exception.')) {
    return CATEGORIES[(event as EventOf<'exception.resolved'>).data.category].family;
  }
  const prefix = event.type.slice(0, event.type.indexOf('.'));
  return prefix === 'order' ? 'orders' : prefix === 'return' ? 'returns' : (prefix as Family);
}

export const inventoryKey = (sku: string, location: string) => `${sku}@${location}`;

/** The partition key of SPEC section 3, which is also the entity the processor derives state for. */
export function entityKeyOf(event: OpsEvent): string {
  const d = event.data as Record<string, unknown>;
  if (event.type.startsWith('exception.')) return String(d.entity_id);
  switch (familyOf(event)) {
    case 'orders':
    case 'carrier':
      return String(d.order_id);
    case 'returns':
      return String(d.rma_id);
    case 'inventory':
      return inventoryKey(String(d.sku), String(d.location));
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}
export type Validated = { ok: true; event: OpsEvent } | { ok: false; errors: ValidationIssue[] };

function issuePath(path: PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(root)'
  );
}

/** Validates one decoded JSON value as an event; errors name the field and say what is wrong. */
export function validateEvent(value: unknown): Validated {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, errors: [{ path: '(root)', message: 'an event must be a JSON object' }] };
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !EVENT_TYPES.includes(type as EventType)) {
    const msg = typeof type === 'string' ? `unknown event type '${type.slice(0, 64)}'` : 'type is required';
    return { ok: false, errors: [{ path: 'type', message: msg }] };
  }
  const r = eventSchema.safeParse(value);
  if (r.success) return { ok: true, event: r.data };
  return { ok: false, errors: r.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })) };
}

export const formatIssues = (errors: ValidationIssue[]) => errors.map((e) => `${e.path}: ${e.message}`).join('; ');
