-- returns_current was ordered by (order_id, rma_id), but a return's order is only known from its
-- return.requested event. A return whose other events were applied before its request (out of
-- order, or a history that begins mid-return) kept a row under order_id '' that the later row,
-- under its order, never replaced: such returns were listed and counted twice. Found by
-- stream-processor/rollup/rollup.integration.test.ts (shuffled arrival vs in order).
--
-- ORDER BY rma_id: the row's identity is the RMA alone, so each RMA has one current row whatever
-- the order its events arrive in. The order page reads by order_id through the projection.
CREATE TABLE IF NOT EXISTS returns_current_by_rma
(
    order_id String,
    rma_id String,
    sku String,
    qty Nullable(Int64),
    reason LowCardinality(String),
    reason_detail String,
    status LowCardinality(String),
    warehouse_id LowCardinality(String),
    requested_at Nullable(DateTime64(3, 'UTC')),
    authorized_at Nullable(DateTime64(3, 'UTC')),
    rejected_at Nullable(DateTime64(3, 'UTC')),
    received_at Nullable(DateTime64(3, 'UTC')),
    qty_received Nullable(Int64),
    inspected_at Nullable(DateTime64(3, 'UTC')),
    disposition LowCardinality(String),
    condition LowCardinality(String),
    serial_match Nullable(Bool),
    refund_approved_at Nullable(DateTime64(3, 'UTC')),
    approved_amount Nullable(Decimal(18, 4)),
    refunded_at Nullable(DateTime64(3, 'UTC')),
    amount Nullable(Decimal(18, 4)),
    restocking_fee Nullable(Decimal(18, 4)),
    method LowCardinality(String),
    closed_at Nullable(DateTime64(3, 'UTC')),
    label_cost Nullable(Decimal(18, 4)),
    version UInt64,
    PROJECTION by_order (SELECT * ORDER BY order_id)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY rma_id
SETTINGS deduplicate_merge_projection_mode = 'rebuild';

-- The newest row of each RMA; the re-derivation queued below rewrites every one from its events.
INSERT INTO returns_current_by_rma SELECT * FROM returns_current ORDER BY version DESC LIMIT 1 BY rma_id;

RENAME TABLE returns_current TO returns_current_by_order_old, returns_current_by_rma TO returns_current;

DROP TABLE IF EXISTS returns_current_by_order_old;

INSERT INTO rederive_queue SELECT 'returns', rma_id, now64(3) FROM return_events GROUP BY rma_id;
