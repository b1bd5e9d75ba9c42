"""Hostile input (issue 8): each bad file gives one error line naming it, or is read; nothing escapes."""

from __future__ import annotations

import codecs
import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique import read_articles
from communique.errors import InputError
from communique.pipeline import Coder
from communique.settings import Settings
from tests.conftest import make_article

STORY = "Kenya and Uganda signed a trade agreement in Nairobi on Monday."


def read(paths, **options):
    errors: list[InputError] = []
    articles = list(read_articles(paths, on_error=errors.append, **options))
    return articles, [str(error) for error in errors]


def one_error_naming(errors, path, problem):
    assert len(errors) == 1, errors
    assert errors[0].startswith(str(path)) and problem in errors[0], errors[0]


@pytest.mark.parametrize(
    "name,content,problem",
    [
        ("empty.jsonl", b"", "the file is empty"),
        ("blank.csv", b"\n \n", "the file is empty"),
        ("binary.jsonl", b"\x7fELF\x02\x01\x00\x00" + bytes(range(256)), "not a text file"),
        ("binary.csv", b"PK\x03\x04\x00\x00garbage", "not a text file"),
        ("utf16-odd.txt", codecs.BOM_UTF16_LE + b"\x41", "not a text file"),
    ],
)
def test_hostile_empty_and_binary_files_are_one_error_line(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    articles, errors = read([path])
    assert articles == []
    one_error_naming(errors, path, problem)


@pytest.mark.parametrize("nesting", [10_000, 200_000])
def test_hostile_deeply_nested_json_is_one_error_line(tmp_path, nesting):
    path = tmp_path / "nested.jsonl"
    good = json.dumps({"id": "ok", "text": STORY})
    path.write_text('{"text": ' + "[" * nesting + "]" * nesting + "}\n" + good + "\n", encoding="utf-8")
    articles, errors = read([path])
    assert [a.id for a in articles] == ["ok"]
    one_error_naming(errors, f"{path}:1", "malformed JSON")


@pytest.mark.parametrize(
    "line,problem",
    [
        ('{"text": "x", "id": ' + "9" * 5000 + "}", "malformed JSON"),
        ('{"text": "unterminated', "malformed JSON"),
        ("\ufeff{}", "malformed JSON"),  # a byte-order mark in the middle of a file
        ('{"text": "Iran met Iraq.", "published": "0000-00-00"}', "impossible date '0000-00-00'"),
        ('{"text": "Iran met Iraq.", "published": "9999-99-99"}', "impossible date '9999-99-99'"),
        ('{"text": "Iran met Iraq.", "published": {"year": 2020}}', "impossible date"),
        ('{"text": "\\u0000\\u0001\\u001f"}', "missing or empty 'text'"),
    ],
)
def test_hostile_malformed_json_lines_are_named_and_the_rest_read(tmp_path, line, problem):
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"id": "ok", "text": STORY})
    path.write_text(f"{good}\n{line}\n", encoding="utf-8")
    articles, errors = read([path])
    assert [a.id for a in articles] == ["ok"]
    one_error_naming(errors, f"{path}:2", problem)


def test_hostile_enormous_single_line_is_skipped_without_being_held(tmp_path):
    # A line ten times the configured limit stands in for a 2 GB line: the reader
    # takes at most limit + 1 bytes of it before skipping to the next line.
    path = tmp_path / "huge.jsonl"
    limit = 64 * 1024
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"id": "huge", "text": "' + "word " * (limit * 2) + '"}\n')
        out.write(json.dumps({"id": "after", "text": STORY}) + "\n")
    articles, errors = read([path], max_record_bytes=limit)
    assert [a.id for a in articles] == ["after"]
    one_error_naming(errors, f"{path}:1", "more than the limit of 65,536 bytes")


def test_hostile_enormous_text_file_and_csv_line_are_refused(tmp_path):
    text = tmp_path / "huge.txt"
    text.write_text(STORY * 100, encoding="utf-8")
    table = tmp_path / "huge.csv"
    table.write_text(f'id,text\nbig,"{STORY * 100}"\nok,"{STORY}"\n', encoding="utf-8")
    articles, errors = read([text, table], max_record_bytes=1000)
    assert [a.id for a in articles] == ["ok"]
    assert errors[0] == f"{text}: file is more than the limit of 1,000 bytes (max_record_bytes); not read"
    assert errors[1].startswith(f"{table}:2: line is more than the limit")


@pytest.mark.parametrize(
    "encoding,bom",
    [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)],
)
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".txt"])
def test_hostile_byte_order_marks_are_read(tmp_path, encoding, bom, suffix):
    body = {
        ".csv": 'id,text\nc1,"Côte d’Ivoire thanked Ghana."\n',
        ".jsonl": json.dumps({"id": "c1", "text": "Côte d’Ivoire thanked Ghana."}, ensure_ascii=False) + "\n",
        ".txt": "Côte d’Ivoire thanked Ghana.",
    }[suffix]
    path = tmp_path / f"story{suffix}"
    path.write_bytes(bom + body.encode(encoding))
    articles, errors = read([path])
    assert errors == []
    assert [a.text for a in articles] == ["Côte d’Ivoire thanked Ghana."]


def test_hostile_latin1_lines_are_named_and_utf8_lines_read(tmp_path):
    path = tmp_path / "latin1.csv"
    rows = b'c1,"Chile thanked Peru."\nc2,"Caf\xe9 owners protested in Quito."\nc3,"Mali met Chad."\n'
    path.write_bytes(b"id,text\n" + rows)
    articles, errors = read([path])
    assert [a.id for a in articles] == ["c1", "c3"]
    one_error_naming(errors, f"{path}:3", "not UTF-8 text (byte 0xe9 at column 8); save the file as UTF-8")


@pytest.mark.parametrize(
    "rows,good,problem",
    [
        ('c1,"Chile "thanked" Peru."\nc2,"Mali met Chad."\n', ["c2"], "malformed CSV"),
        ('c1,"Chile thanked Peru." again\nc2,"Mali met Chad."\n', ["c2"], "malformed CSV"),
        ('c1,Chile thanked "Peru."\nc2,"Mali met Chad."\n', ["c1", "c2"], ""),  # a quote inside a field is text
        ('c1;Chile thanked Peru.\nc2,"Mali met Chad."\n', ["c2"], "1 fields where the header has 2"),
    ],
)
def test_hostile_csv_with_wrong_quoting_is_named_and_the_rest_read(tmp_path, rows, good, problem):
    path = tmp_path / "quotes.csv"
    path.write_text("id,text\n" + rows, encoding="utf-8")
    articles, errors = read([path])
    assert [a.id for a in articles] == good
    if problem:
        one_error_naming(errors, f"{path}:2", problem)
    else:
        assert errors == []


def test_hostile_csv_quote_never_closed_stops_at_the_limit(tmp_path):
    path = tmp_path / "open.csv"
    path.write_text('id,text\nc1,"never closed\n' + "more text\n" * 2000, encoding="utf-8")
    articles, errors = read([path], max_record_bytes=1000)
    assert articles == []
    assert errors and all(e.startswith(f"{path}:") for e in errors)
    assert "field larger than field limit" in errors[0]


def test_hostile_control_characters_become_spaces(tmp_path):
    path = tmp_path / "controls.jsonl"
    path.write_text(json.dumps({"id": "c\x00", "text": "Iran\x00criticised\x07Israel.\ud800"}) + "\n", encoding="utf-8")
    articles, errors = read([path])
    assert errors == []
    assert articles[0].text == "Iran criticised Israel. " and articles[0].id == "c"


def test_hostile_zip_archives_are_read_member_by_member(tmp_path):
    path = tmp_path / "stories.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.jsonl", json.dumps({"id": "z1", "text": STORY}) + "\n")
        archive.writestr("b/story.txt", "Peru met Chile.")
        archive.writestr("inner.zip", b"PK\x05\x06" + bytes(18))
        archive.writestr("bomb.jsonl", b"x" * 5_000_000)  # inflates far past the limit
    articles, errors = read([path], max_record_bytes=100_000)
    assert [a.text for a in articles] == [STORY, "Peru met Chile."]
    assert errors[0] == f"{path}!bomb.jsonl:1: line is more than the limit of 100,000 bytes (max_record_bytes); skipped"
    assert errors[1].startswith(f"{path}!inner.zip: unsupported file type '.zip' (use .txt")


def test_hostile_broken_zip_is_one_error_line(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 this is not really an archive")
    articles, errors = read([path])
    assert articles == []
    one_error_naming(errors, path, "unreadable zip archive")


def test_hostile_million_sentences_and_limits_are_reported_by_the_coder(coder):
    limited = Coder(Settings(max_sentences=50), nlp=coder.nlp)
    errors: list[InputError] = []
    many = make_article("Go. " * 1_000_000, article_id="million")  # 4 million characters: over max_chars
    short_sentences = make_article("Go. " * 200, article_id="many")
    fine = make_article(STORY, article_id="fine")
    coded = list(limited.pipe([many, short_sentences, fine], on_error=errors.append))
    assert [article.id for article, _ in coded] == ["fine"]
    assert [str(e) for e in errors] == [
        "million: article is 4,000,000 characters, more than the limit of 200,000",
        "many: article has 200 sentences, more than the limit of 50 (max_sentences)",
    ]


def test_hostile_story_over_the_time_limit_is_reported_and_the_rest_coded(coder, monkeypatch):
    import time

    import communique.pipeline as pipeline

    slow_coder = Coder(Settings(story_timeout=0.2), nlp=coder.nlp)
    real = pipeline.clean_article

    def slow_clean(article):  # stands in for a pathological text that makes a stage crawl
        if article.id == "slow":
            time.sleep(5)
        return real(article)

    monkeypatch.setattr(pipeline, "clean_article", slow_clean)
    errors: list[InputError] = []
    started = time.monotonic()
    coded = list(slow_coder.pipe([make_article(STORY, article_id="slow"), make_article(STORY)], on_error=errors.append))
    assert time.monotonic() - started < 4
    assert [article.id for article, _ in coded] == ["test"]
    assert [str(e) for e in errors] == ["slow: coding took more than 0.2 seconds (story_timeout); skipped"]


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_hostile_extreme_dates_are_coded_or_reported(coder, published):
    errors: list[InputError] = []
    article = make_article("Kenya accused Uganda on Monday of shelling a border post last week.", published)
    coded = list(coder.pipe([article], on_error=errors.append))
    assert len(coded) + len(errors) == 1
    for _, events in coded:
        assert all(event.date is None or len(event.date) == 10 for event in events)


SUFFIXES = st.sampled_from([".jsonl", ".csv", ".txt", ".zip"])
PIECES = st.sampled_from(
    [b"{", b"}", b'"text": ', b'"', b",", b"\n", b"\r\n", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xe9", b"[" * 50]
    + [b"id,text\n", b'{"text": "Iran met Iraq."}', b'"published": "9999-99-99"', b"PK\x03\x04", b"\\u0000"]
)
CONTENT = st.one_of(st.binary(max_size=400), st.lists(PIECES, max_size=30).map(b"".join))


@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(suffix=SUFFIXES, content=CONTENT)
def test_hostile_readers_never_raise_and_every_error_names_the_file(tmp_path, suffix, content):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    errors: list[InputError] = []
    articles = list(read_articles([path], on_error=errors.append, max_record_bytes=200))
    for error in errors:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
    for article in articles:
        assert article.text.strip() and len(article.text.encode("utf-8", "surrogatepass")) <= 200 * 4
    if suffix in (".jsonl", ".txt"):  # a CSV of a header alone, or an empty archive, holds no stories and no error
        assert articles or errors


def test_hostile_stdin_is_streamed(monkeypatch):
    import sys

    stream = io.BufferedReader(io.BytesIO(b'{"id": "s1", "text": "Chile met Peru."}\nnot json\n'))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    articles, errors = read(["-"])
    assert [a.id for a in articles] == ["s1"]
    assert errors == ["<stdin>:2: malformed JSON: Expecting value"]
