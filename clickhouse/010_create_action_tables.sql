-- Results of operator actions by action_id, so the same action_id twice is done once and the
-- second request gets the first one's answer. Read by key.
CREATE TABLE IF NOT EXISTS actions
(
    action_id String,
    result String,
    created_at DateTime64(3, 'UTC')
)
ENGINE = EmbeddedRocksDB
PRIMARY KEY action_id
SETTINGS optimize_for_bulk_insert = 0;

-- Who did what, when, to what, and how it ended — refusals included. ORDER BY at: the audit is
-- read newest first by time range.
CREATE TABLE IF NOT EXISTS audit_log
(
    at DateTime64(3, 'UTC'),
    action_id String,
    actor String,
    actor_kind LowCardinality(String),
    role LowCardinality(String),
    type LowCardinality(String),
    payload String,
    result LowCardinality(String),
    error String,
    before String,
    after String,
    event_ids Array(String)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (at, action_id);
