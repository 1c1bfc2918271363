-- Raw events, one table per family, every SPEC field as a column plus the JSON exactly as received.
-- ORDER BY starts with the entity key because the two readers of raw events are the order timeline
-- (all events of one order) and the processor's rare exact-duplicate checks; occurred_at next so a
-- timeline reads in business-time order. ReplacingMergeTree on that key (which ends in event_id)
-- removes a duplicate that slipped past the processor's check during a consumer-group rebalance.

CREATE TABLE IF NOT EXISTS order_events
(
    event_id String,
    type LowCardinality(String),
    occurred_at DateTime64(3, 'UTC'),
    source LowCardinality(String),
    schema_version UInt16,
    order_id String,
    channel LowCardinality(String),
    customer_ref String,
    ship_by Nullable(DateTime64(3, 'UTC')),
    warehouse_id LowCardinality(String),
    carrier LowCardinality(String),
    service_level LowCardinality(String),
    promised_delivery_at Nullable(DateTime64(3, 'UTC')),
    `lines.sku` Array(String),
    `lines.qty` Array(Int64),
    `lines.unit_price` Array(Decimal(18, 4)),
    `lines.unit_cost` Array(Decimal(18, 4)),
    `lines.category` Array(LowCardinality(String)),
    shipping_charged Nullable(Decimal(18, 4)),
    fees Nullable(Decimal(18, 4)),
    reason LowCardinality(String),
    sku String,
    qty_short Nullable(Int64),
    tracking_id String,
    shipping_cost Nullable(Decimal(18, 4)),
    to_warehouse LowCardinality(String),
    actor String,
    exception_id String,
    category LowCardinality(String),
    assignee String,
    note String,
    raw String CODEC(ZSTD(3)),
    ingested_at DateTime64(3, 'UTC'),
    bus_topic LowCardinality(String),
    bus_partition Int32,
    bus_offset Int64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (order_id, occurred_at, event_id);

CREATE TABLE IF NOT EXISTS inventory_events
(
    event_id String,
    type LowCardinality(String),
    occurred_at DateTime64(3, 'UTC'),
    source LowCardinality(String),
    schema_version UInt16,
    sku String,
    location LowCardinality(String),
    qty Nullable(Int64),
    unit_cost Nullable(Decimal(18, 4)),
    qty_delta Nullable(Int64),
    reason LowCardinality(String),
    counted_qty Nullable(Int64),
    expected_qty Nullable(Int64),
    from_state LowCardinality(String),
    to_state LowCardinality(String),
    actor String,
    exception_id String,
    category LowCardinality(String),
    assignee String,
    note String,
    raw String CODEC(ZSTD(3)),
    ingested_at DateTime64(3, 'UTC'),
    bus_topic LowCardinality(String),
    bus_partition Int32,
    bus_offset Int64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (sku, location, occurred_at, event_id);

CREATE TABLE IF NOT EXISTS carrier_events
(
    event_id String,
    type LowCardinality(String),
    occurred_at DateTime64(3, 'UTC'),
    source LowCardinality(String),
    schema_version UInt16,
    order_id String,
    tracking_id String,
    carrier LowCardinality(String),
    location String,
    reason LowCardinality(String),
    actor String,
    exception_id String,
    category LowCardinality(String),
    assignee String,
    note String,
    raw String CODEC(ZSTD(3)),
    ingested_at DateTime64(3, 'UTC'),
    bus_topic LowCardinality(String),
    bus_partition Int32,
    bus_offset Int64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (order_id, occurred_at, event_id);

CREATE TABLE IF NOT EXISTS return_events
(
    event_id String,
    type LowCardinality(String),
    occurred_at DateTime64(3, 'UTC'),
    source LowCardinality(String),
    schema_version UInt16,
    rma_id String,
    order_id String,
    sku String,
    qty Nullable(Int64),
    reason LowCardinality(String),
    reason_detail String,
    label_cost Nullable(Decimal(18, 4)),
    warehouse_id LowCardinality(String),
    qty_received Nullable(Int64),
    disposition LowCardinality(String),
    condition LowCardinality(String),
    serial_match Nullable(Bool),
    amount Nullable(Decimal(18, 4)),
    method LowCardinality(String),
    restocking_fee Nullable(Decimal(18, 4)),
    actor String,
    exception_id String,
    category LowCardinality(String),
    assignee String,
    note String,
    raw String CODEC(ZSTD(3)),
    ingested_at DateTime64(3, 'UTC'),
    bus_topic LowCardinality(String),
    bus_partition Int32,
    bus_offset Int64
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (rma_id, occurred_at, event_id);
