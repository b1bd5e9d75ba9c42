"""Stored events made up for the data-product tests: known counts, no coder needed."""

from __future__ import annotations

import datetime as dt
import hashlib

from communique import Article, Event

CODEBOOK = {  # code: (name, goldstein, quad_class, plover)
    "010": ("Make statement", 0.0, 1, ""),
    "042": ("Make a visit", 1.9, 1, "CONSULT"),
    "040": ("Consult", 1.0, 1, "CONSULT"),
    "057": ("Sign formal agreement", 8.0, 1, "AGREE"),
    "0311": ("Express intent to cooperate economically", 5.2, 1, "COOPERATE"),
    "070": ("Provide aid", 7.0, 2, "AID"),
    "111": ("Criticize or denounce", -2.0, 3, "ACCUSE"),
    "130": ("Threaten", -4.4, 3, "THREATEN"),
    "190": ("Use conventional military force", -10.0, 4, "ASSAULT"),
}


def make_event(
    article_id: str,
    number: int,
    source: str,
    target: str,
    cameo: str,
    date: str | None,
    *,
    place: str = "",
    country: str = "",
    lat: float | None = None,
    lon: float | None = None,
    negated: bool = False,
    coder_version: str = "test-1",
) -> Event:
    name, goldstein, quad_class, plover = CODEBOOK[cameo]
    event_id = hashlib.sha1(f"{article_id}|{number}|{source}|{target}|{cameo}".encode()).hexdigest()[:16]
    return Event(
        event_id=event_id,
        article_id=article_id,
        sentence=number,
        date=date,
        date_precision="day" if date else "",
        source=source,
        source_name="",
        target=target,
        target_name="",
        cameo=cameo,
        cameo_name=name,
        goldstein=goldstein,
        quad_class=quad_class,
        plover=plover,
        plover_mode="",
        place=place,
        country=country,
        lat=lat,
        lon=lon,
        trigger="met",
        evidence=f"Sentence {number} of {article_id}.",
        evidence_start=number * 40,
        evidence_end=number * 40 + 30,
        quote_speaker="",
        negated=negated,
        modality="negated" if negated else "asserted",
        confidence=0.9,
        coder_version=coder_version,
    )


def make_story(article_id: str, published: str) -> Article:
    return Article(
        id=article_id,
        text=f"The text of {article_id}.",
        title=f"Story {article_id}",
        publisher="Test Wire",
        url=f"https://example.org/{article_id}",
        published=dt.date.fromisoformat(published),
        language="en",
    )


# (article, published, [(source, target, cameo, date)]) — a small world with known answers.
STORIES = [
    ("s1", "2019-06-17", [("KORGOV", "RUSGOV", "040", "2019-06-17"), ("KORGOV", "RUS", "042", "2019-06-16")]),
    ("s2", "2019-06-18", [("RUSGOV", "KORGOV", "010", "2019-06-18"), ("KOR", "RUS", "0311", "2019-06-18")]),
    ("s3", "2019-07-02", [("KOR", "RUSMIL", "111", "2019-07-01"), ("PRK", "KOR", "130", "2019-07-02")]),
    ("s4", "2019-07-30", [("KORGOV", "RUSGOV", "057", "2019-07-29"), ("USA", "PRK", "190", "2019-07-30")]),
    ("s5", "2019-08-05", [("KOR", "RUS", "070", "2019-08-05"), ("KOR", "JPN", "040", None)]),
]
PLACES = {"s1": ("Moscow", "RUS", 55.75, 37.62), "s4": ("Seoul", "KOR", 37.57, 126.98)}


def stored_world(store) -> list[Event]:
    """Save STORIES into a store; returns every event saved."""
    saved = []
    for article_id, published, rows in STORIES:
        place, country, lat, lon = PLACES.get(article_id, ("", "", None, None))
        events = [
            make_event(article_id, number, source, target, cameo, date, place=place, country=country, lat=lat, lon=lon)
            for number, (source, target, cameo, date) in enumerate(rows)
        ]
        store.save_events(make_story(article_id, published), events, "test-1")
        saved += events
    return saved
