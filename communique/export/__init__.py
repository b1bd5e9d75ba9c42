"""Export: stored events in the layouts analysts already load.

    from communique.export import export_events
    export_events(store, "gdelt", "events.tsv")

Layouts: ``gdelt`` (GDELT 2.0 event table, tab-separated, no header, one row a
happening with NumMentions/NumSources/NumArticles counted over its reports),
``icews`` (ICEWS-style columns, tab-separated with a header), ``plover``
(PLOVER/POLECAT-style JSON records, one a line), and ``csv``, ``jsonl`` and
``parquet`` (every stored column; Parquet partitioned by year and month).
Codes are strings everywhere: "042" keeps its zero. The three standard layouts
hold events that happened; ``csv``, ``jsonl`` and ``parquet`` hold every stored
event with its ``negated`` and ``modality`` flags.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import Messages, SettingsError
from ..query import EventFilter
from ..store.sql import STORED_FIELDS, SQLStore

__all__ = ["LAYOUTS", "export_events", "export_frame"]

LAYOUTS = ("gdelt", "icews", "plover", "csv", "jsonl", "parquet")
ARTICLE_FIELDS = ("title", "url", "publisher", "published")


def export_events(store: SQLStore, layout: str, output: str | Path, filters: EventFilter | None = None) -> int:
    """Write the stored events that pass the filters to ``output`` in a layout.

    output: a file, or for ``parquet`` a directory (made if missing) that gets
        ``year=YYYY/month=MM/`` folders.
    Returns the number of rows (records) written.
    """
    from . import files, gdelt, icews, plover

    writers = {
        "gdelt": gdelt.write,
        "icews": icews.write,
        "plover": plover.write,
        "csv": files.write_csv,
        "jsonl": files.write_jsonl,
        "parquet": files.write_parquet,
    }
    if layout not in writers:
        raise SettingsError(Messages.BAD_LAYOUT.format(layout=layout))
    frame = export_frame(store, filters or EventFilter())
    return writers[layout](frame, Path(output))


def export_frame(store: SQLStore, filters: EventFilter) -> pd.DataFrame:
    """Stored events with their story's title, address, publisher and date, as strings where codes.

    ``date`` and ``published`` stay ISO strings (None where unknown); the layouts format them.
    """
    clauses, args = filters.where(store.placeholder)
    chosen = "SELECT * FROM events" + (" WHERE " + " AND ".join(clauses) if clauses else "")
    columns = [f"events.{name}" for name in STORED_FIELDS] + [f"articles.{name}" for name in ARTICLE_FIELDS]
    query = f"SELECT {', '.join(columns)} FROM ({chosen}) AS events JOIN articles ON articles.id = events.article_id"
    query += " ORDER BY events.date NULLS FIRST, events.event_id"
    if filters.limit:
        query += f" LIMIT {int(filters.limit)}"
    frame = pd.DataFrame.from_records(store.fetch(query, tuple(args)), columns=[*STORED_FIELDS, *ARTICLE_FIELDS])
    frame["negated"] = frame["negated"].astype(bool)
    for column in ("title", "url", "publisher"):
        frame[column] = frame[column].fillna("")
    for column in ("date", "published"):  # None where unknown, whatever pandas' string type makes of it
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def happened(frame: pd.DataFrame) -> pd.DataFrame:
    """The events that happened: neither negated nor only possible."""
    return frame[~frame["negated"] & (frame["modality"] != "hypothetical")]
