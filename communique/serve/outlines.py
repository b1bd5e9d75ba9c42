"""The map's base layer: country outlines from ``data/map/world.tsv``, as SVG paths.

The paths are in degrees, x = longitude and y = -latitude (north up), so the page
draws them in an SVG with viewBox "-180 -90 360 180" and puts events at (lon, -lat).
"""

from __future__ import annotations

from functools import cache

from ..tables import DATA_DIR

WORLD_PATH = DATA_DIR / "map" / "world.tsv"


@cache
def world_outlines() -> dict:
    """Every country as {"iso3", "name", "path"}, read once per process."""
    countries = []
    lines = WORLD_PATH.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        iso3, name, rings = line.split("\t")
        countries.append({"iso3": iso3, "name": name, "path": " ".join(_ring_path(ring) for ring in rings.split(";"))})
    return {"source": "Natural Earth 1:110m countries (public domain)", "countries": countries}


def _ring_path(ring: str) -> str:
    points = []
    for point in ring.split():
        lon, lat = point.split(",")
        points.append(f"{lon} {-float(lat):g}")
    return "M" + " L".join(points) + " Z"
