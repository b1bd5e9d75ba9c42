"""Watch: poll news feeds on an interval and code the items not seen before.

What has been seen is what the store holds: an item whose article id (a hash
of the feed's title and the item's guid or link) is already in the
``articles`` table is passed over, so a restarted watch, or one run from
cron with ``--once``, codes nothing twice. Feeds are fetched with the
standard library; a feed that cannot be fetched or read is reported and the
others are polled.
"""

from __future__ import annotations

import io
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .errors import InputError
from .records import Article, Event
from .sources.feeds import read_feed_file
from .store import SQLStore
from .store.linking import linker_for

USER_AGENT = "communique-watch (+https://example.invalid/communique)"
FETCH_TIMEOUT = 30.0  # seconds; a stalled server must not stall the other feeds
MAX_FEED_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Poll:
    """What one poll of one feed gave: the items it held, and the new ones coded."""

    url: str
    items: int
    new: int
    events: int


def fetch_feed(url: str, *, timeout: float = FETCH_TIMEOUT) -> bytes:
    """The bytes of a feed at an http(s) or file URL; raises InputError naming the URL."""
    if not url.startswith(("http://", "https://", "file://")):
        raise InputError(url, "not an http://, https:// or file:// URL")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content = response.read(MAX_FEED_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise InputError(url, f"the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise InputError(url, f"cannot fetch the feed: {reason}") from None
    if len(content) > MAX_FEED_BYTES:
        raise InputError(url, f"the feed is larger than {MAX_FEED_BYTES:,} bytes")
    return content


def poll_feed(
    url: str,
    coder,
    store: SQLStore,
    *,
    on_error: Callable[[InputError], None],
    on_coded: Callable[[Article, list[Event]], None] = lambda article, events: None,
) -> Poll:
    """Fetch one feed, code and store its items the store does not hold yet.

    url: the feed's address. coder: a loaded Coder. store: where seen items are.
    on_error: called with each problem (the feed, or one item); on_coded: with
    each new story and its events, after it is stored.
    Returns a Poll with the counts.
    """
    try:
        content = fetch_feed(url)
    except InputError as error:
        on_error(error)
        return Poll(url, 0, 0, 0)
    articles = list(read_feed_file(io.BytesIO(content), url, None, on_error, limit=MAX_FEED_BYTES))
    known = store.known_articles([article.id for article in articles])
    fresh = [article for article in articles if article.id not in known]
    events = 0
    linker = linker_for(store)
    for article, coded, mentions in coder.pipe_mentions(fresh, on_error=on_error):
        coded = linker(coded)
        store.save_events(article, coded, coder.version, mentions=mentions)
        linker.stored()
        events += len(coded)
        on_coded(article, coded)
    return Poll(url, len(articles), len(fresh), events)


def watch_feeds(
    urls: Iterable[str],
    coder,
    store: SQLStore,
    *,
    interval: float,
    polls: int | None = None,
    on_error: Callable[[InputError], None],
    on_coded: Callable[[Article, list[Event]], None] = lambda article, events: None,
    on_poll: Callable[[Poll], None] = lambda poll: None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Poll the feeds every ``interval`` seconds, ``polls`` times (None: until interrupted)."""
    urls = list(urls)
    done = 0
    while polls is None or done < polls:
        started = time.monotonic()
        for url in urls:
            on_poll(poll_feed(url, coder, store, on_error=on_error, on_coded=on_coded))
        done += 1
        if polls is not None and done >= polls:
            return
        sleep(max(0.0, interval - (time.monotonic() - started)))
