"""Merge: one event per happening within a story.

A story often repeats its news ("held talks ... The talks ..."): events with
the same source, target, code and date are one event, kept where the story
first says it (the most confident when it says it twice in one sentence). An
event without a target gives way to the same event with one in the same
sentence ("an Israeli airstrike on Gaza killed five people": one airstrike).
"""

from __future__ import annotations

from .records import Event


def merge_events(events: list[Event]) -> list[Event]:
    """Drop repeats of the same event within one story, keeping text order."""
    targeted = {(e.article_id, e.sentence, e.source, e.cameo) for e in events if e.target}
    events = [e for e in events if e.target or (e.article_id, e.sentence, e.source, e.cameo) not in targeted]
    kept: dict[tuple, Event] = {}
    for event in sorted(events, key=lambda event: (event.evidence_start, event.event_id)):
        key = (event.article_id, event.source, event.target, event.cameo, event.date, event.negated)
        current = kept.get(key)
        if current is None or (current.sentence == event.sentence and event.confidence > current.confidence):
            kept[key] = event
    return sorted(kept.values(), key=lambda event: (event.evidence_start, event.event_id))
