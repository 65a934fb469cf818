"""The one map topology of the course and the plotly config that keeps every figure offline.

Why this module exists
----------------------
plotly.js (4.1.1, bundled with plotly 7.1) draws ``geo`` subplots from a TopoJSON file that it
downloads from ``config.topojsonURL`` (by default plotly's CDN) whenever a base layer is shown
or a trace has a ``locationmode``. Offline, that request fails and the map stays blank. plotly.js
builds the address as ``topojsonURL + "/" + name + ".json"`` with
``name = scope + "_" + resolution + "m"`` (``getTopojsonPath`` and ``getTopojsonName`` in
``src/lib/topojson_utils.js``), then caches the result in ``window.PlotlyGeoAssets.topojson[name]``
for the whole page (``src/plots/geo/geo.js``).

:func:`offline_config` therefore sets ``topojsonURL`` to a ``data:`` URL holding
``sahel_course/data/africa_topology.json`` and ending with ``#``: the suffix plotly.js appends
(``/africa_50m.json``) becomes a URL fragment, which the browser drops when it reads a ``data:``
URL, so every name resolves to the shipped topology and no request leaves the machine.
Every course map uses the same ``scope``/``resolution`` (:func:`geo_layout`), hence the same
cache name.

A plain ``go.Figure`` is displayed without any config, so the course builders return
:class:`sahel_course.figures.OfflineFigure`, which passes :func:`offline_config` to every
display path; :func:`offline_figure` wraps any other figure the same way, and explorers use
:func:`offline_widget`.

Only the standard library is imported at module level; plotly is imported inside the two
functions that wrap figures.
"""

from __future__ import annotations

import base64
import itertools
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from sahel_course.figures import OfflineFigure

TOPOLOGY_FILE = "africa_topology.json"
#: scope and resolution of every course map; plotly.js caches the topology under
#: ``f"{GEO_SCOPE}_{GEO_RESOLUTION}m"`` (``africa_50m``).
GEO_SCOPE = "africa"
GEO_RESOLUTION = 50
#: lon/lat window of the regional maps: West Africa and the Sahel, Chad and Sudan included.
REGION_LON = (-26.0, 39.0)
REGION_LAT = (1.0, 28.0)


@cache
def topology_text() -> str:
    """The shipped TopoJSON topology as text (read once per process)."""
    path = resources.files("sahel_course") / "data" / TOPOLOGY_FILE
    return path.read_text(encoding="utf-8").strip()


def load_topology() -> dict[str, Any]:
    """The shipped topology as a dict (objects ``countries`` (id = ISO3), ``land``, ...)."""
    return json.loads(topology_text())


@cache
def topology_country_ids() -> frozenset[str]:
    """ISO3 codes of the countries drawn by the shipped topology."""
    geometries = load_topology()["objects"]["countries"]["geometries"]
    return frozenset(geometry["id"] for geometry in geometries)


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Longitude/latitude points of every arc (the file is quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Signed-area-weighted centroid (shoelace formula) of a closed ring: (area, lon, lat)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return 0.0, points[0][0], points[0][1]
    return abs(area / 2), cx / (3 * area), cy / (3 * area)


@cache
def country_centroids() -> dict[str, tuple[float, float]]:
    """ISO3 -> (lon, lat) of the centroid of each country's largest polygon (label anchor)."""
    topology = load_topology()
    arcs = decode_arcs(topology)
    centroids = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = [polygon[0] for polygon in geometry["arcs"]]
        best = max(_area_centroid(_ring_points(ring, arcs)) for ring in rings)
        centroids[geometry["id"]] = (round(best[1], 3), round(best[2], 3))
    return centroids


@cache
def topojson_data_url() -> str:
    """The topology as a base64 ``data:`` URL ending in ``#`` (see the module docstring)."""
    encoded = base64.b64encode(topology_text().encode("utf-8")).decode("ascii")
    return f"data:application/json;base64,{encoded}#"


def offline_config(**overrides: Any) -> dict[str, Any]:
    """The plotly config of every course figure: nothing is fetched from the network.

    - ``topojsonURL``: the shipped topology as a ``data:`` URL (maps draw offline);
    - ``typesetMath: False``: plotly.js never looks for MathJax (course labels use no LaTeX);
    - ``showSendToCloud: False`` and ``plotlyServerURL: ""``: no "edit in cloud" link;
    - ``displaylogo: False`` (no link to plotly.com), ``responsive: True``.

    Fonts come from the system (see ``sahel_course.palette.FONT_FAMILY``), so no web font is
    requested. ``overrides`` are merged on top (for example ``staticPlot=True``).
    """
    config: dict[str, Any] = {
        "topojsonURL": topojson_data_url(),
        "typesetMath": False,
        "showSendToCloud": False,
        "plotlyServerURL": "",
        "displaylogo": False,
        "responsive": True,
    }
    config.update(overrides)
    return config


def geo_layout(
    *, lon_range: tuple[float, float] = REGION_LON, lat_range: tuple[float, float] = REGION_LAT
) -> dict[str, Any]:
    """``layout.geo`` settings shared by every course map (one scope, one resolution).

    Water is the subplot background (the topology has no ocean polygons); land and borders come
    from the shipped topology.
    """
    from sahel_course.palette import GREY, WATER

    return {
        "scope": GEO_SCOPE,
        "resolution": GEO_RESOLUTION,
        "projection": {"type": "mercator"},
        "lonaxis": {"range": list(lon_range)},
        "lataxis": {"range": list(lat_range)},
        "showland": True,
        "landcolor": "#F7F7F7",
        "showcountries": True,
        "countrycolor": GREY,
        "showcoastlines": True,
        "coastlinecolor": GREY,
        "showocean": False,
        "showlakes": False,
        "showrivers": False,
        "showframe": False,
        "bgcolor": WATER,
    }


def offline_figure(figure: go.Figure) -> OfflineFigure:
    """Wrap a figure so every way of displaying or exporting it carries :func:`offline_config`."""
    from sahel_course.figures import OfflineFigure

    return OfflineFigure(figure)


def offline_widget(figure: go.Figure) -> go.FigureWidget:
    """A ``FigureWidget`` of ``figure`` whose front end is created with :func:`offline_config`.

    plotly's widget syncs its ``_config`` trait to the browser and passes it to
    ``Plotly.newPlot`` when the view is created, so it must be set before display (done here).
    """
    import plotly.graph_objects as go

    widget = go.FigureWidget(figure)
    widget._config = offline_config()
    return widget
