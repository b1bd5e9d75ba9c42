-- 0003: SQLite compares text byte by byte already, and sorts NULL first: pages need only the index.
CREATE INDEX events_date_id ON events (date, event_id);
