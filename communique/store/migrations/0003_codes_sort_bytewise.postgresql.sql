-- 0003: codes, dates and ids compare byte by byte, as in SQLite, whatever the database's locale, so
-- that a code prefix is an index range and pages come in the same order; undated events sort first.
ALTER TABLE events ALTER COLUMN event_id TYPE TEXT COLLATE "C";
ALTER TABLE events ALTER COLUMN happening_id TYPE TEXT COLLATE "C";
ALTER TABLE events ALTER COLUMN date TYPE TEXT COLLATE "C";
ALTER TABLE events ALTER COLUMN source TYPE TEXT COLLATE "C";
ALTER TABLE events ALTER COLUMN target TYPE TEXT COLLATE "C";
ALTER TABLE events ALTER COLUMN cameo TYPE TEXT COLLATE "C";
CREATE INDEX events_date_id ON events (date NULLS FIRST, event_id);
