"""The story time limit (issue 8): wherever coding runs, in a main thread or in any other."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from communique.errors import InputError
from communique.limits import StoryTimeout, time_limit
from communique.pipeline import Coder
from communique.settings import Settings
from tests.conftest import make_article

STORY = "Kenya and Uganda signed a trade agreement in Nairobi on Monday."


def crawl(seconds: float) -> None:
    """Python code that runs for ``seconds``: a stage crawling through a pathological text."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        sum(range(1000))


def stopped_after(limit: float, work: float) -> float | None:
    """Run ``work`` seconds of Python under a limit; the seconds it took when stopped, None when it finished."""
    started = time.monotonic()
    try:
        with time_limit(limit):
            crawl(work)
    except StoryTimeout:
        return time.monotonic() - started
    return None


@pytest.mark.parametrize("where", ["main thread", "other thread"])
def test_limits_time_limit_stops_python_code_in_any_thread(where):
    if where == "main thread":
        took = stopped_after(0.2, 5)
    else:
        with ThreadPoolExecutor(1) as pool:
            took = pool.submit(stopped_after, 0.2, 5).result()
    assert took is not None and took < 2


def test_limits_time_limit_in_a_thread_leaves_no_exception_behind():
    def in_time_then_more():
        with time_limit(0.2):
            crawl(0.05)
        crawl(0.5)  # past the limit, outside the block: must not be interrupted
        return threading.current_thread().name

    with ThreadPoolExecutor(1, thread_name_prefix="coding") as pool:
        assert pool.submit(in_time_then_more).result().startswith("coding")


def test_limits_coder_in_a_thread_reports_the_slow_story_and_codes_the_rest(coder, monkeypatch):
    import communique.pipeline as pipeline

    real = pipeline.clean_article

    def slow_clean(article):
        if article.id == "slow":
            crawl(30)
        return real(article)

    slow_coder = Coder(Settings(story_timeout=1), nlp=coder.nlp)
    monkeypatch.setattr(pipeline, "clean_article", slow_clean)
    errors: list[InputError] = []
    articles = [make_article(STORY, article_id="slow"), make_article(STORY)]
    started = time.monotonic()
    with ThreadPoolExecutor(1) as pool:  # as the service codes posted stories
        coded = pool.submit(lambda: list(slow_coder.pipe(articles, on_error=errors.append))).result()
    assert time.monotonic() - started < 20
    assert [article.id for article, _ in coded] == ["test"]
    assert [str(error) for error in errors] == ["slow: coding took more than 1 seconds (story_timeout); skipped"]


def test_limits_coder_loads_what_stages_load_on_first_use_before_any_story_is_timed(coder):
    # Issue 8: with story_timeout=0.2 the first story timed out while the language identifier loaded (about 1 s).
    from communique import clean, when

    clean._identifier.cache_clear()
    when._time_patterns.cache_clear()
    when._times_said.cache_clear()  # the times read from the warm-up story, else not read again
    Coder(Settings(story_timeout=0.2), nlp=coder.nlp)
    assert clean._identifier.cache_info().currsize == 1
    assert when._time_patterns.cache_info().currsize == 1
