"""Coding in worker processes (issue 8): a pool that loads the Coder once per worker, results in input order."""

from __future__ import annotations

import dataclasses

import psutil

from communique import read_articles
from communique.errors import InputError
from communique.pipeline import Coder
from communique.settings import Settings
from tests.conftest import SAMPLES, make_article


def spawned(process: psutil.Process) -> bool:
    return "spawn_main" in " ".join(process.cmdline())  # a pool worker, not multiprocessing's resource tracker


def coded(coder: Coder, articles) -> tuple[list, list[str]]:
    errors: list[InputError] = []
    stories = [(article.id, events) for article, events in coder.pipe(articles, on_error=errors.append)]
    return stories, [str(error) for error in errors]


def test_pool_two_workers_code_as_one_in_input_order_and_stop_when_closed(coder):
    # Issue 8: the calling process loads no pipeline; the workers load theirs once.
    samples = list(read_articles([SAMPLES]))[:10]
    articles = [*samples[:5], make_article("Talks. " * 5_000, article_id="too long"), *samples[5:]]
    settings = Settings(max_chars=20_000)
    alone = Coder(settings, nlp=coder.nlp)
    expected = coded(alone, articles)
    before = {child.pid for child in psutil.Process().children()}
    with Coder(dataclasses.replace(settings, workers=2)) as pooled:
        assert coded(pooled, articles) == expected
        assert "nlp" not in vars(pooled)  # the calling process reads and stores: no spaCy pipeline of its own
        assert coded(pooled, articles[:3]) == coded(alone, articles[:3])  # the same workers, a second stream
        workers = [child for child in psutil.Process().children() if child.pid not in before and spawned(child)]
        assert len(workers) == 2
    assert expected[1] == ["too long: article is 35,000 characters, more than the limit of 20,000"]
    assert len(expected[0]) == 10 and sum(len(events) for _, events in expected[0]) > 10
    assert not [worker for worker in workers if worker.is_running() and worker.status() != psutil.STATUS_ZOMBIE]


def test_pool_fresh_workers_take_over_after_their_share_and_code_as_one(coder):
    # Issue 8: workers keep memory their C libraries freed; replacing them bounds a long job's memory.
    articles = list(read_articles([SAMPLES]))
    settings = Settings(workers=2, worker_stories=8)  # a set of two workers codes 16 stories, then a fresh set
    expected = coded(Coder(Settings(), nlp=coder.nlp), articles)
    before = {child.pid for child in psutil.Process().children()}
    seen: set[int] = set()
    with Coder(settings) as pooled:
        stories, errors = [], []
        for article, events in pooled.pipe(articles, on_error=errors.append):
            stories.append((article.id, events))
            seen |= {child.pid for child in psutil.Process().children() if child.pid not in before and spawned(child)}
        assert (stories, errors) == expected
        assert pooled._pool is not None and pooled._pool.sets_started == 2
        assert pooled._pool.retired == []  # a replaced set is shut down once its last batch is read
    assert len(articles) == 30 and len(seen) >= 3  # the first set's two workers, and at least one of the next
    assert not [pid for pid in seen if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
