-- 0007: a dyad's happenings, kept up to date as events are stored, replaced, deleted and linked.
-- What this table is for: see 0007_dyad_happenings.sqlite.sql. Here one function re-counts a
-- row, and one trigger calls it for the old and the new side of every changed event; a new
-- event is added to its row in place.
CREATE TABLE dyad_happenings (
    source_country TEXT COLLATE "C" NOT NULL,
    target_country TEXT COLLATE "C" NOT NULL,
    happening_id TEXT COLLATE "C" NOT NULL,
    date TEXT COLLATE "C" NOT NULL,
    week TEXT,
    cameo TEXT COLLATE "C" NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    reports BIGINT NOT NULL,
    PRIMARY KEY (source_country, target_country, happening_id)
);

INSERT INTO dyad_happenings
SELECT substr(source, 1, 3), substr(target, 1, 3), happening_id, MIN(date),
       to_char(date_trunc('week', MIN(date)::date), 'YYYY-MM-DD'), MIN(cameo), MIN(quad_class), MIN(goldstein), COUNT(*)
FROM events
WHERE date IS NOT NULL AND NOT negated AND modality <> 'hypothetical' AND happening_id IS NOT NULL
GROUP BY 1, 2, 3;

CREATE FUNCTION dyad_happenings_recount(one_source TEXT, one_target TEXT, one_happening TEXT) RETURNS void AS $$
BEGIN
    DELETE FROM dyad_happenings
    WHERE source_country = one_source AND target_country = one_target AND happening_id = one_happening;
    -- The happening's reports first, through its index (MATERIALIZED keeps the planner from
    -- seeking the index by actor and date instead, which holds a country's every event).
    WITH reports AS MATERIALIZED (SELECT * FROM events WHERE happening_id = one_happening)
    INSERT INTO dyad_happenings
    SELECT one_source, one_target, one_happening, MIN(date), to_char(date_trunc('week', MIN(date)::date), 'YYYY-MM-DD'),
           MIN(cameo), MIN(quad_class), MIN(goldstein), COUNT(*)
    FROM reports
    WHERE substr(source, 1, 3) = one_source AND substr(target, 1, 3) = one_target
        AND date IS NOT NULL AND NOT negated AND modality <> 'hypothetical'
    HAVING COUNT(*) > 0;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION dyad_happenings_track() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.happening_id IS NOT NULL THEN
        PERFORM dyad_happenings_recount(substr(OLD.source, 1, 3), substr(OLD.target, 1, 3), OLD.happening_id);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.happening_id IS NOT NULL THEN
        PERFORM dyad_happenings_recount(substr(NEW.source, 1, 3), substr(NEW.target, 1, 3), NEW.happening_id);
    END IF;
    -- A new report can only make its happening's first date, lowest codes and count of reports
    -- earlier, lower and larger: it is added to the row in place, without reading the events.
    IF TG_OP = 'INSERT' AND NEW.happening_id IS NOT NULL AND NEW.date IS NOT NULL AND NOT NEW.negated
        AND NEW.modality <> 'hypothetical' THEN
        INSERT INTO dyad_happenings AS kept
        VALUES (substr(NEW.source, 1, 3), substr(NEW.target, 1, 3), NEW.happening_id, NEW.date,
                to_char(date_trunc('week', NEW.date::date), 'YYYY-MM-DD'), NEW.cameo, NEW.quad_class,
                NEW.goldstein, 1)
        ON CONFLICT (source_country, target_country, happening_id) DO UPDATE SET
            date = LEAST(kept.date, excluded.date),
            week = CASE WHEN excluded.date < kept.date THEN excluded.week ELSE kept.week END,
            cameo = LEAST(kept.cameo, excluded.cameo),
            quad_class = LEAST(kept.quad_class, excluded.quad_class),
            goldstein = LEAST(kept.goldstein, excluded.goldstein),
            reports = kept.reports + 1;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dyad_happenings_insert_delete AFTER INSERT OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION dyad_happenings_track();
CREATE TRIGGER dyad_happenings_update
AFTER UPDATE OF happening_id, source, target, date, cameo, quad_class, goldstein, negated, modality ON events
FOR EACH ROW EXECUTE FUNCTION dyad_happenings_track();
