-- The admin area's records. Audit entries name the record they concern (an order, a user, a dead
-- letter), so the audit log can be filtered by it; operator actions written before this column
-- existed name it in their payload, which the filter also searches.
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS record String DEFAULT '';

-- What an admin did with a dead letter: replayed (its event published again, as sent or corrected)
-- or discarded. The dead letter itself stays as it arrived. Read by key and joined onto the list;
-- the newest outcome wins (version).
CREATE TABLE IF NOT EXISTS dead_letter_outcomes
(
    dead_letter_id String,
    outcome LowCardinality(String),
    decided_by String,
    decided_at DateTime64(3, 'UTC'),
    note String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
-- Looked up by dead letter only.
ORDER BY dead_letter_id;
