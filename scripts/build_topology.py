"""Build ``sahel_course/data/africa_topology.json``: the one map topology of the course.

Input (public domain Natural Earth 4.1.0 via the npm package ``world-atlas@2.0.2``, see
``/work/shared/data/PROVENANCE.md``):

- ``geo/world-atlas_countries-50m.topojson.json`` - world countries, feature id = ISO numeric;
- ``reference/country_codes_crosswalk_country_converter_1.3.2.csv`` - ISO numeric -> ISO3.

Output: a TopoJSON topology laid out like plotly.js's own topojson files, so plotly.js can use
it for *any* ``geo`` subplot (see ``sahel_course/geo.py``):

- ``countries``: African states plus neighbouring context (southern Europe, Middle East),
  feature ``id`` = ISO 3166-1 alpha-3 (what ``locationmode="ISO-3"`` matches), ``properties.name``;
- ``land``: the same geometries without ids (drawn as a fill when ``showland=True``);
- ``coastlines``: the arcs used by only one country in the whole world file;
- ``ocean``, ``lakes``, ``rivers``, ``subunits``: empty collections, so that turning those layers
  on draws nothing instead of failing (the course colours water with ``geo.bgcolor``).

Units that have no ISO code in Natural Earth are merged into the state ISO 3166 assigns them to
(Somaliland into Somalia, Northern Cyprus into Cyprus), so a choropleth colours the whole state.

Arcs are kept as in world-atlas (already simplified for 1:50m) but re-quantized on a coarser grid
(``QUANTIZATION`` steps across the bounding box), which keeps the file to a few hundred KB.

Run from the repository root: ``python scripts/build_topology.py``. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
from collections import Counter
from pathlib import Path

from sahel_course.geo import decode_arcs

RAW = Path("/work/shared/data")
WORLD = RAW / "geo" / "world-atlas_countries-50m.topojson.json"
CROSSWALK = RAW / "reference" / "country_codes_crosswalk_country_converter_1.3.2.csv"
OUTPUT = Path(__file__).resolve().parent.parent / "sahel_course" / "data" / "africa_topology.json"

# Non-African neighbours kept for context around the Sahel maps.
CONTEXT_ISO3 = (
    "ESP", "PRT", "FRA", "ITA", "MLT", "GRC", "CYP", "TUR", "ISR", "PSE", "JOR", "LBN", "SYR",
    "IRQ", "SAU", "YEM", "OMN", "ARE", "QAT", "BHR", "KWT",
)  # fmt: skip
# Natural Earth units without an ISO code, merged into the ISO 3166 state.
MERGE_INTO = {"Somaliland": "SOM", "N. Cyprus": "CYP"}
QUANTIZATION = 20_000


def iso3_by_numeric(crosswalk: Path) -> tuple[dict[int, str], set[str]]:
    """Return ISO numeric -> ISO3 and the set of ISO3 codes whose continent is Africa."""
    numeric: dict[int, str] = {}
    africa: set[str] = set()
    with crosswalk.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["ISOnumeric"]:
                numeric[int(row["ISOnumeric"])] = row["ISO3"]
            if row["continent"] == "Africa":
                africa.add(row["ISO3"])
    return numeric, africa


def arc_indices(geometry: dict) -> list[int]:
    """Every arc index (negative = reversed) referenced by a Polygon or MultiPolygon."""
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    return [index for polygon in polygons for ring in polygon for index in ring]


def as_polygons(geometry: dict) -> list:
    """The list of polygons (lists of rings) of a Polygon or MultiPolygon."""
    return [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]


def remap(index: int, new_index: dict[int, int]) -> int:
    """Map an old arc index to the new one, keeping the TopoJSON reversal convention (~i)."""
    return new_index[index] if index >= 0 else ~new_index[~index]


def quantize(arcs: list[list[tuple[float, float]]], bbox: list[float], n: int) -> tuple:
    """Quantize absolute arcs on an n x n grid over bbox and delta-encode them."""
    x0, y0, x1, y1 = bbox
    kx, ky = (x1 - x0) / (n - 1), (y1 - y0) / (n - 1)
    encoded = []
    for arc in arcs:
        grid = [(round((x - x0) / kx), round((y - y0) / ky)) for x, y in arc]
        kept = [grid[0]] + [p for prev, p in itertools.pairwise(grid) if p != prev]
        if len(kept) == 1:  # an arc needs two positions even when it collapses to a point
            kept.append(kept[0])
        deltas = [list(kept[0])]
        deltas += [[b[0] - a[0], b[1] - a[1]] for a, b in itertools.pairwise(kept)]
        encoded.append(deltas)
    return encoded, {"scale": [kx, ky], "translate": [x0, y0]}


def build(world: dict, numeric: dict[int, str], africa: set[str]) -> dict:
    """Return the course topology built from the world-atlas topology."""
    wanted = africa | set(CONTEXT_ISO3)
    use_count = Counter(
        index if index >= 0 else ~index
        for geometry in world["objects"]["countries"]["geometries"]
        if geometry.get("type") in ("Polygon", "MultiPolygon")
        for index in arc_indices(geometry)
    )
    polygons: dict[str, list] = {}
    names: dict[str, str] = {}
    for geometry in world["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        iso3 = MERGE_INTO.get(name) or numeric.get(int(geometry.get("id") or -1))
        if iso3 not in wanted or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons.setdefault(iso3, []).extend(as_polygons(geometry))
        if name not in MERGE_INTO:
            names[iso3] = name
    used = sorted({i if i >= 0 else ~i for p in polygons.values() for r in _rings(p) for i in r})
    new_index = {old: new for new, old in enumerate(used)}
    absolute = decode_arcs(world)
    kept_arcs = [absolute[old] for old in used]
    xs = [x for arc in kept_arcs for x, _ in arc]
    ys = [y for arc in kept_arcs for _, y in arc]
    bbox = [min(xs), min(ys), max(xs), max(ys)]
    arcs, transform = quantize(kept_arcs, bbox, QUANTIZATION)

    countries = []
    for iso3 in sorted(polygons):
        remapped = [[[remap(i, new_index) for i in ring] for ring in polygon]
                    for polygon in polygons[iso3]]
        countries.append({"type": "MultiPolygon", "arcs": remapped, "id": iso3,
                          "properties": {"name": names[iso3]}})
    land = [{"type": g["type"], "arcs": g["arcs"]} for g in countries]
    coast = [[new_index[old]] for old in used if use_count[old] == 1]
    empty = {"type": "GeometryCollection", "geometries": []}
    return {
        "type": "Topology",
        "bbox": bbox,
        "transform": transform,
        "objects": {
            "countries": {"type": "GeometryCollection", "geometries": countries},
            "land": {"type": "GeometryCollection", "geometries": land},
            "coastlines": {"type": "MultiLineString", "arcs": coast},
            "ocean": empty,
            "lakes": empty,
            "rivers": empty,
            "subunits": empty,
        },
        "arcs": arcs,
    }


def _rings(polygons: list) -> list[list[int]]:
    """Flatten a list of polygons into its rings."""
    return [ring for polygon in polygons for ring in polygon]


def main() -> None:
    """Read the raw files, build the topology and write it compactly."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    numeric, africa = iso3_by_numeric(CROSSWALK)
    world = json.loads(WORLD.read_text(encoding="utf-8"))
    topology = build(world, numeric, africa)
    text = json.dumps(topology, separators=(",", ":"), ensure_ascii=True)
    args.output.write_text(text + "\n", encoding="utf-8")
    count = len(topology["objects"]["countries"]["geometries"])
    print(f"wrote {args.output} ({len(text) / 1024:.0f} KB, {count} countries)")


if __name__ == "__main__":
    main()
