import { z } from 'zod';
import { CATEGORIES, WAREHOUSES } from './catalog';
import { RETURN_REASONS } from '../events/returns';
import type { Knobs } from './plan';

const carriers = [...new Set(WAREHOUSES.flatMap((w) => w.carriers.map((c) => c.id)))];

/** The values each knob takes, for the admin's simulator form (the schema below checks the same). */
export const KNOB_OPTIONS = {
  carriers,
  categories: CATEGORIES.map((c) => c.id),
  reasons: [...RETURN_REASONS],
  warehouses: WAREHOUSES.map((w) => w.id),
};

/** Demo knobs as the admin API takes them; `null` switches one off. */
export const knobsInput = z
  .object({
    carrier_delay: z.enum(KNOB_OPTIONS.carriers as [string, ...string[]]).nullable(),
    return_surge: z
      .object({
        category: z.enum(KNOB_OPTIONS.categories as [string, ...string[]]),
        reason: z.enum(RETURN_REASONS),
      })
      .nullable(),
    slow_warehouse: z
      .object({ id: z.enum(KNOB_OPTIONS.warehouses as [string, ...string[]]), factor: z.number().min(1).max(20) })
      .nullable(),
    rate: z.number().min(0.01).max(200_000),
    speedup: z.number().min(1).max(1000),
  })
  .partial()
  .strict();
export type KnobsInput = z.infer<typeof knobsInput>;

export function applyKnobs(current: Knobs, input: KnobsInput): Knobs {
  const next: Knobs = { ...current };
  if (input.carrier_delay !== undefined) next.carrierDelay = input.carrier_delay ?? undefined;
  if (input.return_surge !== undefined) next.returnSurge = input.return_surge ?? undefined;
  if (input.slow_warehouse !== undefined) next.slowWarehouse = input.slow_warehouse ?? undefined;
  return next;
}

/** `OPS_SIMULATOR_SCENARIO`, e.g. `carrier_delay=UPS,return_surge=apparel:too_small,slow_warehouse=DC-WEST:4`. */
export function parseScenario(text: string): KnobsInput {
  const input: Record<string, unknown> = {};
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [k, v = ''] = part.split('=');
    const [a, b] = v.split(':');
    if (k === 'carrier_delay') input.carrier_delay = a;
    else if (k === 'return_surge') input.return_surge = { category: a, reason: b };
    else if (k === 'slow_warehouse') input.slow_warehouse = { id: a, factor: Number(b || 3) };
    else throw new Error(`OPS_SIMULATOR_SCENARIO: unknown knob '${k}'`);
  }
  const r = knobsInput.safeParse(input);
  if (!r.success)
    throw new Error(
      `OPS_SIMULATOR_SCENARIO: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return r.data;
}
