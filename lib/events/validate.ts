import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import { EVENT_CHECKS, occurredAtIssue } from './common';
import { eventSchema, validateEvent, type EventType, type OpsEvent, type Validated } from './index';

/**
 * The event schemas compiled to JSON Schema validators (ajv), for the hot path: zod stays the one
 * definition, and stays the judge of what is wrong. An event that passes the compiled schema and
 * its event checks (EVENT_CHECKS, the same functions zod runs) is accepted as is; anything else is
 * handed to zod for its verdict and its messages. validate.test.ts holds both to the same verdicts.
 */
function compile(): Map<string, ValidateFunction> {
  // unicode: false counts string length in UTF-16 units, as zod does; formats are checked by zod's own pattern.
  // (ajv calls the unicode option deprecated, yet honours it; validate.test.ts would catch the day it stops.)
  const quiet = {
    log: () => undefined,
    warn: (m: unknown) => void (String(m).includes('option unicode') || console.warn(m)),
    error: console.error,
  };
  const ajv = new Ajv({ strict: false, unicode: false, validateFormats: false, allErrors: false, logger: quiet });
  const out = new Map<string, ValidateFunction>();
  for (const option of eventSchema.options) {
    out.set(
      option.shape.type.value,
      ajv.compile(z.toJSONSchema(option, { target: 'draft-7', unrepresentable: 'any', io: 'input' })),
    );
  }
  return out;
}

let compiled: Map<string, ValidateFunction> | null = null;

/** validateEvent, fast: the compiled schema and the event checks; zod only for an event they refuse. */
export function validateEventFast(value: unknown): Validated {
  compiled ??= compile();
  const type = (value as { type?: unknown } | null)?.type;
  const validate = typeof type === 'string' ? compiled.get(type) : undefined;
  if (validate && validate(value)) {
    const e = value as OpsEvent;
    if (
      occurredAtIssue(e.occurred_at) === null &&
      (EVENT_CHECKS.get(type as EventType) ?? []).every((check) => check(e as never).length === 0)
    ) {
      return { ok: true, event: e };
    }
  }
  return validateEvent(value);
}
