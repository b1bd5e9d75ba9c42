"""Write communique/data/map/world.tsv, the dashboard's offline base map, from Natural Earth.

The outlines are Natural Earth's 1:110m Admin 0 countries (public domain), as the
geopandas 0.14 wheel bundled them (geopandas/datasets/naturalearth_lowres). Neither
geopandas nor pyshp is a dependency of communique: make a throwaway environment,

    python3 -m venv /tmp/world && /tmp/world/bin/pip install pyshp
    /tmp/world/bin/pip download --no-deps -d /tmp/world geopandas==0.14.4
    cd /tmp/world && unzip -o geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/*'
    /tmp/world/bin/python docs/make_world_outlines.py /tmp/world/geopandas/datasets/naturalearth_lowres

One line a country: ISO-3 code, name, and its rings, each ring "lon,lat lon,lat ..."
rounded to a tenth of a degree, rings joined by ";". A tenth of a degree (about 11 km)
is finer than a dashboard map is drawn; it halves the file.
"""

from __future__ import annotations

import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "communique" / "data" / "map" / "world.tsv"


def ring_text(points: list[tuple[float, float]]) -> str:
    """A ring as text, points rounded, repeats left out; empty when too few points are left."""
    kept: list[str] = []
    for lon, lat in points:
        point = f"{round(lon, 1):g},{round(lat, 1):g}"
        if not kept or kept[-1] != point:
            kept.append(point)
    return " ".join(kept) if len(kept) >= 4 else ""


def main(shapefile_base: str) -> None:
    import shapefile  # pyshp, in the throwaway environment only

    reader = shapefile.Reader(shapefile_base)
    lines = ["iso3\tname\trings"]
    for record in sorted(reader.shapeRecords(), key=lambda item: item.record["name"]):
        shape = record.shape
        bounds = [*shape.parts, len(shape.points)]
        rings = [ring_text(shape.points[start:end]) for start, end in zip(bounds, bounds[1:], strict=False)]
        iso3 = record.record["iso_a3"] if record.record["iso_a3"] != "-99" else ""
        lines.append(f"{iso3}\t{record.record['name']}\t{';'.join(ring for ring in rings if ring)}")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}: {len(lines) - 1} countries")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python docs/make_world_outlines.py PATH/naturalearth_lowres")
    main(sys.argv[1])
