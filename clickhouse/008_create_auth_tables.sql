-- Users of SPEC section 1. One row per user after merges; read by username.
CREATE TABLE IF NOT EXISTS users
(
    username String,
    password_hash String,
    role LowCardinality(String),
    warehouses Array(String),
    disabled UInt8,
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY username;

-- Server-side sessions, so sign-out and expiry take effect at once. Keyed by the SHA-256 of the
-- cookie's token (the token itself is never stored); read by key on every request.
CREATE TABLE IF NOT EXISTS sessions
(
    token_hash String,
    username String,
    csrf String,
    created_at DateTime64(3, 'UTC'),
    expires_at DateTime64(3, 'UTC')
)
ENGINE = EmbeddedRocksDB
PRIMARY KEY token_hash
SETTINGS optimize_for_bulk_insert = 0;
