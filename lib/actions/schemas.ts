import { z } from 'zod';
import { exceptionCategory } from '../events';

const id = z.string().min(1).max(128);
const actionId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.:@-]+$/, 'letters, digits and . _ : @ - only');

/** SPEC section 5 operator actions: `{ action_id, type, payload }`, one schema per type. */
export const actionInput = z.discriminatedUnion('type', [
  z.object({
    action_id: actionId,
    type: z.literal('alert.acknowledge'),
    payload: z.object({ alert_id: z.string().min(1).max(400) }).strict(),
  }),
  z.object({
    action_id: actionId,
    type: z.literal('exception.assign'),
    payload: z.object({ exception_id: z.string().min(1).max(300), assignee: id }).strict(),
  }),
  z.object({
    action_id: actionId,
    type: z.literal('exception.resolve'),
    payload: z.object({ exception_id: z.string().min(1).max(300), note: z.string().min(1).max(2000) }).strict(),
  }),
  z.object({
    action_id: actionId,
    type: z.literal('order.expedite'),
    payload: z.object({ order_id: id, service_level: id.optional() }).strict(),
  }),
  z.object({
    action_id: actionId,
    type: z.literal('order.reallocate'),
    payload: z.object({ order_id: id, to_warehouse: id }).strict(),
  }),
  z.object({
    action_id: actionId,
    type: z.literal('order.release_hold'),
    payload: z.object({ order_id: id }).strict(),
  }),
  z.object({
    action_id: actionId,
    type: z.literal('inventory.approve_adjustment'),
    payload: z
      .object({
        sku: id,
        location: id,
        qty_delta: z
          .number()
          .int()
          .min(-1_000_000)
          .max(1_000_000)
          .refine((n) => n !== 0, 'qty_delta must be non-zero'),
      })
      .strict(),
  }),
  z.object({
    action_id: actionId,
    type: z.literal('return.approve_refund'),
    payload: z.object({ rma_id: id, amount: z.number().finite().min(0).max(1e9) }).strict(),
  }),
]);
export type ActionInput = z.infer<typeof actionInput>;
export type ActionType = ActionInput['type'];

export { exceptionCategory };

export interface ActionResult {
  action_id: string;
  type: string;
  status: 'done' | 'refused' | 'failed';
  /** HTTP status the answer carries: 200 done, 400/403/404/409 refused, 503 failed. */
  code: number;
  message?: string;
  event_ids?: string[];
  before?: unknown;
  after?: unknown;
  at: string;
}
