-- Everything that failed validation, kept with the raw payload and where it came from.
-- ORDER BY received_at: the only reader lists the newest dead letters first, by time range.
CREATE TABLE IF NOT EXISTS dead_letters
(
    dead_letter_id String,
    received_at DateTime64(3, 'UTC'),
    stage LowCardinality(String),
    reason String,
    errors String,
    event_id String,
    event_type String,
    raw String CODEC(ZSTD(3)),
    bus_topic LowCardinality(String),
    bus_partition Int32,
    bus_offset Int64,
    bus_key String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (received_at, dead_letter_id);
