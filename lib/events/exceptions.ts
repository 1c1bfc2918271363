import { z } from 'zod';
import { exceptionCategory } from './categories';
import { actor, eventOf, id } from './common';

/**
 * Extension to SPEC section 3: the `exception.assign` and `exception.resolve` operator actions are
 * written back as events on the topic of the record the exception belongs to, so an exception's
 * whole life can be re-derived from the event log like everything else.
 */
const ref = {
  exception_id: z.string().min(1).max(300),
  category: exceptionCategory,
  /** order_id, rma_id or `sku@location`, per the category. */
  entity_id: z.string().min(1).max(300),
};

export const exceptionAssigned = eventOf('exception.assigned', z.looseObject({ ...ref, assignee: id, actor }));
export const exceptionResolved = eventOf(
  'exception.resolved',
  z.looseObject({ ...ref, note: z.string().min(1).max(2000), actor }),
);

export const exceptionEvents = [exceptionAssigned, exceptionResolved] as const;
