"""New stories through the service: read from a JSON body or an uploaded file, coded, explained.

The Coder loads spaCy once, on the first story, and codes one story at a time: a
server on a laptop has a core or two, and stories queue rather than fight over them.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import threading
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article, Event, Mention
from ..settings import Settings
from ..sources import read_articles
from ..sources.fields import make_article
from ..store import SQLStore
from ..store.linking import linker_for

UPLOAD_SUFFIXES = (".txt", ".jsonl", ".json", ".csv")


class Ingest:
    """Codes stories for the service with one lazily loaded Coder."""

    def __init__(self, settings: Settings | None = None, coder: Any = None) -> None:
        self.settings = settings or Settings()
        self._coder = coder
        self._lock = threading.Lock()

    @property
    def coder(self) -> Any:
        if self._coder is None:
            from ..pipeline import Coder  # spaCy loads only when a story comes

            self._coder = Coder(self.settings)
        return self._coder

    def code(self, articles: list[Article]) -> tuple[list[tuple[Article, list[Event], list[Mention]]], list[str]]:
        """Code stories; returns (cleaned article, events, actor mentions) for each coded one, and one
        line per failure."""
        failures: list[str] = []
        with self._lock:
            coded = list(self.coder.pipe_mentions(articles, on_error=lambda error: failures.append(str(error))))
        return coded, failures

    def store(self, store: SQLStore, coded: list[tuple[Article, list[Event], list[Mention]]]) -> list[dict]:
        """Store coded stories one at a time, each linked first to the earlier reports of its
        happenings (stored, or posted just before it) as ``communique code`` links them.
        The service runs it in its one writing thread: linking and storing take turns, so the same
        stories posted in the same order get the same happening ids."""
        linker = linker_for(store)
        saved = []
        for article, events, mentions in coded:
            linked = linker(events)
            store.save_events(article, linked, self.coder.version, mentions=mentions)
            linker.stored()
            saved.append({"id": article.id, "title": article.title, "events": [e.as_dict() for e in linked]})
        return saved

    def explain(self, text: str, published: dt.date | None) -> dict:
        """Code a text without storing it, each event with the rules behind it."""
        with self._lock:
            explanation = self.coder.explain(text, published=published)
        steps = [
            step.__dict__ | {"sources": list(step.sources), "targets": list(step.targets)} for step in explanation.steps
        ]
        events = []
        for event in explanation.events:
            because = [s for s in steps if s["sentence"] == event.sentence and s["trigger"] == event.trigger]
            events.append(
                event.as_dict() | {"because": because or [s for s in steps if s["sentence"] == event.sentence]}
            )
        mentions = [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "actor": m.actor.code,
                "name": m.actor.name,
                "title": m.actor.title,
                "place": m.place,
            }
            for m in explanation.mentions
        ]
        return {"text": explanation.article.text, "events": events, "mentions": mentions, "steps": steps}


def article_from_json(record: Any, default_date: dt.date | None = None) -> Article:
    """An Article from a posted JSON object (fields id, text, title, published, url, publisher)."""
    if not isinstance(record, dict):
        raise InputError("request body", f"expected a JSON object, found {type(record).__name__}")
    return make_article(record, origin="request body", line=None, default_date=default_date)


def articles_from_upload(name: str, data: bytes, published: str | None) -> tuple[list[Article], list[str]]:
    """Articles from an uploaded .txt, .jsonl or .csv file, read as ``communique code`` reads files."""
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise InputError(name, f"unsupported file type {suffix!r} (use .txt, .jsonl or .csv)")
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="communique-upload-") as folder:
        path = Path(folder) / f"upload{'.jsonl' if suffix == '.json' else suffix}"
        path.write_bytes(data)
        articles = list(read_articles([path], published=published, on_error=lambda e: failures.append(str(e))))
    shown = str(path)
    return [_named(article, shown, name) for article in articles], [f.replace(shown, name) for f in failures]


def _named(article: Article, temporary: str, name: str) -> Article:
    from dataclasses import replace

    return replace(article, origin=article.origin.replace(temporary, name))
