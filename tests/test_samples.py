"""What the bundled sample articles give: the quick start's output, measured."""

from __future__ import annotations

from collections import Counter

from communique import read_articles
from tests.conftest import SAMPLES

# Issue 4's aim: bare statements (CAMEO 01x) are at most this share of all events, so that the
# events a user sees are acts, not talk about them.
MAX_STATEMENT_SHARE = 0.15


def test_samples_statement_events_are_at_most_a_seventh_of_all(coder):
    events = [event for _, story in coder.pipe(read_articles([SAMPLES])) for event in story]
    roots = Counter(event.cameo[:2] for event in events)
    assert len(events) >= 200  # the samples are 30 stories full of events
    assert roots["01"] / len(events) <= MAX_STATEMENT_SHARE, roots.most_common(5)
    assert len(roots) >= 12  # and the rest spread over most of CAMEO's roots
