-- 0002: run history, actor mentions, happenings, and the indexes queries and aggregation need.
-- Plain SQL that SQLite and PostgreSQL both accept.

-- One row a coding run: which coder, with which settings, when, and what it stored.
CREATE TABLE runs (
    run_id TEXT PRIMARY KEY,
    coder_version TEXT NOT NULL,
    settings TEXT NOT NULL DEFAULT '{}',
    started TEXT NOT NULL,
    finished TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    new INTEGER NOT NULL DEFAULT 0,
    replaced INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0
);

-- Which run coded which article, and what became of its stored events:
-- 'new' (first coded), 'replaced' (events changed, by a new coder or new settings), 'unchanged'.
CREATE TABLE run_articles (
    run_id TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    coder_version TEXT NOT NULL,
    events INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (run_id, article_id)
);
CREATE INDEX run_articles_article ON run_articles (article_id);

-- Spans of an article that name an actor; 'known' is false for names no table knew.
CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL DEFAULT 0,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT '',
    actor_name TEXT NOT NULL DEFAULT '',
    rule TEXT NOT NULL DEFAULT '',
    known BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (article_id, start_char, end_char, actor)
);
CREATE INDEX mentions_unknown ON mentions (known, text);

-- Reports of one real-world happening in several stories share a happening_id; alone, an event is its own.
ALTER TABLE events ADD COLUMN happening_id TEXT;
UPDATE events SET happening_id = event_id WHERE happening_id IS NULL;

-- Each index costs every insert, so there are only those the queries need. A dyad's series reads
-- one range of this one a direction (codes match by prefix, as ranges), and finds there every
-- column it counts, so it never visits the table: 1,000,000 events, a ten-year weekly series in
-- tens of milliseconds. Pages of events come in (date, event_id) order from the index of 0003.
-- A code alone is found by walking pages in date order, and happenings are grouped in bulk:
-- neither needs an index of its own.
DROP INDEX IF EXISTS events_dyad;
DROP INDEX IF EXISTS events_date;
DROP INDEX IF EXISTS events_cameo;
CREATE INDEX events_dyad_date ON events (source, target, date, quad_class, cameo, goldstein, happening_id, negated, modality);
