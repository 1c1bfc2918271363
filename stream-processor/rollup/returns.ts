import { CATEGORIES } from '@/lib/events';
import { RANK_SQL } from '@/lib/events/rank';
import { msBetween } from './sql';

const INSPECTION_DEADLINE_MS = CATEGORIES.inspection_overdue.deadlineMs;
const REFUND_DEADLINE_MS = CATEGORIES.refund_overdue.deadlineMs;

/**
 * A return case (RMA) from its events. Its channel, category and unit cost are its order line's
 * (SPEC section 3), joined when read, so a return that arrives before its order is counted right
 * once the order arrives.
 */
export const returnStateSql = (events: string) => `
WITH e AS (SELECT *, ${RANK_SQL} AS rank FROM ${events}),
agg AS (
  SELECT rma_id,
    countIf(type = 'return.requested') > 0 AS is_requested,
    argMinIf(tuple(order_id, sku, qty, toString(reason), reason_detail), (occurred_at, rank, event_id), type = 'return.requested') AS r,
    minIfOrNull(occurred_at, type = 'return.requested') AS requested_at,
    minIfOrNull(occurred_at, type = 'return.authorized') AS authorized_at,
    argMinIf(label_cost, (occurred_at, rank, event_id), type = 'return.authorized') AS label_cost_a,
    minIfOrNull(occurred_at, type = 'return.rejected') AS rejected_at,
    minIfOrNull(occurred_at, type = 'return.received') AS received_at,
    argMinIf(tuple(toString(warehouse_id), qty_received), (occurred_at, rank, event_id), type = 'return.received') AS rc,
    minIfOrNull(occurred_at, type = 'return.inspected') AS inspected_at,
    argMinIf(tuple(toString(disposition), toString(condition), serial_match), (occurred_at, rank, event_id), type = 'return.inspected') AS ins,
    maxIfOrNull(occurred_at, type = 'return.refund_approved') AS refund_approved_at,
    argMaxIf(amount, (occurred_at, rank, event_id), type = 'return.refund_approved') AS approved,
    minIfOrNull(occurred_at, type = 'return.refunded') AS refunded_at,
    argMinIf(tuple(amount, coalesce(restocking_fee, 0), toString(method)), (occurred_at, rank, event_id), type = 'return.refunded') AS rf,
    minIfOrNull(occurred_at, type = 'return.closed') AS closed_at
  FROM e GROUP BY rma_id
)
SELECT rma_id, is_requested,
  r.1 AS order_id, r.2 AS sku, if(is_requested, r.3, NULL) AS qty, r.4 AS reason, r.5 AS reason_detail,
  if(received_at IS NULL, '', rc.1) AS warehouse_id, if(received_at IS NULL, NULL, rc.2) AS qty_received,
  requested_at, authorized_at, if(authorized_at IS NULL, NULL, label_cost_a) AS label_cost, rejected_at, received_at,
  inspected_at, if(inspected_at IS NULL, '', ins.1) AS disposition, if(inspected_at IS NULL, '', ins.2) AS condition, if(inspected_at IS NULL, NULL, ins.3) AS serial_match,
  refund_approved_at, if(refund_approved_at IS NULL, NULL, toDecimal64(round(toFloat64(approved), 4), 4)) AS approved_amount,
  refunded_at, if(refunded_at IS NULL, NULL, rf.1) AS amount, if(refunded_at IS NULL, NULL, toDecimal64(rf.2, 4)) AS restocking_fee, if(refunded_at IS NULL, '', rf.3) AS method,
  closed_at,
  -- Settled: refunded or closed, whichever came first.
  multiIf(refunded_at IS NULL, closed_at, closed_at IS NULL, refunded_at, least(refunded_at, closed_at)) AS settled_at,
  multiIf(settled_at IS NULL, '', refunded_at IS NOT NULL AND refunded_at <= settled_at, 'return.refunded', 'return.closed') AS settled_type,
  multiIf(closed_at IS NOT NULL, 'closed', refunded_at IS NOT NULL, 'refunded', inspected_at IS NOT NULL, 'inspected', received_at IS NOT NULL, 'received',
          rejected_at IS NOT NULL, 'rejected', authorized_at IS NOT NULL, 'authorized', 'requested') AS status,
  -- Refunds issued before receipt are counted apart and left out of the received-based figures.
  received_at IS NOT NULL AND refunded_at IS NOT NULL AND received_at <= refunded_at AS refund_has_receipt,
  inspected_at IS NOT NULL AND refunded_at IS NOT NULL AND inspected_at <= refunded_at AS refund_has_inspection
FROM agg`;

export const returnWrites = (t: { state: string; version: string }): string[] => [
  `INSERT INTO returns_current
   SELECT order_id, rma_id, sku, qty, reason, reason_detail, status, warehouse_id, requested_at, authorized_at, rejected_at, received_at, qty_received,
          inspected_at, disposition, condition, serial_match, refund_approved_at, approved_amount, refunded_at, amount, restocking_fee, method, closed_at,
          label_cost, ${t.version}
   FROM ${t.state}`,
  `INSERT INTO return_facts
   SELECT fact, t, rma_id, order_id, sku, reason, warehouse_id, disposition, sum(n) AS n, sum(units) AS units, sum(label_cost) AS label_cost, sum(amount) AS amount,
          sum(restocking_fee) AS restocking_fee, sum(requested_to_refund_ms) AS requested_to_refund_ms, sum(received_to_refund_ms) AS received_to_refund_ms,
          sum(requested_to_received_ms) AS requested_to_received_ms, sum(received_to_inspected_ms) AS received_to_inspected_ms,
          sum(inspected_to_refunded_ms) AS inspected_to_refunded_ms, sum(has_request) AS has_request, sum(has_receipt) AS has_receipt,
          sum(has_inspection) AS has_inspection, sum(before_receipt) AS before_receipt
   FROM (
     SELECT fact, t, rma_id, order_id, sku, reason, warehouse_id, disposition, -n AS n, -units AS units, -label_cost AS label_cost, -amount AS amount,
            -restocking_fee AS restocking_fee, -requested_to_refund_ms AS requested_to_refund_ms, -received_to_refund_ms AS received_to_refund_ms,
            -requested_to_received_ms AS requested_to_received_ms, -received_to_inspected_ms AS received_to_inspected_ms,
            -inspected_to_refunded_ms AS inspected_to_refunded_ms, -has_request AS has_request, -has_receipt AS has_receipt,
            -has_inspection AS has_inspection, -before_receipt AS before_receipt
     FROM return_facts WHERE rma_id IN (SELECT rma_id FROM ${t.state})
     UNION ALL
     SELECT f.1 AS fact, assumeNotNull(f.2) AS t, rma_id, order_id, sku, reason, warehouse_id, if(fact = 'inspected', disposition, '') AS disposition, 1 AS n,
            toInt64(multiIf(fact = 'requested', coalesce(qty, 0), fact = 'received', coalesce(qty_received, 0), fact = 'inspected', coalesce(qty_received, qty, 0), 0)) AS units,
            toDecimal128(if(fact = 'authorized', coalesce(label_cost, 0), 0), 4) AS label_cost,
            toDecimal128(if(fact = 'refunded', coalesce(amount, 0), 0), 4) AS amount,
            toDecimal128(if(fact = 'refunded', coalesce(restocking_fee, 0), 0), 4) AS restocking_fee,
            if(fact = 'refunded' AND is_requested, ${msBetween('requested_at', 'refunded_at')}, 0) AS requested_to_refund_ms,
            if(fact = 'refunded' AND refund_has_receipt, ${msBetween('received_at', 'refunded_at')}, 0) AS received_to_refund_ms,
            if(fact = 'refunded' AND refund_has_receipt AND is_requested, ${msBetween('requested_at', 'received_at')}, 0) AS requested_to_received_ms,
            if(fact = 'refunded' AND refund_has_receipt AND refund_has_inspection, ${msBetween('received_at', 'inspected_at')}, 0) AS received_to_inspected_ms,
            if(fact = 'refunded' AND refund_has_receipt AND refund_has_inspection, ${msBetween('inspected_at', 'refunded_at')}, 0) AS inspected_to_refunded_ms,
            if(fact = 'refunded', toInt64(is_requested), 0) AS has_request, if(fact = 'refunded', toInt64(refund_has_receipt), 0) AS has_receipt,
            if(fact = 'refunded', toInt64(refund_has_receipt AND refund_has_inspection), 0) AS has_inspection,
            if(fact = 'refunded', toInt64(NOT refund_has_receipt), 0) AS before_receipt
     FROM ${t.state}
     ARRAY JOIN arrayFilter(x -> x.2 IS NOT NULL, [('requested', requested_at), ('authorized', authorized_at), ('received', received_at), ('inspected', inspected_at), ('refunded', refunded_at)]) AS f
   )
   GROUP BY fact, t, rma_id, order_id, sku, reason, warehouse_id, disposition
   HAVING n != 0 OR units != 0 OR label_cost != 0 OR amount != 0 OR restocking_fee != 0 OR requested_to_refund_ms != 0 OR received_to_refund_ms != 0
       OR requested_to_received_ms != 0 OR received_to_inspected_ms != 0 OR inspected_to_refunded_ms != 0 OR has_request != 0 OR has_receipt != 0
       OR has_inspection != 0 OR before_receipt != 0`,
  // Received units wait in inspection, then go where their disposition sends them (liquidated units leave).
  `INSERT INTO inventory_positions
   SELECT location, sku, state, src, sum(qty) AS qty FROM (
     SELECT location, sku, state, src, -qty AS qty FROM inventory_positions WHERE src IN (SELECT concat('return:', rma_id) FROM ${t.state})
     UNION ALL
     SELECT warehouse_id AS location, sku, if(inspected_at IS NULL, 'pending_inspection',
              transform(disposition, ['restock', 'refurbish', 'vendor_claim', 'scrap'], ['available', 'refurbish', 'quarantined', 'damaged'], '')) AS state,
            concat('return:', rma_id) AS src, assumeNotNull(qty_received) AS qty
     FROM ${t.state}
     WHERE received_at IS NOT NULL AND sku != '' AND coalesce(qty_received, 0) != 0 AND state != ''
   )
   GROUP BY location, sku, state, src HAVING qty != 0`,
];

/** Mismatches (quantity, serial), and inspection and refund deadlines missed after receipt. */
export const returnExceptionsSql = (state: string) => `
SELECT exception_id, 'return' AS entity_kind, rma_id AS entity_id, order_id, warehouse_id, category, opened_at, closed_at, close_reason, detail, '{}' AS data FROM (
  SELECT rma_id, order_id, warehouse_id, concat('return_mismatch:', rma_id, ':qty') AS exception_id, 'return_mismatch' AS category, assumeNotNull(received_at) AS opened_at,
         CAST(NULL AS Nullable(DateTime64(3, 'UTC'))) AS closed_at, '' AS close_reason,
         concat('Received ', toString(qty_received), ' of ', toString(qty), ' requested') AS detail
  FROM ${state} WHERE received_at IS NOT NULL AND is_requested AND qty_received != qty
  UNION ALL
  SELECT rma_id, order_id, warehouse_id, concat('return_mismatch:', rma_id, ':serial'), 'return_mismatch', assumeNotNull(inspected_at), NULL, '',
         'Serial number does not match the order'
  FROM ${state} WHERE inspected_at IS NOT NULL AND serial_match = false
  UNION ALL
  SELECT rma_id, order_id, warehouse_id, concat('inspection_overdue:', rma_id), 'inspection_overdue',
         assumeNotNull(received_at) + toIntervalMillisecond(${INSPECTION_DEADLINE_MS}),
         inspected_at, if(inspected_at IS NULL, '', 'return.inspected'), 'Not inspected within 24 h of receipt'
  FROM ${state} WHERE received_at IS NOT NULL AND (inspected_at IS NULL OR inspected_at > received_at + toIntervalMillisecond(${INSPECTION_DEADLINE_MS}))
  UNION ALL
  SELECT rma_id, order_id, warehouse_id, concat('refund_overdue:', rma_id), 'refund_overdue',
         assumeNotNull(received_at) + toIntervalMillisecond(${REFUND_DEADLINE_MS}),
         settled_at, settled_type, 'Not refunded within 48 h of receipt'
  FROM ${state}
  WHERE received_at IS NOT NULL AND NOT (settled_at IS NOT NULL AND settled_at <= received_at + toIntervalMillisecond(${REFUND_DEADLINE_MS}))
)`;
