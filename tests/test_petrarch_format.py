"""PETRARCH-format dictionaries: read, translated into our own entries, and used by the coder.

The small dictionaries in tests/petrarch/ are our own, written in the format; the
validation dictionaries of ../shared/data are only read, never copied.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from communique import Settings
from communique.evaluate import evaluate, read_gold
from communique.events.cameo import Codebook
from communique.events.petrarch_format import (
    actor_file_kind,
    lexicon_file_kind,
    read_actors,
    read_agents,
    read_discards,
    read_verbs,
    verb_lemmatizer,
)
from communique.pipeline import Coder
from tests.conftest import SHARED_DATA, make_article
from tests.test_cli import communique

HERE = Path(__file__).parent / "petrarch"
VERBS, ACTORS, AGENTS, DISCARDS = (HERE / f"small.{kind}.txt" for kind in ("verbs", "actors", "agents", "discards"))
VALIDATION = SHARED_DATA / "petr_validation_dicts"
UNIT_TESTS = SHARED_DATA / "gold" / "dev_petr_unittest.jsonl"
# Floors for the PETRARCH unit tests coded with the validation dictionaries (README, Accuracy).
UNIT_TEST_FLOORS = {"root": 0.32, "code": 0.26, "full": 0.13}


@pytest.fixture(scope="module")
def codes():
    return set(Codebook.load().codes)


@pytest.fixture(scope="module")
def petrarch_coder(nlp):
    settings = Settings(lexicon=[VERBS, DISCARDS], actors=[ACTORS, AGENTS])
    return Coder(settings, nlp=nlp)


def test_verbs_become_lexicon_entries_with_patterns_and_synsets(nlp, codes):
    entries, _ = read_verbs(VERBS, codes, verb_lemmatizer(nlp))
    found = {(e.lemma, tuple(sorted(e.pattern)), e.cameo) for e in entries}
    assert ("decry", (), "111") in found  # a second verb of the block takes the block's code
    assert ("denounce", ("for:espionage",), "112") in found  # a preposition and its noun, as the parse pairs them
    assert {("sign", (word,), "057") for word in ("treaty", "pact", "deal", "compact")} <= found  # nested synsets
    assert ("sign", ("lease",), "057") in found  # "THE_LEASE" without its article
    assert ("shoot", ("down",), "195") in found  # a particle verb
    assert ("hail", ("summit",), "043") in found  # [043:043] keeps its first code
    assert ("say", ("exile",), "112") in found  # a verb written as "SAID" is the lemma the parse gives
    assert not any(e.lemma == "sign" and not e.pattern for e in entries)  # [---]: the verb alone codes nothing
    assert ("hail", ("triumph",), "051") in found  # the CAMEO-coded pattern after a WEIS-coded one


def test_verb_patterns_the_matcher_cannot_express_are_counted_one_line_a_kind(codes):
    _, report = read_verbs(VERBS, codes)
    lines = report.lines()
    assert lines[0].endswith("16 lexicon entries loaded")
    kinds = " | ".join(lines)
    for kind in ("words before the verb", "actor positions", "--- (no event)", "outside the CAMEO codebook"):
        assert kind in kinds
    assert any("1 patterns with words before the verb" in line for line in lines)
    assert any("lines outside any verb block" in line for line in lines)


def test_actors_take_dated_codes_that_never_overlap():
    actors, report = read_actors(ACTORS)
    firefly = [(a.code, a.start, a.end) for a in actors if a.name == "RUFUS FIREFLY"]
    assert firefly == [
        ("FRE", None, dt.date(1929, 12, 31)),
        ("FREGOV", dt.date(1930, 1, 1), dt.date(1934, 12, 31)),
        ("FREOPP", dt.date(1935, 1, 1), None),
    ]
    trentino = sorted((a.code, a.start or dt.date.min) for a in actors if a.name == "TRENTINO")
    assert [code for code, _ in trentino] == ["SYL", "SYL", "SYLREB"]  # the default on either side of the dated code
    freedonia = next(a for a in actors if a.code == "FRE" and a.name == "FREEDONIA")
    assert freedonia.names == ("FREEDONIA", "FREEDONIAN") and freedonia.country and freedonia.any_case
    assert next(a for a in actors if a.name == "SYLVANIA").names == ("SYLVANIA", "SYLVANIAN")
    assert any("not codes" in line and "[+++]" in line for line in report.lines())


def test_agents_become_role_titles_and_discards_phrases():
    roles, report = read_agents(AGENTS)
    assert roles[("harbour", "master")] == ("GOV", "PRT")
    assert roles[("coastguard",)] == roles[("coastguardsman",)] == ("MIL", "NAV")  # !GUARD! substituted
    assert ("philanthropist",) not in roles
    assert any("written before the actor's" in line for line in report.lines())
    discards, _ = read_discards(DISCARDS)
    assert discards.voids_story("Critics loved Duck Soup.") and not discards.voids_story("A duck swam.")
    assert discards.voids_sentence("The chess match ended.") and not discards.voids_sentence("Chess is old.")


def test_formats_are_told_apart_by_name_and_content(tmp_path):
    assert lexicon_file_kind(VERBS) == "verbs" and lexicon_file_kind(DISCARDS) == "discards"
    table = tmp_path / "mine.tsv"
    table.write_text("lemma\tpattern\tcameo\n", encoding="utf-8")
    assert lexicon_file_kind(table) == "table"
    assert actor_file_kind(ACTORS) == "actors" and actor_file_kind(AGENTS) == "agents"
    unnamed = tmp_path / "roles.txt"
    unnamed.write_text("PORT_CAPTAIN [~GOV]\n", encoding="utf-8")
    assert actor_file_kind(unnamed) == "agents"
    assert actor_file_kind(tmp_path / "mine.yaml") == "user"


def test_the_coder_codes_with_petrarch_dictionaries(petrarch_coder):
    def coded(text, day="1933-06-01"):
        return [(e.source, e.target, e.cameo) for e in petrarch_coder(make_article(text, day))]

    assert coded("FREEDONIA denounced Sylvania on Monday.") == [("FRE", "SYL", "111")]
    assert coded("Rufus Firefly denounced Sylvania on Monday.", "1933-06-01") == [("FREGOV", "SYL", "111")]
    assert coded("Rufus Firefly denounced Sylvania on Monday.", "1936-06-01") == [("FREOPP", "SYL", "111")]
    assert coded("The Freedonian harbour master denounced Sylvania.") == [("FREGOVPRT", "SYL", "111")]
    assert coded("Freedonian coastguards shot down a Sylvanian plane.") == [("FREMILNAV", "SYL", "195")]
    assert coded("Freedonia signed a pact with Sylvania.")[0][2] == "057"
    assert coded("Sylvania denounced Freedonia after the chess match.") == []  # a sentence discard
    assert coded("Sylvania denounced Freedonia. Duck Soup opened in cinemas.") == []  # a story discard
    assert petrarch_coder.notes and all(line.startswith(str(HERE)) for line in petrarch_coder.notes)


def test_cli_eval_and_explain_take_petrarch_dictionaries(tmp_path):
    gold = tmp_path / "gold.jsonl"
    record = {"id": "t1", "text": "Freedonia decried Sylvania.", "date": "19330601"}
    record["events"] = [{"source": "FRE", "target": "SYL", "code": "111"}]
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    dictionaries = ["--lexicon", VERBS, "--actors", ACTORS, "--actors", AGENTS]
    result = communique("eval", gold, "--json", *dictionaries)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[str(gold)]["full"]["f1"] == 1.0
    assert "note:" in result.stderr and "words before the verb" in result.stderr
    explained = communique("explain", "Freedonia decried Sylvania.", *dictionaries)
    assert explained.returncode == 0, explained.stderr
    assert "small.verbs.txt: decry" in " ".join(explained.stdout.split())


def _validation_present() -> bool:
    if VALIDATION.is_dir() and UNIT_TESTS.exists():
        return True
    if os.environ.get("CI") == "true":
        pytest.fail(f"the PETRARCH validation dictionaries or unit tests are missing from {SHARED_DATA}")
    pytest.skip(f"no PETRARCH validation dictionaries in {VALIDATION}")
    return False


def test_petrarch_unit_tests_with_the_validation_dictionaries_stay_above_the_floor(nlp):
    _validation_present()
    settings = Settings(
        lexicon=[VALIDATION / "PETR.Validate.verbs.txt", VALIDATION / "PETR.Validate.discards.txt"],
        actors=[VALIDATION / "PETR.Validate.actors.txt", VALIDATION / "PETR.Validate.agents.txt"],
    )
    coder = Coder(settings, nlp=nlp)
    scores = evaluate(coder, read_gold(UNIT_TESTS), coder.event_coder.codebook.plover)
    below = {level: round(scores.levels[level].f1, 3) for level, floor in UNIT_TEST_FLOORS.items() if
             scores.levels[level].f1 < floor}  # fmt: skip
    assert below == {}, f"F1 fell below the floors {UNIT_TEST_FLOORS}: {below}"
