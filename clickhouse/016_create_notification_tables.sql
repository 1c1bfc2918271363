-- Alert delivery (docs/alerts.md, "Delivery"): one row per version of each notification — the
-- outbox the sender reads (status 'pending', next_at due) and the delivery log the admin page lists.
-- `notice` is what is sent (the alert as raised, its link, the escalation level's name), so a retry
-- sends the same message. Latest version wins.
CREATE TABLE IF NOT EXISTS notify_deliveries
(
    delivery_id String,
    alert_id String,
    -- 'alert' (a route), 'escalation' (a ladder level), 'test'
    reason LowCardinality(String),
    level Int16,
    channel_id String,
    channel_kind LowCardinality(String),
    -- Who or where, as shown to admins: the addresses, or the endpoint's host (never a secret).
    recipient String,
    -- pending | sent | dead | cancelled | suppressed
    status LowCardinality(String),
    attempts UInt16,
    next_at DateTime64(3, 'UTC'),
    created_at DateTime64(3, 'UTC'),
    sent_at Nullable(DateTime64(3, 'UTC')),
    last_error String,
    notice String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
-- Read and replaced by id; the sender's scan of pending rows reads the whole (small) table FINAL.
ORDER BY delivery_id;
