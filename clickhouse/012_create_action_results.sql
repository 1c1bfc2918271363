-- Results of operator actions by action_id, with the principal that sent it: the same action_id
-- from the same principal is done once and answered with the first result; from another
-- principal it is refused (409), never answered with someone else's result. Replaces `actions`,
-- whose rows did not say who sent them; they are copied with an empty principal and still answer
-- a resend of their own id. Read by key.
CREATE TABLE IF NOT EXISTS action_results
(
    action_id String,
    principal String,
    result String,
    created_at DateTime64(3, 'UTC')
)
ENGINE = EmbeddedRocksDB
PRIMARY KEY action_id
SETTINGS optimize_for_bulk_insert = 0;

INSERT INTO action_results SELECT action_id, '', result, created_at FROM actions;
