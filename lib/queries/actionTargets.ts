import type { ExceptionCategory } from '../events';
import { EXCEPTION_CATEGORIES } from '../events';
import { queryRows, type Store } from '../store/client';
import { fromChTime } from '../store/time';

/** The records operator actions touch, read by key, as they are before the action. */

export async function getOrderForAction(store: Store, orderId: string) {
  const [r] = await queryRows<{
    order_id: string;
    status: string;
    warehouse_id: string;
    held: number;
    service_level: string;
    hold_reason: string;
  }>(
    store,
    'SELECT order_id, status, warehouse_id, held, service_level, hold_reason FROM orders_current FINAL WHERE order_id = {id:String}',
    { id: orderId },
  );
  return r ? { ...r, held: r.held === 1 } : null;
}

export async function getReturnForAction(store: Store, rmaId: string) {
  const [r] = await queryRows<{
    rma_id: string;
    order_id: string;
    status: string;
    warehouse_id: string;
    approved_amount: number | null;
    amount: number | null;
  }>(
    store,
    'SELECT rma_id, order_id, status, warehouse_id, approved_amount, amount FROM returns_current FINAL WHERE rma_id = {id:String}',
    { id: rmaId },
  );
  return r ?? null;
}

/** An exception by id: the category is its id's prefix, so the open set is read by primary key. */
export async function getExceptionForAction(store: Store, exceptionId: string) {
  const category = exceptionId.slice(0, exceptionId.indexOf(':')) as ExceptionCategory;
  if (!EXCEPTION_CATEGORIES.includes(category)) return null;
  const [r] = await queryRows<{
    exception_id: string;
    category: ExceptionCategory;
    entity_id: string;
    order_id: string;
    warehouse: string;
    assignee: string;
    open: number;
    opened_at: string;
  }>(
    store,
    `SELECT e.exception_id AS exception_id, e.category AS category, e.entity_id AS entity_id, e.order_id AS order_id,
            if(e.warehouse_id != '', e.warehouse_id, i.warehouse_id) AS warehouse, e.assignee AS assignee, 1 AS open, e.opened_at AS opened_at
     FROM open_exceptions AS e FINAL
     LEFT JOIN order_info AS i ON i.order_id = e.order_id
     WHERE e.category = {c:String} AND e.exception_id = {id:String}
     SETTINGS join_algorithm = 'direct,hash'`,
    { c: category, id: exceptionId },
  );
  if (r) return { ...r, open: true, opened_at: fromChTime(r.opened_at) };
  const [closed] = await queryRows<{ exception_id: string }>(
    store,
    'SELECT exception_id FROM exceptions FINAL WHERE exception_id = {id:String} LIMIT 1',
    { id: exceptionId },
  );
  return closed
    ? {
        exception_id: exceptionId,
        category,
        entity_id: '',
        order_id: '',
        warehouse: '',
        assignee: '',
        open: false,
        opened_at: null,
      }
    : null;
}
