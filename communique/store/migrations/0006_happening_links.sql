-- 0006: indexes for linking a new story's reports to stored reports of the same happenings
-- (store/linking.py). Reports of one happening have sources that share their first three
-- letters ("KOR", "KORGOV") and dates weeks apart at most: this index finds them in a seek per
-- actor, however many events the store holds. The second finds the other reports of a happening.
CREATE INDEX events_link ON events (substr(source, 1, 3), date);
CREATE INDEX events_happening ON events (happening_id);

-- The clock time told with an event and the zone it was told in ("at 0300 GMT": 03:00, UTC).
ALTER TABLE events ADD COLUMN time TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
