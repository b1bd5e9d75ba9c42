"""The design's example: South Korean and Russian foreign ministers meet in Moscow."""

import json

import pytest

from communique import read_articles
from tests.conftest import SAMPLES

STORY_ID = "kor-rus-foreign-ministers-moscow"


@pytest.fixture(scope="module")
def story(coder):
    articles = [a for a in read_articles([SAMPLES]) if a.id == STORY_ID]
    assert len(articles) == 1
    [(article, events)] = list(coder.pipe(articles))
    return article, events


def find(events, source_country, target_country, root):
    return [
        e
        for e in events
        if e.source[:3] == source_country and e.target[:3] == target_country and e.cameo.startswith(root)
    ]


@pytest.mark.parametrize(
    "source,target,root",
    [
        ("KOR", "RUS", "04"),
        ("KOR", "RUS", "042"),
        ("RUS", "KOR", "02"),
        ("KOR", "RUS", "03"),
        ("RUS", "KOR", "03"),
        ("KOR", "RUS", "036"),  # "the two sides will hold more frequent consultations"
        ("RUS", "KOR", "036"),
    ],
)
def test_example_yields_the_design_table(story, source, target, root):
    _, events = story
    assert find(events, source, target, root), [f"{e.source} {e.target} {e.cameo} {e.trigger}" for e in events]


def test_example_talks_are_between_governments_on_monday_in_moscow(story):
    _, events = story
    [talks] = [e for e in find(events, "KOR", "RUS", "04") if e.cameo == "040"][:1]
    assert talks.source == "KORGOV" and talks.target == "RUSGOV"
    assert talks.date == "2019-06-17"
    assert talks.place == "Moscow" and talks.country == "RUS"
    assert talks.lat == pytest.approx(55.75, abs=0.1) and talks.lon == pytest.approx(37.62, abs=0.1)


def test_example_agreement_is_economic_intent(story):
    _, events = story
    assert {e.cameo for e in find(events, "KOR", "RUS", "03")} & {"0311", "031"}


def test_example_caption_and_footer_are_not_coded(story):
    article, events = story
    assert article.captions and "(L)" in article.captions[0]
    assert "연합뉴스" not in article.text and "(END)" not in article.text
    for event in events:
        assert article.text[event.evidence_start : event.evidence_end] == event.evidence
        assert "(L)" not in event.evidence and "Yonhap" not in event.evidence
        for name in (event.source_name, event.target_name):
            assert "연합" not in name and "END" not in name


def test_example_events_are_deterministic(coder, story):
    _, events = story
    article = next(a for a in read_articles([SAMPLES]) if a.id == STORY_ID)
    again = coder(article)
    assert json.dumps([e.as_dict() for e in again]) == json.dumps([e.as_dict() for e in events])
