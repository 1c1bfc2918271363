-- Alerts of SPEC section 5: one row per (type, entity) — its alert_id — holding the latest state
-- the rules gave it (severity, resolved or not). ORDER BY alert_id: alerts are read by id, and the
-- open set is small enough to read whole with FINAL.
CREATE TABLE IF NOT EXISTS alerts
(
    alert_id String,
    type LowCardinality(String),
    severity LowCardinality(String),
    entity_kind LowCardinality(String),
    entity_id String,
    warehouse_id LowCardinality(String),
    category LowCardinality(String),
    title String,
    detail String,
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    resolved_at Nullable(DateTime64(3, 'UTC')),
    resolve_reason String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY alert_id;

-- Acknowledgements are kept apart from the rule-written state, so a rule updating an alert (a
-- warning turning critical) cannot undo a person's acknowledgement. Latest per alert.
CREATE TABLE IF NOT EXISTS alert_acks
(
    alert_id String,
    acknowledged_by String,
    acknowledged_at DateTime64(3, 'UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY alert_id;
