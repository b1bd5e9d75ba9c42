import datetime as dt
import json

import pytest

from communique import read_articles
from communique.errors import InputError


def read(paths, **options):
    errors = []
    articles = list(read_articles(paths, on_error=errors.append, **options))
    return articles, [str(error) for error in errors]


@pytest.mark.parametrize("suffix", [".txt"])
def test_sources_text_file_is_one_story_with_given_date(tmp_path, suffix):
    path = tmp_path / f"story{suffix}"
    path.write_text("Talks in Moscow\n\nRussia and China held talks on Monday.", encoding="utf-8")
    articles, errors = read([path], published="2019-06-17")
    assert errors == []
    assert len(articles) == 1
    assert articles[0].published == dt.date(2019, 6, 17)
    assert articles[0].title == "Talks in Moscow"
    assert "held talks" in articles[0].text


def test_sources_jsonl_reads_fields_and_date_alias(tmp_path):
    path = tmp_path / "stories.jsonl"
    lines = [
        {"id": "a1", "text": "Iran criticised Israel.", "published": "2020-01-02", "url": "https://x/1"},
        {"id": "a2", "text": "Peru thanked Chile.", "date": "20200103", "publisher": "Wire"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    articles, errors = read([path])
    assert errors == []
    assert [a.id for a in articles] == ["a1", "a2"]
    assert articles[1].published == dt.date(2020, 1, 3)
    assert articles[1].publisher == "Wire"


@pytest.mark.parametrize(
    "line,problem",
    [
        ('{"id": "x", "text": ', "malformed JSON"),
        ('["not", "an", "object"]', "expected a JSON object"),
        ('{"id": "x"}', "missing or empty 'text'"),
        ('{"id": "x", "text": "Iran met Iraq.", "published": "2019-02-30"}', "impossible date '2019-02-30'"),
        ('{"id": "x", "text": 42}', "must be a string"),
    ],
)
def test_sources_bad_jsonl_line_is_named_and_the_rest_read(tmp_path, line, problem):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "good", "text": "Chile thanked Peru."})
    path.write_text(f"{good}\n{line}\n{good.replace('good', 'good2')}\n", encoding="utf-8")
    articles, errors = read([path])
    assert [a.id for a in articles] == ["good", "good2"]
    assert len(errors) == 1
    assert errors[0].startswith(f"{path}:2: ")
    assert problem in errors[0]


def test_sources_csv_reads_rows_and_reports_bad_ones(tmp_path):
    path = tmp_path / "stories.csv"
    path.write_text(
        "id,text,published\n"
        'c1,"Kenya and Uganda signed a trade agreement.",2021-05-04\n'
        'c2,"Ghana praised Togo.",not-a-date\n'
        "c3,too,many,fields\n"
        'c4,"Mali accused France.",20210506\n',
        encoding="utf-8",
    )
    articles, errors = read([path])
    assert [a.id for a in articles] == ["c1", "c4"]
    assert [e.split(": ")[0] for e in errors] == [f"{path}:3", f"{path}:4"]


def test_sources_csv_without_text_column_is_reported(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    articles, errors = read([path])
    assert articles == []
    assert errors == [f"{path}:1: no 'text' column in the header"]


@pytest.mark.parametrize(
    "content,problem",
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a text file"),
        (b"\xff\xfe\xfa caf\xe9", "not a text file"),
    ],
)
def test_sources_empty_and_binary_files_are_named(tmp_path, content, problem):
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    articles, errors = read([path])
    assert articles == []
    assert len(errors) == 1 and errors[0].startswith(str(path)) and problem in errors[0]


def test_sources_directory_is_read_recursively_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Iran met Iraq.", encoding="utf-8")
    (tmp_path / "b" / "c.jsonl").write_text('{"id": "c", "text": "Peru met Chile."}\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a story", encoding="utf-8")
    articles, errors = read([tmp_path])
    assert errors == []
    assert [a.text for a in articles] == ["Iran met Iraq.", "Peru met Chile."]


def test_sources_missing_path_and_unknown_type_are_reported(tmp_path):
    odd = tmp_path / "story.pdf"
    odd.write_bytes(b"%PDF-1.4")
    articles, errors = read([tmp_path / "nope.txt", odd])
    assert articles == []
    assert "no such file" in errors[0]
    assert "unsupported file type '.pdf'" in errors[1]


def test_sources_ids_are_stable_hashes_when_not_given(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "Chad thanked Niger.", "url": "u"}\n', encoding="utf-8")
    first, _ = read([path])
    second, _ = read([path])
    assert first[0].id == second[0].id and len(first[0].id) == 16


def test_sources_default_raises_on_bad_input(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        list(read_articles([path]))


def test_sources_line_over_the_record_limit_is_skipped_and_the_rest_read(tmp_path):
    path = tmp_path / "big.jsonl"
    big = json.dumps({"id": "big", "text": "x" * 500})
    path.write_text(f'{big}\n{{"id": "ok", "text": "Peru met Chile."}}\n', encoding="utf-8")
    articles, errors = read([path], max_record_bytes=100)
    assert [a.id for a in articles] == ["ok"]
    assert errors == [f"{path}:1: line is more than the limit of 100 bytes (max_record_bytes); skipped"]


def test_sources_article_over_the_length_limit_is_reported_and_the_rest_coded(coder):
    from communique.pipeline import Coder
    from communique.settings import Settings
    from tests.conftest import make_article

    small = Coder(Settings(max_chars=40), nlp=coder.nlp)
    errors = []
    long_story = make_article("Iran criticised Israel. " * 5, article_id="long")
    short_story = make_article("Iran criticised Israel.", article_id="short")
    coded = list(small.pipe([long_story, short_story], on_error=errors.append))
    assert [article.id for article, _ in coded] == ["short"]
    assert [str(e) for e in errors] == ["long: article is 120 characters, more than the limit of 40"]
