"""The data-product commands run as a user runs them: events, export, dyads, network, report."""

from __future__ import annotations

import base64
import json
import re

import networkx as nx
import pandas as pd
import pytest

from communique.store import open_store
from tests.synthetic import stored_world
from tests.test_cli import communique

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("data") / "events.db"
    with open_store(str(path)) as store:
        stored_world(store)
    return f"sqlite:///{path}"


def test_cli_events_formats_keep_codes(db, tmp_path):
    result = communique("events", "--db", db, "--dyad", "KOR-RUS", "--undirected", "--format", "csv")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(pd.io.common.StringIO(result.stdout), dtype=str)
    assert len(table) == 7 and "0311" in set(table["cameo"])
    out = tmp_path / "events.parquet"
    result = communique("events", "--db", db, "--cameo", "03", "--output", out)
    assert result.returncode == 0, result.stderr
    frame = pd.read_parquet(out)
    assert frame["cameo"].tolist() == ["0311"] and frame["title"].tolist() == ["Story s2"]


def test_cli_events_parquet_needs_a_file(db):
    result = communique("events", "--db", db, "--format", "parquet")
    assert result.returncode == 2 and "--output" in result.stderr


def test_cli_export_gdelt(db, tmp_path):
    out = tmp_path / "gdelt.tsv"
    result = communique("export", "--db", db, "--layout", "gdelt", "--output", out, "--since", "2019-07-01")
    assert result.returncode == 0, result.stderr
    assert "wrote 5 gdelt rows" in result.stderr
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert {len(row) for row in rows} == {61} and {row[26] for row in rows} == {"111", "130", "057", "190", "070"}


def test_cli_export_rejects_an_unknown_layout(db, tmp_path):
    result = communique("export", "--db", db, "--layout", "xlsx", "--output", tmp_path / "x")
    assert result.returncode == 2 and "gdelt, icews, plover" in result.stderr


def test_cli_dyads_series_and_plot(db, tmp_path):
    plot = tmp_path / "kor-rus.png"
    result = communique("dyads", "--db", db, "--dyad", "KOR-RUS", "--freq", "month", "-f", "csv", "--plot", plot)
    assert result.returncode == 0, result.stderr
    series = pd.read_csv(pd.io.common.StringIO(result.stdout))
    assert series["period"].tolist() == ["2019-06-01", "2019-07-01", "2019-08-01"]
    assert series["events"].tolist() == [3, 2, 1] and series["cameo_04"].tolist() == [2, 0, 0]
    assert plot.read_bytes().startswith(PNG) and plot.stat().st_size > 10_000


def test_cli_dyads_needs_two_actors(db):
    result = communique("dyads", "--db", db, "--source", "KOR")
    assert result.returncode == 2 and "--dyad" in result.stderr


def test_cli_network_graphml_and_plot(db, tmp_path):
    out, plot = tmp_path / "net.graphml", tmp_path / "net.png"
    result = communique("network", "--db", db, "--level", "country", "--output", out, "--plot", plot)
    assert result.returncode == 0, result.stderr
    graph = nx.read_graphml(out)
    assert graph["KOR"]["RUS"]["weight"] == 6 and graph["USA"]["PRK"]["conflict"] == 1
    assert plot.read_bytes().startswith(PNG)
    result = communique("network", "--db", db, "--since", "2019-07-01")
    data = json.loads(result.stdout)
    assert {(edge["source"], edge["target"]) for edge in data["edges"]} == {
        ("KOR", "RUSMIL"),
        ("PRK", "KOR"),
        ("KORGOV", "RUSGOV"),
        ("USA", "PRK"),
        ("KOR", "RUS"),
    }


def test_cli_report_is_self_contained(db, tmp_path):
    out = tmp_path / "report.html"
    result = communique("report", "--db", db, "--output", out)
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    images = re.findall(r"src='data:image/png;base64,([A-Za-z0-9+/=]+)'", page)
    assert len(images) >= 5 and all(base64.b64decode(image).startswith(PNG) for image in images)
    assert not re.search(r"""(src|href)=['"]?(https?:|//)""", page)  # nothing to fetch: it works offline
    assert "KOR <span class='note'>South Korea</span>" in page and "Top dyads" in page
