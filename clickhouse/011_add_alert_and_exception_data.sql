-- Structured facts behind an alert or exception (JSON), for the consoles to act on without parsing
-- text: a cutoff risk's ship_by, stage and expected need; a variance's SKU, location and counts.
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS data String DEFAULT '{}';
ALTER TABLE exceptions ADD COLUMN IF NOT EXISTS data String DEFAULT '{}';
ALTER TABLE open_exceptions ADD COLUMN IF NOT EXISTS data String DEFAULT '{}';
ALTER TABLE ingest ADD COLUMN IF NOT EXISTS data String;

-- The views list their columns, so they are recreated to carry the new one (at start-up, before
-- any batch is written).
DROP VIEW IF EXISTS exceptions_mv;
CREATE MATERIALIZED VIEW IF NOT EXISTS exceptions_mv TO exceptions AS
SELECT entity_id, exception_id, category, entity_kind, order_id, warehouse_id, assumeNotNull(opened_at) AS opened_at, closed_at,
       close_reason, assignee, resolved_by, note, detail, if(data = '', '{}', data) AS data, version, is_deleted
FROM ingest WHERE kind = 'exception';

DROP VIEW IF EXISTS open_exceptions_mv;
CREATE MATERIALIZED VIEW IF NOT EXISTS open_exceptions_mv TO open_exceptions AS
SELECT category, exception_id, entity_kind, entity_id, order_id, warehouse_id, assumeNotNull(opened_at) AS opened_at, assignee,
       detail, if(data = '', '{}', data) AS data, version, is_deleted
FROM ingest WHERE kind = 'open_exception';
