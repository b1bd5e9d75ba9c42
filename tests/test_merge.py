import dataclasses

import pytest

from communique.merge import merge_events
from tests.test_evaluate import event


def placed(e, **changes):
    return dataclasses.replace(e, article_id="a", date="2020-01-01", **changes)


def test_merge_keeps_the_first_report_of_a_repeated_event():
    first = placed(event("KOR", "RUS", "040"), event_id="1", sentence=0, evidence_start=0)
    again = placed(event("KOR", "RUS", "040"), event_id="2", sentence=3, evidence_start=200)
    assert [e.event_id for e in merge_events([again, first])] == ["1"]


def test_merge_keeps_different_events_in_text_order():
    a = placed(event("KOR", "RUS", "040"), event_id="a", evidence_start=50)
    b = placed(event("RUS", "KOR", "040"), event_id="b", evidence_start=0)
    c = placed(event("KOR", "RUS", "036"), event_id="c", evidence_start=10)
    assert [e.event_id for e in merge_events([a, b, c])] == ["b", "c", "a"]


def test_merge_keeps_events_on_different_dates():
    a = placed(event("KOR", "RUS", "040"), event_id="a")
    b = dataclasses.replace(a, event_id="b", date="2020-01-02", evidence_start=5)
    assert len(merge_events([a, b])) == 2


def test_merge_an_event_without_target_gives_way_to_the_same_with_one():
    bare = placed(event("ISR", "", "195"), event_id="bare", sentence=2, evidence_start=40)
    aimed = placed(event("ISR", "PSE", "195"), event_id="aimed", sentence=2, evidence_start=40)
    elsewhere = placed(event("ISR", "", "195"), event_id="else", sentence=5, evidence_start=90)
    assert [e.event_id for e in merge_events([bare, aimed, elsewhere])] == ["aimed", "else"]


# Across stories: reports of one happening share a happening_id (issue 5).

from communique.merge import collect_happenings, link_happenings, link_to_stored, same_happening  # noqa: E402


def report(article, source, target, cameo, date, precision="day", place="", **changes):
    base = event(source, target, cameo)
    fields = dict(
        event_id=f"{article}-{source}-{target}-{cameo}-{changes.pop('n', 0)}",
        article_id=article,
        date=date,
        date_precision=precision,
        date_end=None,
        place=place,
        country=changes.pop("country", ""),
        place_precision=changes.pop("place_precision", "city" if place else ""),
        place_confidence=0.9,
        modality="asserted",
        happening_id="",
    )
    fields.update(changes)
    return dataclasses.replace(base, **fields)


MOSCOW = dict(place="Moscow", country="RUS", lat=55.75, lon=37.62)


@pytest.mark.parametrize(
    "a,b,same",
    [
        # same dyad, codes, day
        (report("a", "KORGOV", "RUSGOV", "040", "2019-06-17"), report("b", "KOR", "RUS", "042", "2019-06-17"), True),
        # reciprocal
        (report("a", "KOR", "RUS", "040", "2019-06-17"), report("b", "RUS", "KOR", "040", "2019-06-17"), True),
        # a day apart (time zones), or a publication date standing in two days later
        (report("a", "KOR", "RUS", "040", "2019-06-17"), report("b", "KOR", "RUS", "040", "2019-06-18"), True),
        (
            report("a", "KOR", "RUS", "040", "2019-06-17"),
            report("b", "KOR", "RUS", "040", "2019-06-19", "publication"),
            True,
        ),
        # a week-precise date covers its week
        (report("a", "ISR", "PSE", "190", "2019-06-10", "week"), report("b", "ISR", "PSE", "195", "2019-06-14"), True),
        # "attacked" coded 190 by one coder and 180 by the other
        (report("a", "ISR", "PSE", "190", "2019-06-10"), report("b", "ISR", "PSE", "180", "2019-06-10"), True),
        # a report leaving out the target
        (report("a", "ISR", "", "190", "2019-06-10"), report("b", "ISR", "PSE", "190", "2019-06-10"), True),
        # different roles, different actors, different roots, days apart
        (report("a", "KORGOV", "RUS", "040", "2019-06-17"), report("b", "KORMIL", "RUS", "040", "2019-06-17"), False),
        (report("a", "KOR", "RUS", "040", "2019-06-17"), report("b", "KOR", "CHN", "040", "2019-06-17"), False),
        (report("a", "KOR", "RUS", "040", "2019-06-17"), report("b", "KOR", "RUS", "111", "2019-06-17"), False),
        (report("a", "KOR", "RUS", "040", "2019-06-17"), report("b", "KOR", "RUS", "040", "2019-06-20"), False),
        # negated and asserted never merge
        (
            report("a", "KOR", "RUS", "040", "2019-06-17"),
            report("b", "KOR", "RUS", "040", "2019-06-17", negated=True),
            False,
        ),
        # places: the same city, a city and its country, two cities far apart
        (
            report("a", "KOR", "RUS", "040", "2019-06-17", **MOSCOW),
            report("b", "KOR", "RUS", "040", "2019-06-17", place="Russia", country="RUS", place_precision="country"),
            True,
        ),
        (
            report("a", "KOR", "RUS", "040", "2019-06-17", **MOSCOW),
            report("b", "KOR", "RUS", "040", "2019-06-17", place="Sochi", country="RUS", lat=43.6, lon=39.73),
            False,
        ),
        (
            report("a", "KOR", "RUS", "040", "2019-06-17", **MOSCOW),
            report("b", "KOR", "RUS", "040", "2019-06-17", place="Seoul", country="KOR", lat=37.57, lon=126.98),
            False,
        ),
    ],
)
def test_merge_same_happening_rules(a, b, same):
    assert same_happening(a, b) is same
    assert same_happening(b, a) is same


def test_merge_links_reports_across_stories_and_keeps_every_report():
    reports = [
        report("yonhap", "KORGOV", "RUSGOV", "040", "2019-06-17", **MOSCOW),
        report("tass", "RUSGOV", "KORGOV", "040", "2019-06-17", **MOSCOW),
        report("wire", "KOR", "RUS", "042", "2019-06-18", "publication"),
        report("wire", "PRK", "KOR", "111", "2019-06-18", "publication"),
    ]
    linked = link_happenings(reports)
    assert [e.event_id for e in linked] == [e.event_id for e in reports]  # all kept, in order
    assert len({e.happening_id for e in linked[:3]}) == 1
    assert linked[3].happening_id != linked[0].happening_id


def test_merge_complete_linkage_does_not_chain():
    # b is within a day of a and of c, but a and c are two days apart: two happenings, not one.
    a = report("a", "ISR", "PSE", "190", "2019-06-10")
    b = report("b", "ISR", "PSE", "190", "2019-06-11")
    c = report("c", "ISR", "PSE", "190", "2019-06-12")
    linked = {e.article_id: e.happening_id for e in link_happenings([a, b, c])}
    assert linked["a"] == linked["b"] != linked["c"]


def test_merge_is_deterministic_whatever_the_input_order():
    reports = [
        report("a", "ISR", "PSE", "190", "2019-06-10"),
        report("b", "ISR", "PSE", "195", "2019-06-10"),
        report("c", "PSE", "ISR", "190", "2019-06-10"),
        report("d", "EGY", "ISR", "111", "2019-06-10"),
    ]
    first = {e.event_id: e.happening_id for e in link_happenings(reports)}
    again = {e.event_id: e.happening_id for e in link_happenings(list(reversed(reports)))}
    assert first == again


def test_merge_incremental_joins_stored_happenings():
    stored = link_happenings([report("old", "KOR", "RUS", "040", "2019-06-17")])
    asked = []

    def find(reach):
        asked.append(reach)
        return stored

    new = link_to_stored([report("new", "RUS", "KOR", "040", "2019-06-17")], find)
    assert new[0].happening_id == stored[0].happening_id == stored[0].event_id
    assert asked and asked[0].since < "2019-06-17" < asked[0].until
    # The store is asked only for events whose source could share an actor, and compatible codes.
    assert {"RUS", "KOR"} <= asked[0].actors and "USA" not in asked[0].actors
    assert "04" in asked[0].roots and "05" in asked[0].roots and "19" not in asked[0].roots
    other = link_to_stored([report("new2", "KOR", "RUS", "111", "2019-06-17")], find)
    assert other[0].happening_id == other[0].event_id


def test_merge_collects_happenings_with_mentions_and_counts():
    linked = link_happenings(
        [
            report("yonhap", "KORGOV", "RUSGOV", "040", "2019-06-17", **MOSCOW),
            report("tass", "RUSGOV", "KORGOV", "040", "2019-06-17", **MOSCOW),
            report("tass", "KORGOV", "RUSGOV", "040", "2019-06-17", n=1, sentence=3),
            report("later", "KOR", "RUS", "040", "2019-06-18", "publication"),
        ]
    )
    publishers = {"yonhap": "Yonhap", "tass": "TASS", "later": "Yonhap"}
    (happening,) = collect_happenings(linked, publishers)
    assert (happening.n_mentions, happening.n_articles, happening.n_sources) == (4, 3, 2)
    assert happening.event.date_precision == "day"
    assert {m.publisher for m in happening.mentions} == {"Yonhap", "TASS"}


def test_merge_cli_links_stories_in_the_database_incrementally(tmp_path):
    import json

    from typer.testing import CliRunner

    from communique.cli import app
    from communique.store import open_store

    def write(name, rows):
        path = tmp_path / name
        path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
        return str(path)

    first = write(
        "first.jsonl",
        [
            {"id": "w1", "publisher": "Wire One", "published": "2024-02-06",
             "text": "Chile criticised Peru over the border dispute on Monday."},
            {"id": "w2", "publisher": "Wire Two", "published": "2024-02-06",
             "text": "Iran criticised Israel on Sunday."},
        ],
    )  # fmt: skip
    later = write(
        "later.jsonl",
        [{"id": "w3", "publisher": "Wire Three", "published": "2024-02-07",
          "text": "Chilean officials criticised Peru over the border dispute yesterday."}],
    )  # fmt: skip
    db = f"sqlite:///{tmp_path / 'merge.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["code", first, "--db", db, "-f", "jsonl"]).exit_code == 0
    assert runner.invoke(app, ["code", later, "--db", db, "-f", "jsonl"]).exit_code == 0
    with open_store(db) as store:
        rows = store.fetch(
            "SELECT article_id, source, target, cameo, date, happening_id FROM events ORDER BY article_id"
        )
    by_article = {row[0]: row for row in rows}
    assert set(by_article) == {"w1", "w2", "w3"}
    assert by_article["w3"][5] == by_article["w1"][5]  # the later story joined the stored happening
    assert by_article["w2"][5] != by_article["w1"][5]


def test_merge_cli_happenings_lists_one_row_per_happening(tmp_path):
    import json

    from typer.testing import CliRunner

    from communique.cli import app

    stories = tmp_path / "s.jsonl"
    rows = [
        {"id": "a", "publisher": "One", "published": "2024-05-13", "text": "Kenya criticised Somalia on Monday."},
        {
            "id": "b",
            "publisher": "Two",
            "published": "2024-05-14",
            "text": "Kenyan officials criticised Somalia yesterday.",
        },
        {"id": "c", "publisher": "Two", "published": "2024-05-14", "text": "Peru thanked Chile on Tuesday."},
    ]
    stories.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'h.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["code", str(stories), "--db", db, "-f", "jsonl"]).exit_code == 0
    result = runner.invoke(app, ["happenings", "--db", db, "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.stdout.splitlines()]
    kenya = next(h for h in found if h["source"].startswith("KEN"))
    assert (kenya["n_mentions"], kenya["n_articles"], kenya["n_sources"]) == (2, 2, 2)
    assert {m["publisher"] for m in kenya["mentions"]} == {"One", "Two"}
    assert len(found) == 2
    two = runner.invoke(app, ["happenings", "--db", db, "--min-articles", "2"])
    assert two.exit_code == 0 and "1 happenings, 2 mentions" in two.stdout
