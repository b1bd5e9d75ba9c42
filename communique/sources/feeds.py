"""News feeds (RSS 2.0 and Atom, .xml/.rss/.atom): one story per item, read by feedparser.

An item's full content (``content:encoded``, Atom ``<content>``) is used where
the feed carries it, else its summary; its link, date and the feed's title
(the publisher) come with it. Item HTML becomes plain paragraphs.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import BinaryIO

import feedparser

from ..errors import InputError, Messages
from ..records import Article
from .fields import article_id, make_article
from .stream import read_bounded

# Tags that end a paragraph of item HTML; their text is not run together.
BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer figure".split()
)
SKIPPED_TAGS = frozenset({"script", "style", "figcaption", "noscript"})


def read_feed_file(
    stream: BinaryIO, origin: str, default_date, on_error: Callable[[InputError], None], *, limit: int
) -> Iterator[Article]:
    """Read each item of an RSS or Atom feed as a story; a bad item is reported and the next read.

    limit: the largest feed read, in bytes; a larger one is reported, never read whole.
    """
    try:
        items = feed_records(read_bounded(stream, origin, limit), origin)
    except InputError as error:
        on_error(error)
        return
    for number, record in enumerate(items, start=1):
        try:
            yield make_article(record, origin=origin, line=number, default_date=default_date)
        except InputError as error:
            on_error(InputError(origin, f"item {number}: {error.problem}"))


def feed_records(content: bytes, origin: str) -> list[dict]:
    """The stories of a feed as records (id, text, title, published, url, publisher), in feed order.

    Raises InputError for an empty file, a file that is not a feed, or a feed without items.
    """
    if not content.strip():
        raise InputError(origin, Messages.EMPTY_FILE)
    parsed = feedparser.parse(content)
    if not parsed.get("version"):
        detail = type(parsed.get("bozo_exception")).__name__ if parsed.get("bozo") else "no <rss> or <feed> element"
        raise InputError(origin, Messages.NOT_FEED.format(detail=detail))
    if not parsed.entries:
        raise InputError(origin, Messages.EMPTY_FEED)
    publisher = (parsed.feed.get("title") or "").strip()
    return [_item_record(entry, publisher) for entry in parsed.entries]


def _item_record(entry, publisher: str) -> dict:
    full = [part.get("value", "") for part in entry.get("content", []) if part.get("value")]
    body = max(full, key=len) if full else entry.get("summary", "")
    text = html_to_text(body)
    link = entry.get("link", "")
    key = entry.get("id") or link
    return {
        # A feed item keeps its id when it is edited: what ``watch`` has seen stays seen.
        "id": article_id(publisher, key, "") if key else "",
        "text": text,
        "title": html_to_text(entry.get("title", "")).replace("\n\n", " "),
        "published": _item_date(entry),
        "url": link,
        "publisher": publisher,
    }


def _item_date(entry) -> str | None:
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    if not when:
        return None
    # feedparser gives UTC; the story's day is that of its own clock where the feed says it.
    stamp = dt.datetime.fromtimestamp(calendar.timegm(when), tz=dt.UTC)
    raw = entry.get("published") or entry.get("updated") or ""
    offset = _utc_offset(raw)
    return (stamp + offset).date().isoformat() if offset is not None else stamp.date().isoformat()


def _utc_offset(raw: str) -> dt.timedelta | None:
    """The offset a feed date is written in ("+0900", "+09:00", "Z", "GMT"), if it says one."""
    raw = raw.strip()
    if raw.endswith(("Z", "GMT", "UT", "UTC")):
        return dt.timedelta(0)
    tail = raw[-6:].replace(":", "")[-5:]
    if len(tail) == 5 and tail[0] in "+-" and tail[1:].isdigit():
        minutes = int(tail[1:3]) * 60 + int(tail[3:])
        return dt.timedelta(minutes=minutes if tail[0] == "+" else -minutes)
    return None


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = [[]]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.paragraphs.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.paragraphs.append([])

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.paragraphs[-1].append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block, separated by blank lines."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    paragraphs = (" ".join("".join(parts).split()) for parts in collector.paragraphs)
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def looks_like_feed(content: bytes) -> bool:
    """Whether markup read from a stream is a feed (an <rss> or Atom <feed> root) rather than a page."""
    head = content[:4096].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
