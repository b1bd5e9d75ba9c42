-- 0001: the first tables, as communique 0.1 created them. Plain SQL that SQLite and PostgreSQL both accept.
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    publisher TEXT NOT NULL DEFAULT '',
    published TEXT,
    language TEXT NOT NULL DEFAULT '',
    dateline TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    captions TEXT NOT NULL DEFAULT '[]',
    origin TEXT NOT NULL DEFAULT '',
    coder_version TEXT NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL,
    date TEXT,
    date_precision TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    source_name TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL DEFAULT '',
    target_name TEXT NOT NULL DEFAULT '',
    cameo TEXT NOT NULL,
    cameo_name TEXT NOT NULL DEFAULT '',
    goldstein REAL NOT NULL,
    quad_class INTEGER NOT NULL,
    plover TEXT NOT NULL DEFAULT '',
    plover_mode TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    lat REAL,
    lon REAL,
    trigger TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    quote_speaker TEXT NOT NULL DEFAULT '',
    negated BOOLEAN NOT NULL DEFAULT FALSE,
    modality TEXT NOT NULL DEFAULT 'asserted',
    confidence REAL NOT NULL,
    coder_version TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS events_article ON events (article_id);
CREATE INDEX IF NOT EXISTS events_date ON events (date);
CREATE INDEX IF NOT EXISTS events_dyad ON events (source, target);
CREATE INDEX IF NOT EXISTS events_cameo ON events (cameo);
