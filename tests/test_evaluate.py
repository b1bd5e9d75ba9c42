import json

import pytest

from communique.evaluate import GoldEvent, GoldRecord, Scores, read_gold, score_record
from communique.records import Event

PLOVER = {"040": "CONSULT", "042": "CONSULT", "190": "ASSAULT", "010": "", "111": "ACCUSE"}.get


def event(source, target, cameo, plover=None):
    fields = dict.fromkeys(Event.__dataclass_fields__, "")
    fields.update(
        source=source,
        target=target,
        cameo=cameo,
        plover=plover if plover is not None else PLOVER(cameo, ""),
        goldstein=0.0,
        quad_class=1,
        negated=False,
        confidence=1.0,
        sentence=0,
        evidence_start=0,
        evidence_end=0,
        lat=None,
        lon=None,
        date=None,
    )
    return Event(**fields)


def score(gold_events, predicted):
    scores = Scores()
    score_record(scores, GoldRecord("r", "text", None, tuple(gold_events)), predicted, PLOVER)
    return {level: (s.true_positives, s.predicted, s.gold) for level, s in scores.levels.items()}


def test_evaluate_exact_match_counts_at_every_level():
    result = score([GoldEvent("KORGOV", "RUSGOV", "040", None)], [event("KORGOV", "RUSGOV", "040")])
    assert result == {level: (1, 1, 1) for level in result}


def test_evaluate_country_levels_ignore_roles_but_full_does_not():
    result = score([GoldEvent("KORGOV", "RUSGOV", "042", None)], [event("KOR", "RUSMIL", "040")])
    assert result["root"] == (1, 1, 1)
    assert result["code"] == (0, 1, 1)
    assert result["dyad_root"] == (1, 1, 1)
    assert result["full"] == (0, 1, 1)
    assert result["plover"] == (1, 1, 1)


def test_evaluate_gold_without_actors_counts_only_where_none_are_needed():
    result = score([GoldEvent(None, None, "190", None)], [event("SYR", "TUR", "190")])
    assert result["root"] == (1, 1, 1) and result["code"] == (1, 1, 1)
    assert result["dyad_root"] == (0, 0, 0) and result["full"] == (0, 0, 0)


def test_evaluate_gold_without_target_matches_on_source():
    result = score([GoldEvent("USA", None, "111", None)], [event("USA", "IRN", "111")])
    assert result["full"] == (1, 1, 1) and result["dyad_root"] == (1, 1, 1)


def test_evaluate_no_event_record_counts_false_positives():
    result = score([], [event("USA", "IRN", "111")])
    assert result["root"] == (0, 1, 0)


def test_evaluate_plover_gold_uses_the_2021_names():
    result = score([GoldEvent("RUS", "UKR", None, "ASSAULT")], [event("RUS", "UKR", "190")])
    assert result["plover"] == (1, 1, 1) and result["dyad_plover"] == (1, 1, 1)
    assert result["root"] == (0, 0, 0)


def test_evaluate_statements_have_no_plover_type():
    result = score([GoldEvent("USA", None, "010", None)], [event("USA", "", "010")])
    assert result["plover"] == (0, 0, 0) and result["root"] == (1, 1, 1)


def test_evaluate_each_gold_event_matches_once():
    result = score([GoldEvent("IRN", "IRQ", "040", None)], [event("IRN", "IRQ", "040"), event("IRN", "IRQ", "040")])
    assert result["full"] == (1, 2, 1)


def test_evaluate_reads_gold_files(tmp_path):
    path = tmp_path / "gold.jsonl"
    record = {
        "id": "g1",
        "text": "Hungary's government criticised Austria.",
        "date": None,
        "events": [{"source": {"code": "HUN", "sector": "GOV"}, "target": "AUT", "code": None, "plover": "DISAPPROVE"}],
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [gold] = read_gold(path)
    assert gold.events == (GoldEvent("HUNGOV", "AUT", None, "ACCUSE"),)


def test_evaluate_malformed_gold_names_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "events": []}\n{"id": "b"\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"gold.jsonl:2: malformed gold record"):
        read_gold(path)
