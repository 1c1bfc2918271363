-- A dead letter off the bus may not be UTF-8 (a poison message can be any bytes). Such payloads are
-- kept as base64 with raw_encoding = 'base64' so no byte is lost; everything else stays text.
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS raw_encoding LowCardinality(String) DEFAULT 'utf8' AFTER raw;
ALTER TABLE ingest ADD COLUMN IF NOT EXISTS raw_encoding LowCardinality(String) DEFAULT 'utf8';

-- The view lists its columns, so it is recreated to carry the new one (at start-up, before any
-- batch is written).
DROP VIEW IF EXISTS dead_letters_mv;
CREATE MATERIALIZED VIEW IF NOT EXISTS dead_letters_mv TO dead_letters AS
SELECT dead_letter_id, ingested_at AS received_at, stage, reason, errors, event_id, event_type, raw,
       raw_encoding, bus_topic, bus_partition, bus_offset, bus_key
FROM ingest WHERE kind = 'dead_letter';
