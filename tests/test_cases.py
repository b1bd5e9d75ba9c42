"""The coding cases in tests/cases/*.yaml: sentences and the events they must yield."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from communique import Article
from communique.pipeline import Coder
from communique.settings import Settings

CASES_DIR = Path(__file__).parent / "cases"


def load_cases():
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            # A known gap must still fail: strict xfail turns a fix into a prompt to drop the mark.
            marks = [pytest.mark.xfail(reason=case["known_gap"], strict=True)] if case.get("known_gap") else []
            cases.append(pytest.param(case, id=f"{path.stem}:{case['id']}", marks=marks))
    return cases


def _matches(expected: dict, event) -> bool:
    if "source" in expected and event.source != expected["source"]:
        return False
    if "target" in expected and event.target != (expected["target"] or ""):
        return False
    if "cameo" in expected and event.cameo != str(expected["cameo"]):
        return False
    if "modality" in expected and event.modality != expected["modality"]:
        return False
    if "quote_speaker" in expected and event.quote_speaker != expected["quote_speaker"]:
        return False
    return not ("root" in expected and event.cameo[:2] != str(expected["root"]))


def _describe(events) -> list[str]:
    return [f"{e.source}->{e.target or '-'} {e.cameo} ({e.modality}; {e.trigger!r})" for e in events]


@pytest.fixture(scope="session")
def keep_all_coder(coder):
    """A coder that keeps negated, hypothetical, historical and unnamed-doer events (``keep_all: true``)."""
    settings = Settings(keep_negated=True, keep_hypothetical=True, keep_historical=True, keep_unnamed=True)
    return Coder(settings, nlp=coder.nlp)


@pytest.mark.parametrize("case", load_cases())
def test_cases_coding(case, code_text, request):
    if case.get("keep_all"):
        article = Article(id=case["id"], text=case["text"], published=dt.date.fromisoformat(str(case["published"])))
        events = request.getfixturevalue("keep_all_coder")(article)
    else:
        events = code_text(case["text"], str(case["published"]))
    found = _describe(events)
    if case.get("no_events"):
        assert events == [], f"expected no events, coded {found}"
    for expected in case.get("events") or ():
        assert any(_matches(expected, e) for e in events), f"missing {expected}; coded {found}"
    for unwanted in case.get("absent") or ():
        assert not any(_matches(unwanted, e) for e in events), f"coded unwanted {unwanted}; coded {found}"


def test_cases_are_many_and_cover_every_root():
    cases = [param.values[0] for param in load_cases()]
    passing = [case for case in cases if not case.get("known_gap")]
    roots = {str(e.get("cameo") or e.get("root"))[:2] for case in passing for e in case.get("events") or ()}
    assert len(passing) >= 80
    assert len(cases) - len(passing) <= len(cases) // 8, "known gaps must stay few"
    assert roots >= {f"{n:02d}" for n in range(1, 21)}


def test_cases_test_every_three_digit_code_and_each_root_three_times():
    codebook = Path(__file__).parents[1] / "communique" / "data" / "cameo" / "event_codes.tsv"
    codes = [line.split("\t")[0] for line in codebook.read_text(encoding="utf-8").splitlines()[1:]]
    passing = [param.values[0] for param in load_cases() if not param.values[0].get("known_gap")]
    expected = [str(e.get("cameo") or e.get("root")) for case in passing for e in case.get("events") or ()]
    untested = [code for code in codes if len(code) == 3 and not any(e.startswith(code) for e in expected)]
    assert untested == []
    for root in {code[:2] for code in codes}:
        cases = [
            case
            for case in passing
            if any(str(e.get("cameo") or e.get("root")).startswith(root) for e in case.get("events") or ())
        ]
        assert len(cases) >= 3, root
