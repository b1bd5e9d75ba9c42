-- 0007: a dyad's happenings, kept up to date as events are stored, replaced, deleted and linked.
-- A dyad series counts each happening once (its first report's date, its lowest code); grouping
-- a dyad's reports into happenings at every request cost most of the series' time. This table
-- holds that grouping ready: one row a happening and a pair of countries (the first three
-- letters of the source and target codes), for the events that happened (dated, not negated,
-- not hypothetical). A series of country codes (or shorter starts) reads its rows in one range;
-- aggregate.dyad_counts reads events instead for longer codes and for date limits.
-- Triggers keep it: a deleted or changed event has its happening's row re-counted from the events
-- through the index on happening_id (a few rows), whoever writes. That index is named: the
-- planner, without statistics on a new store, took the index by actor and date, which holds a
-- country's every event, and storing a million events took hours instead of a minute.
CREATE TABLE dyad_happenings (
    source_country TEXT NOT NULL,
    target_country TEXT NOT NULL,
    happening_id TEXT NOT NULL,
    date TEXT NOT NULL,           -- the first report's date
    week TEXT,                    -- the Monday of that date's week, as the store's period('week') writes it
    cameo TEXT NOT NULL,          -- the lowest of the reports' codes, as the series counts them
    quad_class INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    reports INTEGER NOT NULL,
    PRIMARY KEY (source_country, target_country, happening_id)
) WITHOUT ROWID;

INSERT INTO dyad_happenings
SELECT substr(source, 1, 3), substr(target, 1, 3), happening_id, MIN(date), date(MIN(date), 'weekday 0', '-6 days'),
       MIN(cameo), MIN(quad_class), MIN(goldstein), COUNT(*)
FROM events
WHERE date IS NOT NULL AND NOT negated AND modality <> 'hypothetical' AND happening_id IS NOT NULL
GROUP BY 1, 2, 3;

-- A new report can only make its happening's first date, lowest codes and count of reports
-- earlier, lower and larger: it is added to the row in place, without reading the events.
CREATE TRIGGER dyad_happenings_insert AFTER INSERT ON events
WHEN NEW.date IS NOT NULL AND NOT NEW.negated AND NEW.modality <> 'hypothetical'
BEGIN
    INSERT INTO dyad_happenings
    VALUES (substr(NEW.source, 1, 3), substr(NEW.target, 1, 3), NEW.happening_id, NEW.date,
            date(NEW.date, 'weekday 0', '-6 days'), NEW.cameo, NEW.quad_class, NEW.goldstein, 1)
    ON CONFLICT (source_country, target_country, happening_id) DO UPDATE SET
        date = min(date, excluded.date),
        week = CASE WHEN excluded.date < date THEN excluded.week ELSE week END,
        cameo = min(cameo, excluded.cameo),
        quad_class = min(quad_class, excluded.quad_class),
        goldstein = min(goldstein, excluded.goldstein),
        reports = reports + 1;
END;

CREATE TRIGGER dyad_happenings_delete AFTER DELETE ON events
WHEN OLD.date IS NOT NULL AND NOT OLD.negated AND OLD.modality <> 'hypothetical'
BEGIN
    DELETE FROM dyad_happenings WHERE source_country = substr(OLD.source, 1, 3)
        AND target_country = substr(OLD.target, 1, 3) AND happening_id = OLD.happening_id;
    INSERT INTO dyad_happenings
    SELECT substr(source, 1, 3), substr(target, 1, 3), happening_id, MIN(date), date(MIN(date), 'weekday 0', '-6 days'),
           MIN(cameo), MIN(quad_class), MIN(goldstein), COUNT(*)
    FROM events INDEXED BY events_happening
    WHERE happening_id = OLD.happening_id AND substr(source, 1, 3) = substr(OLD.source, 1, 3)
        AND substr(target, 1, 3) = substr(OLD.target, 1, 3)
        AND date IS NOT NULL AND NOT negated AND modality <> 'hypothetical'
    GROUP BY 1, 2, 3;
END;

-- Linking changes happening ids (store.linking.set_happenings); the other columns are listed so
-- that no change to a counted column goes unseen. The old row is re-counted, then the new one.
CREATE TRIGGER dyad_happenings_update
AFTER UPDATE OF happening_id, source, target, date, cameo, quad_class, goldstein, negated, modality ON events
BEGIN
    DELETE FROM dyad_happenings WHERE source_country = substr(OLD.source, 1, 3)
        AND target_country = substr(OLD.target, 1, 3) AND happening_id = OLD.happening_id;
    INSERT INTO dyad_happenings
    SELECT substr(source, 1, 3), substr(target, 1, 3), happening_id, MIN(date), date(MIN(date), 'weekday 0', '-6 days'),
           MIN(cameo), MIN(quad_class), MIN(goldstein), COUNT(*)
    FROM events INDEXED BY events_happening
    WHERE happening_id = OLD.happening_id AND substr(source, 1, 3) = substr(OLD.source, 1, 3)
        AND substr(target, 1, 3) = substr(OLD.target, 1, 3)
        AND date IS NOT NULL AND NOT negated AND modality <> 'hypothetical'
    GROUP BY 1, 2, 3;
    DELETE FROM dyad_happenings WHERE source_country = substr(NEW.source, 1, 3)
        AND target_country = substr(NEW.target, 1, 3) AND happening_id = NEW.happening_id;
    INSERT INTO dyad_happenings
    SELECT substr(source, 1, 3), substr(target, 1, 3), happening_id, MIN(date), date(MIN(date), 'weekday 0', '-6 days'),
           MIN(cameo), MIN(quad_class), MIN(goldstein), COUNT(*)
    FROM events INDEXED BY events_happening
    WHERE happening_id = NEW.happening_id AND substr(source, 1, 3) = substr(NEW.source, 1, 3)
        AND substr(target, 1, 3) = substr(NEW.target, 1, 3)
        AND date IS NOT NULL AND NOT negated AND modality <> 'hypothetical'
    GROUP BY 1, 2, 3;
END;
