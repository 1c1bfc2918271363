-- Facts: what the KPI board sums over a window. Each row carries `sign` (+1 or −1 to retract a fact
-- an entity no longer has), and the views multiply measures by it, so a plain sum() is exact at any
-- moment. SummingMergeTree folds a fact and its retraction to nothing when parts merge.
-- Every ORDER BY starts (fact, t): each board query reads one fact kind over a time range, so the
-- primary key alone narrows it to the window. Columns that are not summed are in the key, so a
-- retraction folds with exactly the row it retracts.

CREATE TABLE IF NOT EXISTS order_facts
(
    fact LowCardinality(String),
    t DateTime64(3, 'UTC'),
    order_id String,
    channel LowCardinality(String),
    warehouse_id LowCardinality(String),
    n Int64,
    revenue Decimal(38, 4),
    cogs Decimal(38, 4),
    shipping_cost Decimal(38, 4),
    fees Decimal(38, 4),
    units Int64,
    on_time Int64,
    created_at_ms Int64,
    allocated_at_ms Int64,
    picked_at_ms Int64,
    packed_at_ms Int64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(t)
ORDER BY (fact, t, order_id, channel, warehouse_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS order_facts_mv TO order_facts AS
SELECT fact, t, order_id, channel, warehouse_id, sign AS n,
       coalesce(revenue, 0) * sign AS revenue, coalesce(cogs, 0) * sign AS cogs,
       coalesce(shipping_cost, 0) * sign AS shipping_cost, coalesce(fees, 0) * sign AS fees,
       units * sign AS units, on_time * sign AS on_time,
       created_at_ms * sign AS created_at_ms, allocated_at_ms * sign AS allocated_at_ms,
       picked_at_ms * sign AS picked_at_ms, packed_at_ms * sign AS packed_at_ms
FROM ingest WHERE kind = 'order_fact';

-- Shipped units per line: the denominator of return rates by SKU and category.
CREATE TABLE IF NOT EXISTS line_facts
(
    t DateTime64(3, 'UTC'),
    order_id String,
    sku String,
    category LowCardinality(String),
    channel LowCardinality(String),
    warehouse_id LowCardinality(String),
    units Int64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(t)
ORDER BY (t, order_id, sku, category, channel, warehouse_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS line_facts_mv TO line_facts AS
SELECT t, order_id, sku, category, channel, warehouse_id, units * sign AS units
FROM ingest WHERE kind = 'line_fact';

-- Return facts keep their order_id and SKU; channel, category and unit cost are the order line's
-- and are joined from order_info when queried, so a return applied before its order still counts
-- under the right channel once the order arrives.
CREATE TABLE IF NOT EXISTS return_facts
(
    fact LowCardinality(String),
    t DateTime64(3, 'UTC'),
    rma_id String,
    order_id String,
    sku String,
    reason LowCardinality(String),
    warehouse_id LowCardinality(String),
    disposition LowCardinality(String),
    n Int64,
    units Int64,
    label_cost Decimal(38, 4),
    amount Decimal(38, 4),
    restocking_fee Decimal(38, 4),
    requested_to_refund_ms Int64,
    received_to_refund_ms Int64,
    requested_to_received_ms Int64,
    received_to_inspected_ms Int64,
    inspected_to_refunded_ms Int64,
    has_request Int64,
    has_receipt Int64,
    has_inspection Int64,
    before_receipt Int64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(t)
ORDER BY (fact, t, rma_id, order_id, sku, reason, warehouse_id, disposition);

CREATE MATERIALIZED VIEW IF NOT EXISTS return_facts_mv TO return_facts AS
SELECT fact, t, rma_id, order_id, sku, reason, warehouse_id, disposition, sign AS n, units * sign AS units,
       coalesce(label_cost, 0) * sign AS label_cost, coalesce(amount, 0) * sign AS amount,
       coalesce(restocking_fee, 0) * sign AS restocking_fee,
       requested_to_refund_ms * sign AS requested_to_refund_ms, received_to_refund_ms * sign AS received_to_refund_ms,
       requested_to_received_ms * sign AS requested_to_received_ms, received_to_inspected_ms * sign AS received_to_inspected_ms,
       inspected_to_refunded_ms * sign AS inspected_to_refunded_ms, has_request * sign AS has_request,
       has_receipt * sign AS has_receipt, has_inspection * sign AS has_inspection, before_receipt * sign AS before_receipt
FROM ingest WHERE kind = 'return_fact';

CREATE TABLE IF NOT EXISTS exception_facts
(
    fact LowCardinality(String),
    t DateTime64(3, 'UTC'),
    exception_id String,
    category LowCardinality(String),
    -- Carrier exceptions know their order, not its warehouse: queries take it from order_info.
    order_id String,
    warehouse_id LowCardinality(String),
    n Int64,
    resolve_ms Int64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(t)
ORDER BY (fact, t, exception_id, category, order_id, warehouse_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS exception_facts_mv TO exception_facts AS
SELECT fact, t, exception_id, category, order_id, warehouse_id, sign AS n, resolve_ms * sign AS resolve_ms
FROM ingest WHERE kind = 'exception_fact';

-- One row per cycle count (counts are never retracted). ORDER BY (t, location): accuracy reads a
-- window, optionally one location; the alert reads each location's latest counts.
CREATE TABLE IF NOT EXISTS count_facts
(
    t DateTime64(3, 'UTC'),
    location LowCardinality(String),
    sku String,
    event_id String,
    counted_qty Int64,
    expected_qty Int64,
    unit_cost Nullable(Decimal(18, 4))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(t)
ORDER BY (t, location, sku, event_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS count_facts_mv TO count_facts AS
SELECT t, location, sku, event_id, assumeNotNull(counted_qty) AS counted_qty, assumeNotNull(expected_qty) AS expected_qty, unit_cost
FROM ingest WHERE kind = 'count_fact';

-- Units per SKU, location and state: movement deltas summed. Small (SKUs × locations × 8), so
-- ORDER BY (location, sku, state) serves both "a location's stock" and "a SKU's stock".
CREATE TABLE IF NOT EXISTS inventory_positions
(
    location LowCardinality(String),
    sku String,
    state LowCardinality(String),
    qty Int64
)
ENGINE = SummingMergeTree
ORDER BY (location, sku, state);

CREATE MATERIALIZED VIEW IF NOT EXISTS inventory_positions_mv TO inventory_positions AS
SELECT location, sku, inv_state AS state, delta AS qty
FROM ingest WHERE kind = 'position';

-- Latest known unit cost per SKU (from order lines, receipts and counts), to value stock.
CREATE TABLE IF NOT EXISTS sku_costs
(
    sku String,
    unit_cost Decimal(18, 4),
    t DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(t)
ORDER BY sku;

CREATE MATERIALIZED VIEW IF NOT EXISTS sku_costs_mv TO sku_costs AS
SELECT sku, assumeNotNull(unit_cost) AS unit_cost, t
FROM ingest WHERE kind = 'sku_cost' AND unit_cost IS NOT NULL;
