"""The command line, run as a user runs it: a real process, real files, a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from communique.records import EVENT_FIELDS
from tests.conftest import SAMPLES

STORY = "Japanese Prime Minister Fumio Kishida criticised China on Monday."


def communique(*args, stdin: str | None = None, cwd: Path | None = None):
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "communique", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    result = communique("code", SAMPLES, "--db", f"sqlite:///{folder / 'events.db'}", cwd=folder)
    return result, folder


def test_cli_code_samples_writes_jsonl_and_stores(sample_run):
    result, folder = sample_run
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(events) >= 60
    assert all(tuple(event) == EVENT_FIELDS for event in events)
    assert all(isinstance(event["cameo"], str) and len(event["cameo"]) >= 2 for event in events)
    db = sqlite3.connect(folder / "events.db")
    assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == len(events)
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 30


def test_cli_code_twice_changes_nothing_in_the_db(sample_run):
    _, folder = sample_run
    db_path = folder / "events.db"

    def dump():
        db = sqlite3.connect(db_path)
        return [db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in ("articles", "events")]

    before = dump()
    again = communique("code", SAMPLES, "--db", f"sqlite:///{db_path}", "--output", folder / "again.jsonl")
    assert again.returncode == 0, again.stderr
    assert dump() == before


def test_cli_code_text_from_stdin_with_published_date():
    result = communique("code", "-", "--published", "2023-03-06", "--db", "none", stdin=STORY)
    assert result.returncode == 0, result.stderr
    [event] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (event["source"], event["target"], event["cameo"]) == ("JPNGOV", "CHN", "111")
    assert event["date"] == "2023-03-06" and event["source_name"] == "Fumio Kishida"


def test_cli_code_table_and_csv_formats(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    table = communique("code", story, "--published", "2023-03-06", "--db", "none", "--format", "table")
    assert table.returncode == 0, table.stderr
    assert "JPNGOV" in table.stdout and "111" in table.stdout and "evidence" in table.stdout
    out = tmp_path / "events.csv"
    result = communique("code", story, "--published", "2023-03-06", "--db", "none", "--output", out)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [row["cameo"] for row in rows] == ["111"] and tuple(rows[0]) == EVENT_FIELDS


def test_cli_code_bad_input_exits_1_names_each_file_and_codes_the_rest(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff")
    (tmp_path / "stories.jsonl").write_text(
        json.dumps({"id": "ok", "text": STORY, "published": "2023-03-06"})
        + "\n"
        + '{"id": "broken", "text": \n'
        + json.dumps({"id": "nodate", "text": STORY, "published": "2023-13-45"})
        + "\n"
        + json.dumps({"id": "notext"})
        + "\n",
        encoding="utf-8",
    )
    result = communique("code", tmp_path, "--db", "none")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 5, result.stderr
    assert any("binary.txt: not a text file" in line for line in errors)
    assert any("empty.txt: the file is empty" in line for line in errors)
    assert any("stories.jsonl:2: malformed JSON" in line for line in errors)
    assert any("stories.jsonl:3: impossible date '2023-13-45'" in line for line in errors)
    assert any("stories.jsonl:4: missing or empty 'text' field" in line for line in errors)
    assert [json.loads(line)["article_id"] for line in result.stdout.splitlines()] == ["ok"]


@pytest.mark.parametrize(
    "args",
    [
        ["code"],
        ["code", "-", "--published", "2023-02-30"],
        ["code", "-", "--format", "xml"],
        ["code", "-", "--db", "mysql://x"],
        ["code", "-", "--workers", "0"],
        ["nonsense"],
    ],
)
def test_cli_usage_errors_exit_2(args):
    result = communique(*args, stdin=STORY)
    assert result.returncode == 2, (result.stdout, result.stderr)


def test_cli_non_english_story_is_reported_as_skipped(tmp_path):
    story = tmp_path / "es.txt"
    story.write_text(
        "El presidente de Colombia se reunió con los rebeldes en La Habana el lunes por la tarde.", encoding="utf-8"
    )
    result = communique("code", story, "--published", "2023-03-06", "--db", "none")
    assert result.returncode == 0
    assert result.stdout == ""
    assert "skipped" in result.stderr and "not English" in result.stderr


def test_cli_eval_prints_scores_as_json(tmp_path):
    gold = tmp_path / "gold.jsonl"
    records = [
        {
            "id": "1",
            "text": STORY,
            "date": "20230306",
            "events": [{"source": "JPNGOV", "target": "CHN", "code": "111"}],
        },
        {"id": "2", "text": "The weather was mild in Oslo.", "date": "20230306", "events": []},
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = communique("eval", gold, "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)[str(gold)]
    assert scores["records"] == 2
    assert scores["full"]["f1"] == 1.0 and scores["root"]["gold"] == 1


def test_cli_eval_keep_unnamed_scores_violence_by_an_unnamed_doer(tmp_path):
    gold = tmp_path / "gold.jsonl"
    text = "Four Chadian soldiers were killed near the Libyan border on Friday."
    record = {"id": "1", "text": text, "date": "20230311", "events": [{"target": "TCDMIL", "code": "190"}]}
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    default = json.loads(communique("eval", gold, "--json").stdout)[str(gold)]
    kept = json.loads(communique("eval", gold, "--json", "--keep-unnamed").stdout)[str(gold)]
    assert default["root"]["predicted"] == 0
    assert kept["root"]["true_positives"] == 1


@pytest.mark.parametrize("command", [[], ["code"], ["eval"], ["explain"]])
def test_cli_help_everywhere_with_an_example(command):
    result = communique(*command, "--help")
    assert result.returncode == 0
    assert "Usage" in result.stdout
    if command:
        assert "Example:" in result.stdout


def test_cli_code_with_two_workers_gives_the_same_events(sample_run, tmp_path):
    result, _ = sample_run
    parallel = communique("code", SAMPLES, "--db", "none", "--workers", "2")
    assert parallel.returncode == 0, parallel.stderr
    assert parallel.stdout == result.stdout


def test_cli_explain_shows_actors_rules_and_events():
    result = communique("explain", "Lavrov called for Seoul's participation.", "--published", "2019-06-17")
    assert result.returncode == 0, result.stderr
    assert "RUSGOV" in result.stdout and "KORGOV" in result.stdout
    assert "verbs.tsv: call [for] -> 020" in result.stdout
    assert "1 events" in result.stdout


def test_cli_own_lexicon_codes_a_verb_the_bundled_one_lacks(tmp_path):
    story = "Chile stonewalled Peru."
    plain = communique("code", "-", "--published", "2024-03-06", "--db", "none", stdin=story)
    assert plain.returncode == 0 and plain.stdout == ""
    table = tmp_path / "mine.tsv"
    table.write_text(
        "lemma\tpattern\tcameo\texample\nstonewall\t-\t1246\tThe ministry stonewalled the inquiry.\n", encoding="utf-8"
    )
    mine = communique("code", "-", "--published", "2024-03-06", "--db", "none", "--lexicon", table, stdin=story)
    assert mine.returncode == 0, mine.stderr
    [event] = [json.loads(line) for line in mine.stdout.splitlines()]
    assert (event["source"], event["target"], event["cameo"]) == ("CHL", "PER", "1246")


def test_cli_no_statements_leaves_out_bare_statements():
    story = "Mexico's president said the economy was growing. Iran criticised Israel."
    with_statements = communique("code", "-", "--published", "2024-03-06", "--db", "none", stdin=story)
    without = communique("code", "-", "--published", "2024-03-06", "--db", "none", "--no-statements", stdin=story)
    codes = [json.loads(line)["cameo"] for line in with_statements.stdout.splitlines()]
    assert codes == ["010", "111"]
    assert [json.loads(line)["cameo"] for line in without.stdout.splitlines()] == ["111"]


@pytest.mark.parametrize(
    "table,problem",
    [
        ("lemma\tpattern\tcameo\texample\nstonewall\t-\t9999\tx\n", "not CAMEO 1.1b3 event codes: 9999"),
        ("verb\tcode\nstonewall\t120\n", "header must start with lemma / pattern / cameo"),
    ],
)
def test_cli_bad_own_lexicon_is_a_one_line_usage_error(tmp_path, table, problem):
    path = tmp_path / "mine.tsv"
    path.write_text(table, encoding="utf-8")
    result = communique("code", "-", "--db", "none", "--lexicon", path, stdin=STORY)
    assert result.returncode == 2
    assert problem in " ".join(result.stderr.split())


@pytest.mark.parametrize(
    "filters,check",
    [
        (["--dyad", "KOR-RUS"], lambda e: e["source"].startswith("KOR") and e["target"].startswith("RUS")),
        (
            ["--cameo", "04", "--country", "KOR"],
            lambda e: e["cameo"].startswith("04") and "KOR" in e["source"] + e["target"],
        ),
        (
            ["--plover", "consult", "--since", "2019-06-17", "--until", "2019-06-17"],
            lambda e: e["plover"] == "CONSULT" and e["date"] == "2019-06-17",
        ),
        (["--quad", "4"], lambda e: e["quad_class"] == 4),
    ],
)
def test_cli_events_reads_stored_events_by_filter(sample_run, filters, check):
    _, folder = sample_run
    result = communique("events", "--db", f"sqlite:///{folder / 'events.db'}", "--format", "jsonl", *filters)
    assert result.returncode == 0, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert found and all(check(event) for event in found)
    assert [e["date"] for e in found] == sorted(e["date"] for e in found)


@pytest.mark.parametrize("args", [["--dyad", "KOR"], ["--since", "2019-13-01"], ["--db", "none"], ["--quad", "7"]])
def test_cli_events_usage_errors_exit_2(sample_run, args):
    _, folder = sample_run
    result = communique("events", "--db", f"sqlite:///{folder / 'events.db'}", *args)
    assert result.returncode == 2


ZLF = "- name: Zorvan Liberation Front\n  names: [ZLF]\n  code: ---REB\n"


def test_cli_actors_dictionary_codes_and_explains(tmp_path):
    actors = tmp_path / "actors.yaml"
    actors.write_text(ZLF, encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("The ZLF attacked Kenyan police on Monday.", encoding="utf-8")
    result = communique("code", story, "--actors", actors, "--db", "none", "-f", "jsonl", "--published", "2024-05-01")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["source"], e["target"]) for e in events] == [("---REB", "KENCOP")]
    explained = communique("explain", "The ZLF attacked Kenyan police.", "--actors", actors)
    assert explained.returncode == 0, explained.stderr
    assert "---REB" in explained.stdout and "user dictionary" in explained.stdout


def test_cli_actors_dictionary_that_is_bad_is_one_line(tmp_path):
    actors = tmp_path / "actors.yaml"
    actors.write_text("- name: Nobody\n", encoding="utf-8")
    result = communique("explain", "Russia protested.", "--actors", actors)
    assert result.returncode == 2
    assert "needs a name and a code" in result.stderr and "--actors" in result.stderr


def test_cli_actors_unknown_lists_names_by_frequency(tmp_path):
    stories = tmp_path / "stories.jsonl"
    stories.write_text(
        json.dumps({"id": "a", "text": "Ilo Maret demanded a ransom from Kenya. Kenya rejected Ilo Maret."})
        + "\n"
        + json.dumps({"id": "b", "text": "Ilo Maret threatened Uganda. Tova Renn criticised Uganda."})
        + "\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'events.db'}"
    assert communique("code", stories, "--db", db, "-f", "jsonl").returncode == 0
    result = communique("actors", "unknown", "--db", db, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["text", "mentions", "articles"]
    assert rows[1][0] == "Ilo Maret" and int(rows[1][2]) == 2
    assert "Tova Renn" in {row[0] for row in rows[2:]}


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'events.db'}"
    return request.getfixturevalue("postgres_url")


def test_cli_actors_unknown_reads_sqlite_and_postgresql(any_db):
    from communique import Actor, Article, Mention
    from communique.store import open_store

    def unknown(text: str, start: int) -> Mention:
        return Mention(start, start + len(text), start, text, Actor("UNK", name=text), rule="unknown: test")

    known = Mention(0, 6, 0, "Russia", Actor.from_parts("RUS"), rule="countries.tsv: country of Russia")
    with open_store(any_db) as store:
        for number, names in enumerate((["Ilo Maret", "Tova Renn"], ["Ilo Maret"])):
            article = Article(id=f"a{number}", text="Russia, Ilo Maret and Tova Renn.")
            mentions = [known] + [unknown(name, article.text.index(name)) for name in names]
            store.save_events(article, [], "test", mentions=mentions)
    result = communique("actors", "unknown", "--db", any_db, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["text", "mentions", "articles"],
        ["Ilo Maret", "2", "2"],
        ["Tova Renn", "1", "1"],
    ]
