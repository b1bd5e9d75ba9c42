import pytest


def triples(events):
    return {(e.source, e.target, e.cameo) for e in events}


def test_events_active_voice(code_text):
    assert ("IRN", "ISR", "111") in triples(code_text("Iran criticised Israel on Monday."))


def test_events_passive_voice_swaps_arguments(code_text):
    events = code_text("Syrian troops were attacked by rebels near Aleppo.")
    assert any(e.source == "---REB" and e.target == "SYRMIL" and e.cameo.startswith(("18", "19")) for e in events)


def test_events_compound_subject_of_reciprocal_verb_codes_both_ways(code_text):
    found = triples(code_text("Japan and South Korea held talks in Tokyo."))
    assert {("JPN", "KOR", "040"), ("KOR", "JPN", "040")} <= found


def test_events_conjoined_objects_give_an_event_each(code_text):
    found = triples(code_text("Germany criticised Russia and Belarus."))
    assert {("DEU", "RUS", "111"), ("DEU", "BLR", "111")} <= found


def test_events_negated_events_are_left_out_unless_kept(code_text, coder):
    assert code_text("Turkey did not criticise Greece.") == []
    from communique.pipeline import Coder
    from communique.settings import Settings
    from tests.conftest import make_article

    keeping = Coder(Settings(keep_negated=True), nlp=coder.nlp)
    [event] = keeping(make_article("Turkey did not criticise Greece."))
    assert event.negated and event.modality == "negated"


def test_events_intent_uses_03x_codes(code_text):
    events = code_text("Vietnam and Japan agreed to hold talks on trade next month.")
    assert any(e.cameo.startswith("03") and e.modality == "intended" for e in events)


def test_events_future_visit_is_intent_to_meet(code_text):
    events = code_text("French President Emmanuel Macron will visit India.")
    assert [(e.source, e.target, e.cameo) for e in events] == [("FRAGOV", "IND", "036")]


def test_events_reported_speech_codes_the_reported_event_with_its_speaker(code_text):
    events = code_text(
        "Chinese Foreign Minister Wang Yi said Beijing condemned the sanctions imposed by the United States."
    )
    assert not any(e.cameo.startswith("01") for e in events)
    assert any(e.quote_speaker == "Wang Yi" for e in events)


def test_events_statement_alone_is_a_statement(code_text):
    events = code_text("Mexico's president said the economy was growing.")
    assert [e.cameo[:2] for e in events] == ["01"]


@pytest.mark.parametrize("field", ["event_id", "evidence", "trigger", "coder_version", "cameo_name"])
def test_events_carry_their_evidence(code_text, field):
    [event] = code_text("Iran criticised Israel.")
    assert getattr(event, field)
    assert event.evidence == "Iran criticised Israel."
    assert (event.evidence_start, event.evidence_end) == (0, len(event.evidence))


def test_events_codebook_values_come_with_the_code(code_text):
    [event] = code_text("Iran criticised Israel.")
    assert (event.cameo, event.goldstein, event.quad_class, event.plover) == ("111", -2.0, 3, "ACCUSE")


def test_events_hypothetical_events_are_left_out_unless_kept(code_text, coder):
    from communique.pipeline import Coder
    from communique.settings import Settings
    from tests.conftest import make_article

    text = "Japan could impose sanctions on Russia."
    assert code_text(text) == []
    keeping = Coder(Settings(keep_hypothetical=True), nlp=coder.nlp)
    events = keeping(make_article(text))
    assert [(e.source, e.target, e.cameo[:2], e.modality) for e in events] == [("JPN", "RUS", "16", "hypothetical")]


def test_events_a_refused_future_act_is_a_rejection(code_text):
    events = code_text("Germany said it would not send tanks to Ukraine.")
    assert [(e.source, e.target, e.cameo[:2], e.negated) for e in events] == [("DEU", "UKR", "12", False)]


@pytest.mark.parametrize(
    "text,reciprocal",
    [("Peru and Chile agreed to hold talks.", True), ("Peru and Chile pledged to send aid.", False)],
)
def test_events_only_cooperation_is_coded_both_ways(code_text, text, reciprocal):
    pairs = {(e.source, e.target) for e in code_text(text)}
    assert (("PER", "CHL") in pairs and ("CHL", "PER") in pairs) is reciprocal


def test_events_coder_takes_plain_text(coder):
    import datetime as dt

    [event] = coder("Iran criticised Israel on Monday.", published=dt.date(2024, 3, 6))
    assert (event.source, event.target, event.cameo, event.date) == ("IRN", "ISR", "111", "2024-03-04")


def test_events_undirected_setting_codes_one_event_a_pair(coder):
    from communique.pipeline import Coder
    from communique.settings import Settings
    from tests.conftest import make_article

    article = make_article("Peru, Chile and Bolivia held talks in Lima.")
    both = {(e.source, e.target) for e in coder(article)}
    one = Coder(Settings(undirected=True), nlp=coder.nlp)(article)
    assert len(both) == 6
    assert len(one) == 3 and {frozenset((e.source, e.target)) for e in one} == {frozenset(p) for p in both}
