"""Turning raw fields of any source into Article fields: text, dates, ids."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from ..errors import InputError, Messages
from ..records import Article

_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# Control characters (tab and line breaks aside) and lone surrogates carry no
# words, and PostgreSQL refuses NUL in text; each becomes a space.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def parse_date(value: object, *, origin: str, line: int | None = None) -> dt.date | None:
    """Read a publication date: YYYY-MM-DD, YYYYMMDD or an ISO timestamp."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    raw = str(value).strip()
    try:
        compact = _COMPACT_DATE.match(raw)
        if compact:
            return dt.date(*(int(part) for part in compact.groups()))
        if len(raw) == 10:
            return dt.date.fromisoformat(raw)
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        shown = raw if len(raw) <= 40 else raw[:40] + "..."
        raise InputError(origin, Messages.BAD_DATE.format(value=shown), line) from None


def article_id(publisher: str, url: str, text: str) -> str:
    """A stable id for a story that has none: a hash of publisher, url and text."""
    digest = hashlib.sha1("\x1f".join((publisher, url, text)).encode("utf-8")).hexdigest()
    return digest[:16]


def make_article(record: dict, *, origin: str, line: int | None, default_date: dt.date | None) -> Article:
    """Build an Article from a record with fields id, text, title, published, url, publisher."""
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(origin, Messages.TEXT_NOT_STRING, line)
    text = _CONTROL.sub(" ", text or "")
    if not text.strip():
        raise InputError(origin, Messages.NO_TEXT, line)
    raw_date = record.get("published", record.get("date"))
    published = parse_date(raw_date, origin=origin, line=line) or default_date
    url = _string(record.get("url"))
    publisher = _string(record.get("publisher"))
    given_id = _string(record.get("id"))
    where = f"{origin}:{line}" if line is not None else origin
    return Article(
        id=given_id or article_id(publisher, url, text),
        text=text,
        title=_string(record.get("title")),
        url=url,
        publisher=publisher,
        published=published,
        origin=where,
    )


def _string(value: object) -> str:
    return "" if value is None else _CONTROL.sub(" ", str(value)).strip()
