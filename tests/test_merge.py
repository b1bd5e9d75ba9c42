import dataclasses

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
