-- Alert delivery settings as an admin last saved them in the app (channels, routes, escalation,
-- digest; JSON as lib/notify/config.ts defines it, secrets included — never shown back). When no row
-- exists, OPS_NOTIFY_CONFIG applies. One row per save; the newest version is the settings in force.
CREATE TABLE IF NOT EXISTS notify_settings
(
    id LowCardinality(String),
    settings String,
    saved_by String,
    saved_at DateTime64(3, 'UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
-- One settings document ('current'): read by id.
ORDER BY id;
