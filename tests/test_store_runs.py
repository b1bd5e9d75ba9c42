"""Run history, re-coding, batches and mentions, on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import pytest

from communique import Actor, Mention
from communique.store import open_store
from tests.synthetic import make_event, make_story


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'events.db'}"
    return request.getfixturevalue("postgres_url")


def _coded(version: str, cameo: str = "040"):
    story = make_story("r1", "2019-06-17")
    return story, [make_event("r1", 0, "KORGOV", "RUSGOV", cameo, "2019-06-17", coder_version=version)]


def _dump(store):
    return [store.fetch(f"SELECT * FROM {table} ORDER BY 1") for table in ("articles", "events", "mentions")]


def test_store_recoding_with_the_same_coder_changes_nothing(url):
    with open_store(url) as store:
        assert store.save_events(*_coded("v1"), "v1") == "new"
        before = _dump(store)
        assert store.save_events(*_coded("v1"), "v1") == "unchanged"
        assert _dump(store) == before


def test_store_new_coder_version_replaces_events_and_keeps_history(url):
    with open_store(url) as store:
        store.begin_run("v1", {"undirected": False})
        store.save_events(*_coded("v1"), "v1")
        store.begin_run("v1", {"undirected": False})
        store.save_events(*_coded("v1"), "v1")
        store.begin_run("v2", {"undirected": True})
        assert store.save_events(*_coded("v2", cameo="042"), "v2") == "replaced"
        assert [event["cameo"] for event in store.events("r1")] == ["042"]
        assert store.events("r1")[0]["coder_version"] == "v2"
    with open_store(url) as store:
        runs = store.runs()
        assert [run["coder_version"] for run in runs] == ["v1", "v1", "v2"]
        assert [(run["new"], run["unchanged"], run["replaced"]) for run in runs] == [(1, 0, 0), (0, 1, 0), (0, 0, 1)]
        assert runs[2]["settings"] == {"undirected": True} and all(run["finished"] for run in runs)
        history = store.fetch("SELECT coder_version, outcome FROM run_articles WHERE article_id = 'r1' ORDER BY 1, 2")
        assert history == [("v1", "new"), ("v1", "unchanged"), ("v2", "replaced")]


def test_store_a_failing_batch_stores_none_of_it(url):
    first = make_story("b1", "2019-06-17"), [make_event("b1", 0, "KOR", "RUS", "040", "2019-06-17")]
    event = make_event("b2", 0, "KOR", "RUS", "042", "2019-06-17")
    broken = make_story("b2", "2019-06-17"), [event, event]  # the same event twice breaks the primary key
    with open_store(url) as store:
        with pytest.raises(Exception, match="(?i)unique|duplicate"):
            store.save_batch([first, broken], "v1")
        assert store.count("articles") == 0 and store.count("events") == 0
        assert store.save_batch([first], "v1") == ["new"]
        assert store.count("events") == 1


def test_store_keeps_an_articles_mentions(url):
    story, events = _coded("v1")
    mentions = [
        Mention(0, 11, 6, "South Korea", Actor("KOR", "KOR"), sentence=0),
        Mention(20, 31, 20, "Zubrowkistan", Actor(""), sentence=0),
    ]
    with open_store(url) as store:
        store.save_events(story, events, "v1", mentions=mentions)
        stored = store.mentions("r1")
        assert [(m["text"], m["actor"], m["known"]) for m in stored] == [
            ("South Korea", "KOR", True),
            ("Zubrowkistan", "", False),
        ]
        assert store.save_events(story, events, "v1", mentions=mentions) == "unchanged"
        assert store.save_events(story, events, "v1", mentions=mentions[:1]) == "replaced"
        assert store.count("mentions") == 1
        store.save_events(story, events, "v1")  # no mentions given: those stored stay
        assert store.count("mentions") == 1


def test_store_a_story_twice_in_a_batch_is_stored_as_its_last_telling(url):
    first, second = _coded("v1"), _coded("v1", cameo="042")
    with open_store(url) as store:
        assert store.save_batch([first, second], "v1") == ["new", "new"]
        assert [event["cameo"] for event in store.events("r1")] == ["042"]
        assert store.count("run_articles") == 1


def test_store_a_batch_of_new_replaced_and_unchanged_stories(url):
    """One batch, read from the store a table at a time: each story gets its own outcome."""

    def coded(article_id, cameos):
        events = [make_event(article_id, n, "KOR", "RUS", cameo, "2019-06-17") for n, cameo in enumerate(cameos)]
        return make_story(article_id, "2019-06-17"), events

    spans = [Mention(0, 3, 3, "KOR", Actor("KOR", "KOR"), sentence=0)]
    with open_store(url) as store:
        store.save_batch([coded("a", ["040"]), coded("b", ["040", "042"]), coded("c", ["111"])], "test-1")
        store.save_events(*coded("c", ["111"]), "test-1", mentions=spans)
        batch = [coded("a", ["040"]), coded("b", ["040"]), coded("c", ["111"]), coded("d", ["057"])]
        outcomes = store.save_batch(batch, "test-1", mentions=[None, None, spans[:0], None])
        assert outcomes == ["unchanged", "replaced", "replaced", "new"]
        assert [event["cameo"] for event in store.events("b")] == ["040"]
        assert store.mentions("c") == [] and [event["cameo"] for event in store.events("c")] == ["111"]
        assert store.save_batch(batch, "test-1", mentions=[None, None, spans[:0], None]) == ["unchanged"] * 4
        assert store.count("events") == 4
