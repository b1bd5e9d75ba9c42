-- 0004: views for browsing (datasette) and for quick questions, on both databases.

-- Each event with its story's title, publisher and address, and the parts of its codes.
CREATE VIEW events_flat AS
SELECT
    e.event_id,
    e.happening_id,
    e.date,
    substr(e.date, 1, 4) AS year,
    substr(e.date, 1, 7) AS month,
    e.source,
    substr(e.source, 1, 3) AS source_country,
    e.source_name,
    e.target,
    substr(e.target, 1, 3) AS target_country,
    e.target_name,
    e.cameo,
    substr(e.cameo, 1, 2) AS cameo_root,
    e.cameo_name,
    e.quad_class,
    e.goldstein,
    e.plover,
    e.plover_mode,
    e.place,
    e.country,
    e.lat,
    e.lon,
    e.trigger,
    e.evidence,
    e.negated,
    e.modality,
    e.confidence,
    e.coder_version,
    e.article_id,
    a.title AS article_title,
    a.publisher,
    a.published,
    a.url
FROM events e
JOIN articles a ON a.id = e.article_id;

-- Who acts on whom, and how much: one row a directed pair of actor codes.
CREATE VIEW dyads AS
SELECT
    source,
    target,
    COUNT(*) AS events,
    SUM(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END) AS cooperation,
    SUM(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END) AS conflict,
    SUM(goldstein) AS goldstein,
    MIN(date) AS first_date,
    MAX(date) AS last_date
FROM events
WHERE target <> ''
GROUP BY source, target;
