-- A user may take their alerts in one daily mail instead of one mail each: `mode` 'digest', sent at
-- `digest_at` (HH:MM) in their zone.
ALTER TABLE user_notify_prefs ADD COLUMN IF NOT EXISTS mode LowCardinality(String) DEFAULT 'immediate';
ALTER TABLE user_notify_prefs ADD COLUMN IF NOT EXISTS digest_at String DEFAULT '07:00';
