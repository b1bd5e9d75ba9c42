"""Issue 4: modality, quotations, confidence, the QuadClass scheme and the lexicon's reach."""

from __future__ import annotations

import pytest

from communique.events import Codebook, Lexicon
from communique.events.confidence import load_confidence
from communique.pipeline import Coder
from communique.settings import Settings
from tests.conftest import make_article
from tests.test_cli import communique


@pytest.fixture(scope="module")
def keep_all(coder):
    return Coder(Settings(keep_negated=True, keep_hypothetical=True, keep_historical=True), nlp=coder.nlp)


def test_events_every_cameo_code_has_a_lexicon_entry_with_an_example():
    lexicon, codebook = Lexicon.load(), Codebook.load()
    entries = [e for table in (lexicon.verbs, lexicon.nouns) for rows in table.values() for e in rows]
    covered = {e.cameo for e in entries if e.example}
    assert [code for code in codebook.codes if len(code) > 2 and code not in covered] == []


@pytest.mark.parametrize(
    ("words", "code"),
    [({"of", "of:espionage"}, "1125"), ({"of", "of:corruption"}, "1121"), ({"of"}, "112")],
)
def test_events_a_preposition_and_its_object_pick_the_sub_code(words, code):
    entry = Lexicon.load().match_verb("accuse", words)
    assert entry is not None and entry.cameo == code


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Brazil criticised Paraguay on Monday.", "asserted"),
        ("Egypt did not criticise Israel.", "negated"),
        ("Italian Prime Minister Giorgia Meloni will visit Tunisia next week.", "intended"),
        ("Serbia could recognise Kosovo next year.", "hypothetical"),
        ("Canada urged Haiti to reform its police force.", "demanded"),
        ("Since the summit between India and China in 2019, relations have cooled.", "historical"),
    ],
)
def test_events_every_event_says_its_modality(keep_all, text, modality):
    events = keep_all(make_article(text, "2024-03-06"))
    assert events and {e.modality for e in events} == {modality}


def test_events_default_keeps_asserted_intended_and_demanded_only(code_text):
    assert code_text("Egypt did not criticise Israel.") == []
    assert code_text("Since the summit between India and China in 2019, relations have cooled.", "2024-03-06") == []
    assert code_text("Canada urged Haiti to reform its police force.")


def test_events_a_quotation_is_its_speakers_across_sentences(code_text):
    text = (
        "Turkish President Recep Tayyip Erdogan spoke to reporters on Monday. "
        '"We will send more troops to the border with Syria. We are ready," Erdogan said.'
    )
    [event] = code_text(text, "2024-03-06")
    assert (event.source, event.target, event.quote_speaker) == ("TURGOV", "SYR", "Recep Tayyip Erdogan")


def test_events_confidence_comes_from_the_measured_table(code_text):
    table = load_confidence()
    assert table and all(0.0 <= value <= 1.0 for value in table.values())
    [event] = code_text("Brazil criticised Paraguay on Monday.")
    assert event.confidence == table[("verb", "dyad")]


def test_events_quad_scheme_is_a_setting():
    gdelt, icews = Codebook.load(), Codebook.load(quad_scheme="icews")
    assert (gdelt["090"].quad_class, icews["090"].quad_class) == (2, 3)
    assert (gdelt["140"].quad_class, icews["140"].quad_class) == (3, 4)


def test_cli_quad_scheme_and_keep_all():
    result = communique(
        "code",
        "-",
        "--db",
        "none",
        "--format",
        "jsonl",
        "--keep-all",
        "--quad-scheme",
        "icews",
        "--published",
        "2024-03-06",
        stdin="Egypt did not criticise Israel. Iran investigated Iraq.",
    )
    assert result.returncode == 0, result.stderr
    assert '"modality": "negated"' in result.stdout and '"quad_class": 3' in result.stdout
    wrong = communique("code", "-", "--db", "none", "--quad-scheme", "nato", stdin="x")
    assert wrong.returncode == 2 and "--quad-scheme" in wrong.stderr
