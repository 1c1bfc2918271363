-- Current state of each order, return, parcel and exception: one row per key after merges
-- (ReplacingMergeTree on the processor's version); readers use FINAL or read by key.

-- Order lookup and search read one order by id, or by customer ref / tracking id (bloom filters).
CREATE TABLE IF NOT EXISTS orders_current
(
    order_id String,
    status LowCardinality(String),
    channel LowCardinality(String),
    customer_ref String,
    warehouse_id LowCardinality(String),
    ship_by Nullable(DateTime64(3, 'UTC')),
    created_at Nullable(DateTime64(3, 'UTC')),
    allocated_at Nullable(DateTime64(3, 'UTC')),
    picked_at Nullable(DateTime64(3, 'UTC')),
    packed_at Nullable(DateTime64(3, 'UTC')),
    shipped_at Nullable(DateTime64(3, 'UTC')),
    cancelled_at Nullable(DateTime64(3, 'UTC')),
    held UInt8,
    hold_reason LowCardinality(String),
    carrier LowCardinality(String),
    tracking_id String,
    service_level LowCardinality(String),
    promised_delivery_at Nullable(DateTime64(3, 'UTC')),
    expedited_at Nullable(DateTime64(3, 'UTC')),
    revenue Decimal(18, 4),
    cogs Decimal(18, 4),
    fees Decimal(18, 4),
    shipping_charged Decimal(18, 4),
    shipping_cost Decimal(18, 4),
    units Int64,
    `lines.sku` Array(String),
    `lines.qty` Array(Int64),
    `lines.unit_price` Array(Decimal(18, 4)),
    `lines.unit_cost` Array(Decimal(18, 4)),
    `lines.category` Array(LowCardinality(String)),
    version UInt64,
    INDEX customer_ref_bf customer_ref TYPE bloom_filter GRANULARITY 1,
    INDEX tracking_id_bf tracking_id TYPE bloom_filter GRANULARITY 1
)
ENGINE = ReplacingMergeTree(version)
ORDER BY order_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS orders_current_mv TO orders_current AS
SELECT order_id, status, channel, customer_ref, warehouse_id, ship_by, created_at, allocated_at, picked_at, packed_at,
       shipped_at, cancelled_at, held, hold_reason, carrier, tracking_id, service_level, promised_delivery_at, expedited_at,
       revenue, cogs, coalesce(fees, 0) AS fees, coalesce(shipping_charged, 0) AS shipping_charged,
       coalesce(shipping_cost, 0) AS shipping_cost, units, `lines.sku`, `lines.qty`, `lines.unit_price`, `lines.unit_cost`,
       `lines.category`, version
FROM ingest WHERE kind = 'order_state';

-- Orders not yet shipped or cancelled: what cutoff risk and the warehouse console scan. A closed
-- order's row is marked deleted, so FINAL keeps this set as small as the work in flight.
CREATE TABLE IF NOT EXISTS open_orders
(
    order_id String,
    status LowCardinality(String),
    stage LowCardinality(String),
    stage_at Nullable(DateTime64(3, 'UTC')),
    warehouse_id LowCardinality(String),
    channel LowCardinality(String),
    ship_by Nullable(DateTime64(3, 'UTC')),
    created_at Nullable(DateTime64(3, 'UTC')),
    held UInt8,
    carrier LowCardinality(String),
    service_level LowCardinality(String),
    expedited_at Nullable(DateTime64(3, 'UTC')),
    version UInt64,
    is_deleted UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY order_id
SETTINGS allow_experimental_replacing_merge_with_cleanup = 1;

CREATE MATERIALIZED VIEW IF NOT EXISTS open_orders_mv TO open_orders AS
SELECT order_id, status, stage, stage_at, warehouse_id, channel, ship_by, created_at, held, carrier, service_level,
       expedited_at, version, is_deleted
FROM ingest WHERE kind = 'open_order';

-- Order lines by order id, joined (direct join, key lookups) into return queries for channel,
-- category and unit cost. A key-value table because those joins read scattered order ids.
CREATE TABLE IF NOT EXISTS order_info
(
    order_id String,
    channel LowCardinality(String),
    warehouse_id LowCardinality(String),
    created_at Nullable(DateTime64(3, 'UTC')),
    `lines.sku` Array(String),
    `lines.qty` Array(Int64),
    `lines.unit_price` Array(Decimal(18, 4)),
    `lines.unit_cost` Array(Decimal(18, 4)),
    `lines.category` Array(String)
)
ENGINE = EmbeddedRocksDB
PRIMARY KEY order_id
SETTINGS optimize_for_bulk_insert = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS order_info_mv TO order_info AS
SELECT order_id, channel, warehouse_id, created_at, `lines.sku`, `lines.qty`, `lines.unit_price`, `lines.unit_cost`, `lines.category`
FROM ingest WHERE kind = 'order_info';

-- Returns by order (the order page lists them); rma_id second so one return is a key lookup too.
CREATE TABLE IF NOT EXISTS returns_current
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
    INDEX rma_id_bf rma_id TYPE bloom_filter GRANULARITY 1
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (order_id, rma_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS returns_current_mv TO returns_current AS
SELECT order_id, rma_id, sku, qty, reason, reason_detail, status, warehouse_id, requested_at, authorized_at, rejected_at,
       received_at, qty_received, inspected_at, disposition, condition, serial_match, refund_approved_at, approved_amount,
       refunded_at, amount, restocking_fee, method, closed_at, label_cost, version
FROM ingest WHERE kind = 'return_state';

CREATE TABLE IF NOT EXISTS parcels_current
(
    order_id String,
    carrier LowCardinality(String),
    tracking_id String,
    picked_up_at Nullable(DateTime64(3, 'UTC')),
    last_scan_at Nullable(DateTime64(3, 'UTC')),
    last_location String,
    delivered_at Nullable(DateTime64(3, 'UTC')),
    open_exceptions UInt32,
    version UInt64,
    INDEX tracking_id_bf tracking_id TYPE bloom_filter GRANULARITY 1
)
ENGINE = ReplacingMergeTree(version)
ORDER BY order_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS parcels_current_mv TO parcels_current AS
SELECT order_id, carrier, tracking_id, picked_up_at, last_scan_at, last_location, delivered_at, open_exceptions, version
FROM ingest WHERE kind = 'carrier_state';

-- Every exception ever (current version). ORDER BY (entity_id, exception_id): the order page and
-- actions read an entity's exceptions; the open set below serves the queues.
CREATE TABLE IF NOT EXISTS exceptions
(
    entity_id String,
    exception_id String,
    category LowCardinality(String),
    entity_kind LowCardinality(String),
    order_id String,
    warehouse_id LowCardinality(String),
    opened_at DateTime64(3, 'UTC'),
    closed_at Nullable(DateTime64(3, 'UTC')),
    close_reason LowCardinality(String),
    assignee String,
    resolved_by String,
    note String,
    detail String,
    version UInt64,
    is_deleted UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (entity_id, exception_id)
SETTINGS allow_experimental_replacing_merge_with_cleanup = 1;

CREATE MATERIALIZED VIEW IF NOT EXISTS exceptions_mv TO exceptions AS
SELECT entity_id, exception_id, category, entity_kind, order_id, warehouse_id, assumeNotNull(opened_at) AS opened_at, closed_at,
       close_reason, assignee, resolved_by, note, detail, version, is_deleted
FROM ingest WHERE kind = 'exception';

-- Exceptions not closed, including time-driven ones due to open later (a late shipment opens at
-- ship_by). Closed ones are marked deleted, so FINAL reads only the live queue.
CREATE TABLE IF NOT EXISTS open_exceptions
(
    category LowCardinality(String),
    exception_id String,
    entity_kind LowCardinality(String),
    entity_id String,
    order_id String,
    warehouse_id LowCardinality(String),
    opened_at DateTime64(3, 'UTC'),
    assignee String,
    detail String,
    version UInt64,
    is_deleted UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (category, exception_id)
SETTINGS allow_experimental_replacing_merge_with_cleanup = 1;

CREATE MATERIALIZED VIEW IF NOT EXISTS open_exceptions_mv TO open_exceptions AS
SELECT category, exception_id, entity_kind, entity_id, order_id, warehouse_id, assumeNotNull(opened_at) AS opened_at, assignee,
       detail, version, is_deleted
FROM ingest WHERE kind = 'open_exception';
