-- The processor writes each batch as ONE insert into `ingest`, a Null table (it keeps nothing);
-- materialized views route each row by `kind` to its table. One statement per batch is what makes a
-- batch all-or-nothing: raw events, the entity snapshots that record them as seen, and (later
-- migrations) every derived fact land together or not at all, so a redelivered batch can never be
-- half applied. Columns are the union of what the routed rows carry; later migrations add columns.

CREATE TABLE IF NOT EXISTS ingest
(
    kind LowCardinality(String),
    event_id String,
    type LowCardinality(String),
    occurred_at DateTime64(3, 'UTC'),
    source LowCardinality(String),
    schema_version UInt16,
    raw String,
    ingested_at DateTime64(3, 'UTC'),
    bus_topic LowCardinality(String),
    bus_partition Int32,
    bus_offset Int64,
    bus_key String,
    order_id String,
    rma_id String,
    sku String,
    location String,
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
    `lines.category` Array(String),
    shipping_charged Nullable(Decimal(18, 4)),
    fees Nullable(Decimal(18, 4)),
    reason String,
    qty_short Nullable(Int64),
    tracking_id String,
    shipping_cost Nullable(Decimal(18, 4)),
    to_warehouse LowCardinality(String),
    actor String,
    exception_id String,
    category LowCardinality(String),
    assignee String,
    note String,
    qty Nullable(Int64),
    unit_cost Nullable(Decimal(18, 4)),
    qty_delta Nullable(Int64),
    counted_qty Nullable(Int64),
    expected_qty Nullable(Int64),
    from_state LowCardinality(String),
    to_state LowCardinality(String),
    reason_detail String,
    label_cost Nullable(Decimal(18, 4)),
    qty_received Nullable(Int64),
    disposition LowCardinality(String),
    condition LowCardinality(String),
    serial_match Nullable(Bool),
    amount Nullable(Decimal(18, 4)),
    method LowCardinality(String),
    restocking_fee Nullable(Decimal(18, 4)),
    dead_letter_id String,
    stage LowCardinality(String),
    errors String,
    event_type String,
    entity String,
    state String,
    version UInt64,
    family LowCardinality(String),
    last_event_at DateTime64(3, 'UTC'),
    lag_ms UInt32,
    events UInt64
)
ENGINE = Null;

CREATE MATERIALIZED VIEW IF NOT EXISTS order_events_mv TO order_events AS
SELECT event_id, type, occurred_at, source, schema_version, order_id, channel, customer_ref, ship_by,
       warehouse_id, carrier, service_level, promised_delivery_at, `lines.sku`, `lines.qty`,
       `lines.unit_price`, `lines.unit_cost`, `lines.category`, shipping_charged, fees, reason, sku,
       qty_short, tracking_id, shipping_cost, to_warehouse, actor, exception_id, category, assignee,
       note, raw, ingested_at, bus_topic, bus_partition, bus_offset
FROM ingest WHERE kind = 'order_event';

CREATE MATERIALIZED VIEW IF NOT EXISTS inventory_events_mv TO inventory_events AS
SELECT event_id, type, occurred_at, source, schema_version, sku, location, qty, unit_cost, qty_delta,
       reason, counted_qty, expected_qty, from_state, to_state, actor, exception_id, category,
       assignee, note, raw, ingested_at, bus_topic, bus_partition, bus_offset
FROM ingest WHERE kind = 'inventory_event';

CREATE MATERIALIZED VIEW IF NOT EXISTS carrier_events_mv TO carrier_events AS
SELECT event_id, type, occurred_at, source, schema_version, order_id, tracking_id, carrier, location,
       reason, actor, exception_id, category, assignee, note, raw, ingested_at, bus_topic,
       bus_partition, bus_offset
FROM ingest WHERE kind = 'carrier_event';

CREATE MATERIALIZED VIEW IF NOT EXISTS return_events_mv TO return_events AS
SELECT event_id, type, occurred_at, source, schema_version, rma_id, order_id, sku, qty, reason,
       reason_detail, label_cost, warehouse_id, qty_received, disposition, condition, serial_match,
       amount, method, restocking_fee, actor, exception_id, category, assignee, note, raw,
       ingested_at, bus_topic, bus_partition, bus_offset
FROM ingest WHERE kind = 'return_event';

CREATE MATERIALIZED VIEW IF NOT EXISTS dead_letters_mv TO dead_letters AS
SELECT dead_letter_id, ingested_at AS received_at, stage, reason, errors, event_id, event_type, raw,
       bus_topic, bus_partition, bus_offset, bus_key
FROM ingest WHERE kind = 'dead_letter';

-- What the processor has already applied for each entity (`family:key`): the events it needs to
-- re-derive the entity when a late or out-of-order event arrives, and the event ids that make a
-- redelivered event a no-op. A key-value table because the processor reads it by random keys, a
-- few thousand per batch, where a MergeTree would scan most granules.
CREATE TABLE IF NOT EXISTS entity_snapshots
(
    entity String,
    state String CODEC(ZSTD(1)),
    version UInt64,
    updated_at DateTime64(3, 'UTC')
)
ENGINE = EmbeddedRocksDB
PRIMARY KEY entity
-- Memtable writes: the bulk path builds and ingests an SST file per insert, which costs
-- ~50 us a row at batch sizes and leaves thousands of small files for lookups to search.
SETTINGS optimize_for_bulk_insert = 0;

CREATE MATERIALIZED VIEW IF NOT EXISTS entity_snapshots_mv TO entity_snapshots AS
SELECT entity, state, version, ingested_at AS updated_at
FROM ingest WHERE kind = 'snapshot';

-- Newest event applied, when, and how long events waited, per family. One row per family after
-- merges, so ORDER BY family.
CREATE TABLE IF NOT EXISTS freshness
(
    family LowCardinality(String),
    last_event_at SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    applied_at SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    lag_ms AggregateFunction(argMax, UInt32, DateTime64(3, 'UTC')),
    events SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
ORDER BY family;

CREATE MATERIALIZED VIEW IF NOT EXISTS freshness_mv TO freshness AS
SELECT family, last_event_at, ingested_at AS applied_at, argMaxState(lag_ms, ingested_at) AS lag_ms, events
FROM ingest WHERE kind = 'freshness'
GROUP BY family, last_event_at, ingested_at, events;
