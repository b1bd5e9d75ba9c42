-- 0005: the last day of an event told as a range ("from Monday to Wednesday"), and how exactly
-- and how surely its place is known (city, region or country; a confidence from 0 to 1).
ALTER TABLE events ADD COLUMN date_end TEXT;
ALTER TABLE events ADD COLUMN place_precision TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN place_confidence REAL NOT NULL DEFAULT 0;
