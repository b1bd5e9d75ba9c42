-- 0008: the dyad index holds event_id after date, in the order pages come in. A page of a dyad's
-- events gathers the dyad's entries from a few ranges of this index (one a source code, see
-- query.dyad_seek) and sorts them by (date, event_id): with event_id in the index that sort reads
-- no table row, and only the page's own rows are read afterwards. The series (aggregate) read
-- the same columns as before.
DROP INDEX events_dyad_date;
CREATE INDEX events_dyad_date ON events (source, target, date, event_id, quad_class, cameo, goldstein, happening_id, negated, modality);
