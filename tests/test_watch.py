"""communique watch: feeds served by a local HTTP server, never the internet (issue 5)."""

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.store import SQLiteStore
from communique.watch import poll_feed, watch_feeds

FEEDS = Path(__file__).parent / "feeds"
ITEM = """<item><title>{title}</title><link>https://localwire.example/{slug}</link><guid>{slug}</guid>
<pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate><description>{text}</description></item>"""
STORIES = [
    ("one", "Chile and Peru", "Chile criticised Peru over the border dispute on Monday."),
    ("two", "Iran and Israel", "Iran criticised Israel on Sunday."),
    ("three", "Japan and China", "Japan and China held talks in Tokyo on Tuesday."),
]


def write_feed(folder: Path, count: int) -> None:
    items = "".join(ITEM.format(slug=slug, title=title, text=text) for slug, title, text in STORIES[:count])
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>{items}</channel></rss>'
    (folder / "world.rss").write_text(rss, encoding="utf-8")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the test output is not a server log
        pass


@pytest.fixture
def server(tmp_path):
    """A real HTTP server on a free local port, serving tmp_path/site."""
    site = tmp_path / "site"
    site.mkdir()
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_watch_codes_only_new_items(server, tmp_path, coder):
    site, base = server
    errors = []
    with SQLiteStore(tmp_path / "watch.db") as store:
        write_feed(site, 2)
        first = poll_feed(f"{base}/world.rss", coder, store, on_error=errors.append)
        write_feed(site, 3)
        second = poll_feed(f"{base}/world.rss", coder, store, on_error=errors.append)
        third = poll_feed(f"{base}/world.rss", coder, store, on_error=errors.append)
        assert errors == []
        assert (first.items, first.new) == (2, 2) and first.events >= 2
        assert (second.items, second.new) == (3, 1) and second.events >= 1
        assert (third.items, third.new, third.events) == (3, 0, 0)
        assert store.count("articles") == 3
        urls = {row[0] for row in store.fetch("SELECT url FROM articles", ())}
        assert urls == {f"https://localwire.example/{slug}" for slug, _, _ in STORIES}


def test_watch_polls_on_an_interval_and_goes_on_past_a_dead_feed(server, tmp_path, coder):
    site, base = server
    write_feed(site, 1)
    errors, polls, naps = [], [], []

    def nap(seconds):  # between polls the feed gains an item, as a live one would
        naps.append(seconds)
        write_feed(site, 3)

    with SQLiteStore(tmp_path / "watch.db") as store:
        watch_feeds(
            [f"{base}/missing.rss", f"{base}/world.rss"],
            coder,
            store,
            interval=5,
            polls=2,
            on_error=errors.append,
            on_poll=polls.append,
            sleep=nap,
        )
    assert [(poll.url.rsplit("/", 1)[1], poll.new) for poll in polls] == [
        ("missing.rss", 0),
        ("world.rss", 1),
        ("missing.rss", 0),
        ("world.rss", 2),
    ]
    assert len(naps) == 1 and 0 < naps[0] <= 5
    assert len(errors) == 2 and all("missing.rss: the server answered 404" in str(e) for e in errors)


def test_watch_cli_once_remembers_in_the_database(server, tmp_path):
    site, base = server
    write_feed(site, 2)
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    first = runner.invoke(app, ["watch", f"{base}/world.rss", "--db", db, "--once"])
    assert first.exit_code == 0, first.output
    events = [json.loads(line) for line in first.stdout.splitlines()]
    assert {e["source"] for e in events} >= {"CHL", "IRN"}
    assert "2 items, 2 new" in first.stderr
    write_feed(site, 3)
    second = runner.invoke(app, ["watch", f"{base}/world.rss", "--db", db, "--once"])
    assert second.exit_code == 0 and "3 items, 1 new" in second.stderr
    assert {json.loads(line)["source"] for line in second.stdout.splitlines()} <= {"JPN", "CHN"}


def test_watch_cli_needs_a_database_and_names_a_bad_url(tmp_path):
    runner = CliRunner()
    assert runner.invoke(app, ["watch", "http://127.0.0.1:9/feed.rss", "--db", "none", "--once"]).exit_code == 2
    result = runner.invoke(app, ["watch", "ftp://example/feed", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--once"])
    assert result.exit_code == 1 and "ftp://example/feed: not an http://" in result.stderr


def outlet_feed(folder: Path, name: str, title: str, text: str) -> None:
    item = ITEM.format(slug=f"{name}-1", title=title, text=text)
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>{item}</channel></rss>'
    (folder / f"{name}.rss").write_text(rss, encoding="utf-8")


def test_watch_links_reports_of_one_happening_across_feeds(server, tmp_path, coder):
    """Two outlets' feeds report one meeting: polled from a local server through the Python API,
    the two reports share a happening id in the database, and ``happenings`` counts one."""
    site, base = server
    outlet_feed(site, "Harbour Ledger", "Talks in Tokyo", "Japan and China held talks in Tokyo on Monday.")
    outlet_feed(site, "Northern Wire", "Tokyo meeting", "Chinese and Japanese officials met in Tokyo on Monday.")
    errors: list = []
    with SQLiteStore(tmp_path / "watch.db") as store:
        for name in ("Harbour%20Ledger", "Northern%20Wire"):
            poll_feed(f"{base}/{name}.rss", coder, store, on_error=errors.append)
        meetings = [e for e in store.events() if e["cameo"].startswith("04")]
        mentions = store.count("mentions")
    assert errors == [] and mentions > 0
    assert len({e["article_id"] for e in meetings}) == 2 and len({e["happening_id"] for e in meetings}) == 1
    shown = CliRunner().invoke(app, ["happenings", "--db", f"sqlite:///{tmp_path / 'watch.db'}", "-f", "jsonl"])
    assert shown.exit_code == 0, shown.output
    rows = [json.loads(line) for line in shown.stdout.splitlines() if line.startswith("{")]
    assert any(row["n_articles"] == 2 and row["cameo"].startswith("04") for row in rows)
