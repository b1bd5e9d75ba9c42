"""Merging, dates and places measured on the related-stories corpus (issue 5)."""

import json
from pathlib import Path

import pytest

from communique.errors import InputError
from communique.evaluate_happenings import (
    GoldHappening,
    GoldReport,
    link_as_stored,
    read_happenings,
    score_happenings,
)
from tests.test_merge import report

ROOT = Path(__file__).parent
CORPUS = ROOT / "corpus" / "related"


@pytest.fixture(scope="module")
def figures(coder):
    import bench.related

    return bench.related.measure(coder)


def test_related_corpus_is_big_enough_and_consistent():
    articles = [json.loads(line) for line in (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    gold = read_happenings(CORPUS / "gold.jsonl")
    assert len(articles) >= 40
    assert len({a["publisher"] for a in articles}) >= 4
    reported = [r.article for h in gold for r in h.reports]
    assert sorted(reported) == sorted(a["id"] for a in articles)  # every story reports one happening
    assert sum(len(h.reports) >= 3 for h in gold) >= 10


@pytest.mark.parametrize(
    "name", ["reports_found", "merge_precision", "merge_recall", "date_exact", "date_within_precision", "place_exact"]
)
def test_related_scores_stay_above_their_floors(figures, name):
    floors = json.loads((ROOT / "related_baseline.json").read_text(encoding="utf-8"))
    assert figures[name] >= floors[name], figures


def test_related_scoring_counts_pairs():
    gold = [
        GoldHappening("h1", "2019-06-17", "Moscow", "RUS", (GoldReport("a", "KOR", "RUS", "04"),
                                                            GoldReport("b", "RUS", "KOR", "04"))),
        GoldHappening("h2", "2019-06-17", "", "", (GoldReport("c", "KOR", "RUS", "11"),)),
    ]  # fmt: skip
    events = link_as_stored(
        [
            [report("a", "KOR", "RUS", "040", "2019-06-17", place="Moscow", country="RUS")],
            [report("b", "RUS", "KOR", "042", "2019-06-16", place="Moscow", country="RUS")],
            [report("c", "KOR", "RUS", "111", "2019-06-17", place="Seoul", country="KOR")],
        ]
    )
    scores = score_happenings(events, gold).as_dict()
    assert scores["pairs"] == {"predicted": 1, "gold": 1, "right": 1}
    assert (scores["merge_precision"], scores["merge_recall"]) == (1.0, 1.0)
    assert scores["date_exact"] == 0.667
    assert scores["place_exact"] == 1.0 and scores["place_spurious"] == 1.0


def test_related_bad_gold_line_is_named(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"happening": "h1"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl:1: malformed gold record"):
        read_happenings(bad)
