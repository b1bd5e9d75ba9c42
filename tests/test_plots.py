"""Plots draw something readable even from nothing: an empty series, graph or map is still a PNG."""

from __future__ import annotations

import io

import networkx as nx
import pandas as pd
import pytest

from communique.aggregate import SERIES_COLUMNS
from communique.plots import plot_dyad_series, plot_event_mix, plot_map, plot_network

PNG = b"\x89PNG\r\n\x1a\n"


def _png(draw) -> bytes:
    buffer = io.BytesIO()
    draw(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("periods", [0, 1, 3])
def test_plots_dyad_series_of_any_length(periods):
    series = pd.DataFrame(0, index=range(periods), columns=list(SERIES_COLUMNS[1:]))
    series.insert(0, "period", pd.date_range("2024-01-01", periods=periods, freq="MS"))
    if periods:
        series.loc[0, ["events", "material_conflict"]] = 2
    assert _png(lambda out: plot_dyad_series(series, out, title="t", freq="month")).startswith(PNG)


def test_plots_network_without_edges():
    graph = nx.DiGraph()
    graph.add_node("KOR", events=1)
    assert _png(lambda out: plot_network(graph, out)).startswith(PNG)


def test_plots_map_and_mix_without_events():
    empty = pd.DataFrame(columns=["place", "lat", "lon", "events"])
    assert _png(lambda out: plot_map(empty, out)).startswith(PNG)
    mix = pd.DataFrame({"root": ["04"], "name": ["Consult"], "quad_class": [1], "events": [3]})
    assert _png(lambda out: plot_event_mix(mix, out)).startswith(PNG)
