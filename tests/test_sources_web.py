"""Saved web pages and news feeds as sources (issue 5)."""

import datetime as dt
from pathlib import Path

import pytest

from communique import read_articles
from communique.clean import clean_article

PAGES = Path(__file__).parent / "pages"
FEEDS = Path(__file__).parent / "feeds"


def read(paths):
    errors = []
    articles = list(read_articles(paths, on_error=errors.append))
    return articles, [str(error) for error in errors]


@pytest.fixture(scope="module")
def harbour():
    articles, errors = read([PAGES / "harbour_talks.html"])
    assert errors == []
    return articles[0]


def test_html_reads_the_story_and_its_metadata(harbour):
    assert harbour.title == "Seoul and Moscow agree to resume port talks"
    assert harbour.published == dt.date(2024, 3, 12)
    assert harbour.url == "https://harbourledger.example/world/2024/03/12/seoul-moscow-port-talks"
    assert harbour.publisher == "The Harbour Ledger"
    assert "agreed on Tuesday to resume talks on shipping rights" in harbour.text
    assert "settle the question of fees" in harbour.text


@pytest.mark.parametrize(
    "furniture",
    [
        "cookies",  # the cookie banner
        "Subscribe now",  # navigation
        "SkyGull",  # an advert
        "noodle bars",  # a sponsored box
        "Fishing quotas dispute",  # related stories
        "PortWatcher",  # comments
        "first!!!",
        "Privacy",  # footer links
        "대표전화",  # the Korean-language footer
    ],
)
def test_html_leaves_out_page_furniture(harbour, furniture):
    assert furniture not in harbour.text


def test_html_story_keeps_paragraphs_and_dateline_for_the_clean_stage(harbour):
    assert harbour.text.count("\n\n") >= 3
    cleaned = clean_article(harbour)
    assert cleaned.dateline == "Seoul"
    assert cleaned.text.startswith("South Korea and Russia agreed")
    assert cleaned.language == "en"


def test_html_reads_json_ld_and_meta_dates_in_a_directory(tmp_path):
    articles, errors = read([PAGES])
    assert errors == []
    border = next(a for a in articles if "border" in a.title)
    assert border.published == dt.date(2023, 11, 5)
    assert border.url == "https://dailyfrontier.example/news/border-post-fire"
    assert border.publisher == "Daily Frontier"
    assert "exchanged fire near a disputed border post" in border.text
    assert "both sides always blame" not in border.text and "Share this story" not in border.text


@pytest.mark.parametrize(
    "name,content,problem",
    [
        ("empty.html", b"", "the file is empty"),
        ("blank.htm", b"   \n  ", "the file is empty"),
        ("binary.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        ("plain.html", b"Just some words, no markup at all.", "not an HTML page"),
        ("skeleton.html", b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>", "no story text"),
        ("broken.html", b"<html><body><div><p", "no story text"),
    ],
)
def test_html_bad_page_is_one_line_naming_the_file(tmp_path, name, content, problem):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.html"
    good.write_bytes((PAGES / "border_clash.htm").read_bytes())
    articles, errors = read([bad, good])
    assert len(articles) == 1 and "exchanged fire" in articles[0].text
    assert len(errors) == 1 and errors[0].startswith(f"{bad}: ") and problem in errors[0]
    assert "\n" not in errors[0]


def test_html_page_without_metadata_takes_its_file_as_url(tmp_path):
    page = tmp_path / "bare.html"
    body = "<p>Iran criticised Israel on Sunday over an air strike near Damascus that killed two officers.</p>"
    page.write_text(f"<html><body><article>{body * 3}</article></body></html>", encoding="utf-8")
    articles, errors = read([page])
    assert errors == [] and articles[0].url == page.resolve().as_uri() and articles[0].published is None


def test_feed_rss_items_use_full_content_else_summary():
    articles, errors = read([FEEDS / "wire.rss"])
    assert errors == []
    assert [a.title for a in articles] == [
        "Japan and China hold talks on fishing dispute",
        "Kenya criticises Somalia over border incident",
    ]
    first, second = articles
    assert "fishing boats near the Senkaku islands" in first.text  # content:encoded, not the short description
    assert "trackView" not in first.text
    assert first.text.count("\n\n") == 1
    assert first.url == "https://northernwire.example/2024/05/14/fishing-talks"
    assert first.publisher == "Northern Wire"
    assert first.published == dt.date(2024, 5, 14)  # 08:15 in Tokyo is still the 13th in UTC
    assert second.text == "Kenya criticised Somalia on Monday after a shooting at a border crossing."
    assert second.published == dt.date(2024, 5, 13)
    assert len({a.id for a in articles}) == 2


def test_feed_atom_entries():
    articles, errors = read([FEEDS / "desk.atom"])
    assert errors == []
    peru, iran = articles
    assert peru.publisher == "Meridian Desk" and peru.url == "https://meridiandesk.example/peru-chile-aid"
    assert peru.text.startswith("Peru thanked Chile on Monday for sending rescue teams")
    assert peru.published == dt.date(2024, 5, 13)  # its own clock, not UTC's 14th
    assert iran.text == "Iran criticised Israel on Sunday over an air strike."
    assert iran.published == dt.date(2024, 5, 12)


def test_feed_item_id_survives_an_edit(tmp_path):
    original = (FEEDS / "wire.rss").read_text(encoding="utf-8")
    edited = tmp_path / "edited.rss"
    edited.write_text(original.replace("for an hour", "for two hours"), encoding="utf-8")
    before, _ = read([FEEDS / "wire.rss"])
    after, _ = read([edited])
    assert before[0].id == after[0].id and before[0].text != after[0].text


@pytest.mark.parametrize(
    "content,problem",
    [
        (b"", "the file is empty"),
        (b"<html><body><p>not a feed</p></body></html>", "not an RSS or Atom feed"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>', "no items"),
    ],
)
def test_feed_bad_file_is_one_line_naming_the_file(tmp_path, content, problem):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(content)
    articles, errors = read([bad, FEEDS / "desk.atom"])
    assert len(articles) == 2
    assert len(errors) == 1 and errors[0].startswith(f"{bad}") and problem in errors[0]


def test_feed_item_without_text_is_named_and_the_rest_read(tmp_path):
    feed = tmp_path / "gap.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gap</title>'
        "<item><title>Empty</title><link>https://gap.example/1</link></item>"
        "<item><title>Full</title><link>https://gap.example/2</link>"
        "<description>Chile thanked Peru.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    articles, errors = read([feed])
    assert [a.text for a in articles] == ["Chile thanked Peru."]
    assert errors == [f"{feed}: item 1: missing or empty 'text' field"]


@pytest.mark.parametrize("path,title", [(PAGES / "border_clash.htm", "border post"), (FEEDS / "desk.atom", "Peru")])
def test_stdin_markup_is_read_as_a_page_or_a_feed(monkeypatch, path, title):
    import io
    import sys

    class Stdin:
        buffer = io.BytesIO(path.read_bytes())

    monkeypatch.setattr(sys, "stdin", Stdin)
    articles, errors = read(["-"])
    assert errors == [] and title in articles[0].title
