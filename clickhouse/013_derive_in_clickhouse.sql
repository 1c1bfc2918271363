-- Derived state is computed in ClickHouse from the raw events (stream-processor/rollup), no longer
-- in the processor from per-entity snapshots. The processor appends raw events (one insert per
-- table), then re-derives the entities of the batch in SQL from their de-duplicated events, so
-- duplicates and arrival order cannot change a result. Every derived table is rebuilt from the raw
-- events: they are emptied here and every stored entity is queued for re-derivation.

-- The snapshot pipeline: one Null table fanned out by 21 views.
DROP VIEW IF EXISTS order_events_mv;
DROP VIEW IF EXISTS inventory_events_mv;
DROP VIEW IF EXISTS carrier_events_mv;
DROP VIEW IF EXISTS return_events_mv;
DROP VIEW IF EXISTS dead_letters_mv;
DROP VIEW IF EXISTS entity_snapshots_mv;
DROP VIEW IF EXISTS freshness_mv;
DROP VIEW IF EXISTS order_facts_mv;
DROP VIEW IF EXISTS line_facts_mv;
DROP VIEW IF EXISTS return_facts_mv;
DROP VIEW IF EXISTS exception_facts_mv;
DROP VIEW IF EXISTS count_facts_mv;
DROP VIEW IF EXISTS inventory_positions_mv;
DROP VIEW IF EXISTS sku_costs_mv;
DROP VIEW IF EXISTS orders_current_mv;
DROP VIEW IF EXISTS open_orders_mv;
DROP VIEW IF EXISTS order_info_mv;
DROP VIEW IF EXISTS returns_current_mv;
DROP VIEW IF EXISTS parcels_current_mv;
DROP VIEW IF EXISTS exceptions_mv;
DROP VIEW IF EXISTS open_exceptions_mv;
DROP TABLE IF EXISTS ingest;
DROP TABLE IF EXISTS entity_snapshots;

DROP TABLE IF EXISTS order_facts;
DROP TABLE IF EXISTS line_facts;
DROP TABLE IF EXISTS return_facts;
DROP TABLE IF EXISTS exception_facts;
DROP TABLE IF EXISTS count_facts;
DROP TABLE IF EXISTS inventory_positions;
DROP TABLE IF EXISTS sku_costs;
DROP TABLE IF EXISTS orders_current;
DROP TABLE IF EXISTS open_orders;
DROP TABLE IF EXISTS order_info;
DROP TABLE IF EXISTS returns_current;
DROP TABLE IF EXISTS parcels_current;
DROP TABLE IF EXISTS exceptions;
DROP TABLE IF EXISTS open_exceptions;

-- A count's tolerance verdict, taken by the processor when the count is first seen, so a later
-- change of tolerance does not rewrite history.
ALTER TABLE inventory_events ADD COLUMN IF NOT EXISTS outside UInt8 DEFAULT if(type = 'inventory.counted' AND counted_qty != expected_qty, 1, 0);

-- Entities to re-derive from their raw events (after this migration, or `npm run rederive`). At
-- start-up they are sent to their entity's topic as re-derive requests, so the partition's owner
-- re-derives them in turn with its own batches, and the queue is emptied. ORDER BY requested_at:
-- read and emptied in that order.
CREATE TABLE IF NOT EXISTS rederive_queue
(
    family LowCardinality(String),
    key String,
    requested_at DateTime64(3, 'UTC')
)
ENGINE = MergeTree
ORDER BY requested_at;

-- Newest event applied, when, the latest batch's lag, and how many events, per family. One row per
-- family after merges (ORDER BY family); `lag` is the (applied_at, lag_ms) of the latest write, so
-- max() picks the latest batch's lag. Written directly by the processor after each insert.
DROP TABLE IF EXISTS freshness;
CREATE TABLE IF NOT EXISTS freshness
(
    family LowCardinality(String),
    last_event_at SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    applied_at SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    lag SimpleAggregateFunction(max, Tuple(DateTime64(3, 'UTC'), UInt32)),
    events SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
ORDER BY family;

-- Facts: what the board sums over a window. Each row carries n (+1, or −1 to retract a fact an
-- entity no longer has) and signed measures, so a plain sum() is exact at any moment; a fact and
-- its retraction fold to nothing when parts merge. ORDER BY (fact, t): each board query reads one
-- fact kind over a time range. The projection by entity is how the rollup finds an entity's current
-- facts to retract (SummingMergeTree rebuilds it on merges).
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
    packed_at_ms Int64,
    PROJECTION by_entity (SELECT * ORDER BY order_id)
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(t)
ORDER BY (fact, t, order_id, channel, warehouse_id)
SETTINGS deduplicate_merge_projection_mode = 'rebuild';

-- Shipped units per line: the denominator of return rates by SKU and category.
CREATE TABLE IF NOT EXISTS line_facts
(
    t DateTime64(3, 'UTC'),
    order_id String,
    sku String,
    category LowCardinality(String),
    channel LowCardinality(String),
    warehouse_id LowCardinality(String),
    units Int64,
    PROJECTION by_entity (SELECT * ORDER BY order_id)
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(t)
ORDER BY (t, order_id, sku, category, channel, warehouse_id)
SETTINGS deduplicate_merge_projection_mode = 'rebuild';

-- Return facts keep their order_id and SKU; channel, category and unit cost are the order line's,
-- joined from order_info when queried, so a return applied before its order counts right once the
-- order arrives.
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
    before_receipt Int64,
    PROJECTION by_entity (SELECT * ORDER BY rma_id)
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(t)
ORDER BY (fact, t, rma_id, order_id, sku, reason, warehouse_id, disposition)
SETTINGS deduplicate_merge_projection_mode = 'rebuild';

CREATE TABLE IF NOT EXISTS exception_facts
(
    fact LowCardinality(String),
    t DateTime64(3, 'UTC'),
    exception_id String,
    category LowCardinality(String),
    entity_id String,
    -- Carrier exceptions know their order, not its warehouse: queries take it from order_info.
    order_id String,
    warehouse_id LowCardinality(String),
    n Int64,
    resolve_ms Int64,
    PROJECTION by_entity (SELECT * ORDER BY entity_id)
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(t)
ORDER BY (fact, t, exception_id, category, entity_id, order_id, warehouse_id)
SETTINGS deduplicate_merge_projection_mode = 'rebuild';

-- One row per cycle count, written once (a count never changes). ORDER BY (t, location): accuracy
-- reads a window, optionally one location; the alert reads each location's latest counts.
CREATE TABLE IF NOT EXISTS count_facts
(
    t DateTime64(3, 'UTC'),
    location LowCardinality(String),
    sku String,
    event_id String,
    counted_qty Int64,
    expected_qty Int64,
    unit_cost Nullable(Decimal(18, 4)),
    src String,
    PROJECTION by_entity (SELECT * ORDER BY src)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(t)
ORDER BY (t, location, sku, event_id)
SETTINGS deduplicate_merge_projection_mode = 'rebuild';

-- Units per SKU, location and state, as contributed by each entity (`src`: an inventory position,
-- an order that allocated or shipped stock, a return that brought it back). ORDER BY (location,
-- sku, state) serves "a location's stock" and "a SKU's stock"; sums over src are the position.
CREATE TABLE IF NOT EXISTS inventory_positions
(
    location LowCardinality(String),
    sku String,
    state LowCardinality(String),
    src String,
    qty Int64,
    PROJECTION by_entity (SELECT * ORDER BY src)
)
ENGINE = SummingMergeTree
ORDER BY (location, sku, state, src)
SETTINGS deduplicate_merge_projection_mode = 'rebuild';

-- Latest known unit cost per SKU (from receipts and counts), to value stock.
CREATE TABLE IF NOT EXISTS sku_costs
(
    sku String,
    unit_cost Decimal(18, 4),
    t DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(t)
ORDER BY sku;

-- Current state of each order, return, parcel and exception: one row per key after merges
-- (ReplacingMergeTree on the rollup's version); readers use FINAL or read by key.

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
    expedited_by String,
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
    expedited_by String,
    version UInt64,
    is_deleted UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY order_id
SETTINGS allow_experimental_replacing_merge_with_cleanup = 1;

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

-- Every exception ever (current version). ORDER BY (entity_id, exception_id): the order page, the
-- actions and the rollup read an entity's exceptions; the open set below serves the queues.
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
    data String DEFAULT '{}',
    version UInt64,
    is_deleted UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (entity_id, exception_id)
SETTINGS allow_experimental_replacing_merge_with_cleanup = 1;

-- Exceptions not closed, including time-driven ones due to open later (a late shipment opens at
-- ship_by). Closed ones are marked deleted, so FINAL reads only the live queue; ORDER BY
-- (category, exception_id) because queues are read per category.
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
    data String DEFAULT '{}',
    version UInt64,
    is_deleted UInt8
)
ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY (category, exception_id)
SETTINGS allow_experimental_replacing_merge_with_cleanup = 1;

-- Every entity already stored is re-derived, and freshness is rebuilt from the raw events.
INSERT INTO rederive_queue SELECT 'orders', order_id, now64(3) FROM order_events GROUP BY order_id;
INSERT INTO rederive_queue SELECT 'carrier', order_id, now64(3) FROM carrier_events GROUP BY order_id;
INSERT INTO rederive_queue SELECT 'returns', rma_id, now64(3) FROM return_events GROUP BY rma_id;
INSERT INTO rederive_queue SELECT 'inventory', concat(sku, '@', location), now64(3) FROM inventory_events GROUP BY sku, location;
INSERT INTO freshness SELECT 'orders', maxIf(occurred_at, occurred_at <= ingested_at), max(ingested_at), (max(ingested_at), toUInt32(0)), uniqExact(event_id) FROM order_events HAVING count() > 0;
INSERT INTO freshness SELECT 'carrier', maxIf(occurred_at, occurred_at <= ingested_at), max(ingested_at), (max(ingested_at), toUInt32(0)), uniqExact(event_id) FROM carrier_events HAVING count() > 0;
INSERT INTO freshness SELECT 'returns', maxIf(occurred_at, occurred_at <= ingested_at), max(ingested_at), (max(ingested_at), toUInt32(0)), uniqExact(event_id) FROM return_events HAVING count() > 0;
INSERT INTO freshness SELECT 'inventory', maxIf(occurred_at, occurred_at <= ingested_at), max(ingested_at), (max(ingested_at), toUInt32(0)), uniqExact(event_id) FROM inventory_events HAVING count() > 0;
