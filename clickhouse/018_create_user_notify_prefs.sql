-- Each user's own choice of alerts by email (Your account): the address, which alert types (empty:
-- every type that concerns them), and quiet hours in their zone. Alerts only ever reach a user if
-- they concern the user (role, warehouses), as in the app. Newest version wins.
CREATE TABLE IF NOT EXISTS user_notify_prefs
(
    username String,
    email String,
    enabled UInt8,
    types Array(String),
    quiet_start String,
    quiet_end String,
    time_zone String,
    critical_overrides UInt8,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
-- Read by user, or all at once by the sender.
ORDER BY username;
