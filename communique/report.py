"""Report: one self-contained HTML page summing up a store, readable offline.

Top dyads, timelines, the mix of event types and a map of events, with every
figure embedded as a base64 PNG and the styles inline: the file can be mailed
or opened without a network.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from pathlib import Path

import pandas as pd

from . import __version__
from .aggregate import activity_series, actor_network, dyad_series
from .events.cameo import Codebook
from .export.actors import country_name
from .plots import plot_dyad_series, plot_event_mix, plot_map, plot_network
from .query import EventFilter
from .store.sql import SQLStore

GROUPS = {"---": "country unknown", "IGO": "international bodies", "NGO": "non-governmental", "IMG": "militant groups"}
STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 1100px;
       color: #222; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; } .lead { color: #555; margin-top: 0; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.3rem; margin-top: 2.2rem; }
table { border-collapse: collapse; font-size: 0.92rem; } th, td { padding: 0.3rem 0.7rem; text-align: right; }
th { background: #f1f3f6; } td.name, th.name { text-align: left; } tr:nth-child(even) td { background: #fafbfc; }
img { max-width: 100%; height: auto; display: block; margin: 0.8rem 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 0.5rem; }
.numbers { display: flex; gap: 2.5rem; flex-wrap: wrap; } .numbers div { font-size: 0.9rem; color: #555; }
.numbers b { display: block; font-size: 1.6rem; color: #222; } .note { color: #666; font-size: 0.85rem; }
"""


def write_report(store: SQLStore, output: str | Path, *, since: str = "", until: str = "", top: int = 10) -> str:
    """Write the report to ``output``; returns a one-line summary of what it covers."""
    page = build_report(store, since=since, until=until, top=top)
    Path(output).write_text(page, encoding="utf-8")
    return _summary_line(store, since or _first_dated(store), until)


def build_report(store: SQLStore, *, since: str = "", until: str = "", top: int = 10) -> str:
    """The report as an HTML string.

    Without ``since`` it starts at the first event dated more closely than by its year:
    a story's "fighting since 1964" would otherwise stretch every timeline back to 1964.
    """
    since = since or _first_dated(store)
    filters = EventFilter(since=since, until=until)
    numbers = _numbers(store, filters)
    sections = [_numbers_html(numbers)]
    if numbers["events"]:
        countries = actor_network(store, since=since, until=until, level="country")
        dyads = _top_dyads(countries, top)
        sections += [
            _section("Top dyads", _dyads_table(dyads), "Country-level pairs, source acting on target."),
            _section("Timeline", _timeline(store, filters, numbers), ""),
            _section("Top dyads over time", _dyad_timelines(store, dyads[:4], since, numbers), ""),
            _section("What happened", _image(lambda out: plot_event_mix(_event_mix(store, filters), out)), ""),
            _section("Where", _image(lambda out: plot_map(_places(store, filters), out)), _map_note(store, filters)),
            _section(
                "Who acts on whom",
                _image(lambda out: plot_network(countries, out, top=25, title="Countries and their dealings")),
                "The 25 countries with most events; edge width is events, colour the balance of cooperation.",
            ),
        ]
    else:
        sections.append("<p>No stored events match.</p>")
    span = f"{since or 'the first event'} to {until or 'the last'}" if since or until else "all stored events"
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>communique report</title><style>{STYLE}</style></head><body>"
        f"<h1>Event data report</h1><p class='lead'>{html.escape(store.path)}: {html.escape(span)}</p>"
        + "".join(sections)
        + f"<p class='note'>Made by communique {__version__} on {generated}. Negated events and events that only "
        "may happen are not counted.</p></body></html>\n"
    )


def _first_dated(store: SQLStore) -> str:
    return store.fetch("SELECT MIN(date) FROM events WHERE date_precision <> 'year'")[0][0] or ""


def _numbers(store: SQLStore, filters: EventFilter) -> dict:
    clauses, args = filters.where(store.placeholder)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    query = (
        "SELECT COUNT(*), COUNT(DISTINCT happening_id), COUNT(DISTINCT article_id), MIN(date), MAX(date) "
        f"FROM events{where}"
    )
    events, happenings, articles, first, last = store.fetch(query, tuple(args))[0]
    days = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days if first and last else 0
    versions = [row[0] for row in store.fetch("SELECT DISTINCT coder_version FROM events ORDER BY 1")]
    return {
        "events": events,
        "happenings": happenings,
        "articles": articles,
        "first": first or "",
        "last": last or "",
        "days": days,
        "versions": versions,
    }


def _numbers_html(numbers: dict) -> str:
    cells = [
        ("events", f"{numbers['events']:,}"),
        ("happenings", f"{numbers['happenings']:,}"),
        ("stories", f"{numbers['articles']:,}"),
        ("from", numbers["first"] or "-"),
        ("to", numbers["last"] or "-"),
        ("coder", ", ".join(numbers["versions"]) or "-"),
    ]
    return "<div class='numbers'>" + "".join(f"<div><b>{html.escape(v)}</b>{k}</div>" for k, v in cells) + "</div>"


def _top_dyads(countries, top: int) -> list[dict]:
    pairs = [
        {"source": source, "target": target, **data}
        for source, target, data in countries.edges(data=True)
        if source != target
    ]
    return sorted(pairs, key=lambda pair: (-pair["weight"], pair["source"], pair["target"]))[:top]


def _dyads_table(dyads: list[dict]) -> str:
    head = "<tr><th class='name'>source</th><th class='name'>target</th><th>events</th><th>cooperation</th>"
    head += "<th>conflict</th><th>net cooperation</th><th>mean Goldstein</th></tr>"
    rows = []
    for dyad in dyads:
        names = [_named(dyad["source"]), _named(dyad["target"])]
        mean = dyad["goldstein"] / dyad["weight"] if dyad["weight"] else 0.0
        rows.append(
            f"<tr><td class='name'>{names[0]}</td><td class='name'>{names[1]}</td><td>{dyad['weight']}</td>"
            f"<td>{dyad['cooperation']}</td><td>{dyad['conflict']}</td><td>{dyad['net_cooperation']:+d}</td>"
            f"<td>{mean:+.2f}</td></tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


def _named(code: str) -> str:
    """A country-level code and what it stands for, as table cell HTML."""
    name = country_name(code) or GROUPS.get(code, "")
    return f"{html.escape(code)} <span class='note'>{html.escape(name)}</span>" if name else html.escape(code)


def _plain(code: str) -> str:
    return "unknown" if code == "---" else code


def _freq(numbers: dict) -> str:
    """Periods that suit the span: days for a month, weeks for two years, months beyond."""
    return "day" if numbers["days"] <= 45 else "week" if numbers["days"] <= 730 else "month"


def _timeline(store: SQLStore, filters: EventFilter, numbers: dict) -> str:
    freq = _freq(numbers)
    series = activity_series(store, filters, freq=freq)  # type: ignore[arg-type]
    return _image(lambda out: plot_dyad_series(series, out, title=f"All events, a {freq}", freq=freq))


def _dyad_timelines(store: SQLStore, dyads: list[dict], since: str, numbers: dict) -> str:
    """Small timelines of the busiest dyads, all over the report's whole span so they compare."""
    freq = _freq(numbers)
    first, last = since or numbers["first"], numbers["last"]
    images = []
    for dyad in dyads:
        series = dyad_series(store, dyad["source"], dyad["target"], freq=freq, since=first, until=last)  # type: ignore[arg-type]
        title = f"{_plain(dyad['source'])} -> {_plain(dyad['target'])}, events a {freq}"

        def draw(out, series=series, title=title):
            plot_dyad_series(series, out, title=title, freq=freq, size=(7.5, 3.6))

        images.append(_image(draw))
    return f"<div class='figures'>{''.join(images)}</div>"


def _event_mix(store: SQLStore, filters: EventFilter) -> pd.DataFrame:
    clauses, args = filters.where(store.placeholder)
    clauses.append("NOT negated AND modality <> 'hypothetical'")
    query = (
        "SELECT substr(cameo, 1, 2) AS root, MIN(quad_class), COUNT(*) FROM events "
        f"WHERE {' AND '.join(clauses)} GROUP BY 1 ORDER BY 1"
    )
    mix = pd.DataFrame.from_records(store.fetch(query, tuple(args)), columns=["root", "quad_class", "events"])
    codebook = Codebook.load()
    mix["name"] = [codebook[root].name.capitalize() if root in codebook else "" for root in mix["root"]]
    return mix


def _places(store: SQLStore, filters: EventFilter) -> pd.DataFrame:
    clauses, args = filters.where(store.placeholder)
    clauses += ["lat IS NOT NULL", "NOT negated AND modality <> 'hypothetical'"]
    query = (
        "SELECT CASE WHEN place <> '' THEN place ELSE country END, AVG(lat), AVG(lon), COUNT(*) FROM events "
        f"WHERE {' AND '.join(clauses)} GROUP BY 1 ORDER BY 4 DESC"
    )
    return pd.DataFrame.from_records(store.fetch(query, tuple(args)), columns=["place", "lat", "lon", "events"])


def _map_note(store: SQLStore, filters: EventFilter) -> str:
    placed = int(_places(store, filters)["events"].sum())
    return f"{placed:,} events with a known place; grey dots are the world's cities, for orientation."


def _image(draw) -> str:
    """A figure drawn into memory and embedded as a data URI."""
    buffer = io.BytesIO()
    draw(buffer)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"<img alt='' src='data:image/png;base64,{encoded}'>"


def _section(title: str, body: str, note: str) -> str:
    caption = f"<p class='note'>{html.escape(note)}</p>" if note else ""
    return f"<h2>{html.escape(title)}</h2>{caption}{body}"


def _summary_line(store: SQLStore, since: str, until: str) -> str:
    numbers = _numbers(store, EventFilter(since=since, until=until))
    return f"{numbers['events']:,} events from {numbers['articles']:,} stories"
