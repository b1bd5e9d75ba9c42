"""Merge: one event per happening within a story.

A story often repeats its news ("held talks ... The talks ..."): events with
the same source, target, code and date are one event, kept where the story
first says it (the most confident when it says it twice in one sentence).
"""

from __future__ import annotations

from .records import Event


def merge_events(events: list[Event]) -> list[Event]:
    """Drop repeats of the same event within one story, keeping text order."""
    kept: dict[tuple, Event] = {}
    for event in sorted(events, key=lambda event: (event.evidence_start, event.event_id)):
        key = (event.article_id, event.source, event.target, event.cameo, event.date, event.negated)
        current = kept.get(key)
        if current is None or (current.sentence == event.sentence and event.confidence > current.confidence):
            kept[key] = event
    return sorted(kept.values(), key=lambda event: (event.evidence_start, event.event_id))
