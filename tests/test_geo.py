"""The map topology and the offline config: no figure of the course asks the network for anything.

Python-level proof: the topology is complete and keyed as plotly.js expects, plotly.js's way of
building the topology address (``topojsonURL + "/" + name + ".json"``) still lands on the
shipped file, and the mime bundle / HTML of every figure builder carries that config and no
``http(s)://`` address other than the source links we put in hover text on purpose.
(The browser tests check the same in headless Chromium.)
"""

from __future__ import annotations

import base64
import json
import re
import urllib.parse
from collections.abc import Callable, Iterator

import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.offline import get_plotlyjs

from sahel_course import datasets, figures, geo

URL = re.compile(r"https?://[^\s\"'<>\\]+")


def plotly_js_topojson_path(topojson_url: str, name: str) -> str:
    """plotly.js ``getTopojsonPath`` (src/lib/topojson_utils.js), transcribed."""
    return topojson_url + ("" if topojson_url.endswith("/") else "/") + f"{name}.json"


def read_data_url(url: str) -> bytes:
    """What a browser reads from a ``data:`` URL: the fragment is dropped (WHATWG fetch)."""
    without_fragment, _ = urllib.parse.urldefrag(url)
    header, _, payload = without_fragment.partition(",")
    assert header == "data:application/json;base64"
    return base64.b64decode(payload, validate=True)


def test_topology_has_the_layers_plotly_draws() -> None:
    topology = geo.load_topology()
    assert topology["type"] == "Topology"
    assert set(topology["objects"]) >= {
        "countries", "land", "coastlines", "ocean", "lakes", "rivers", "subunits",
    }  # fmt: skip
    assert len(topology["objects"]["coastlines"]["arcs"]) > 50
    countries = topology["objects"]["countries"]["geometries"]
    ids = [g["id"] for g in countries]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Z]{3}", i) for i in ids)
    assert all(g["properties"]["name"] for g in countries)
    # every arc index referenced exists
    n_arcs = len(topology["arcs"])
    for g in countries:
        for polygon in g["arcs"]:
            for ring in polygon:
                assert all(-n_arcs <= i < n_arcs for i in ring)


def test_topology_covers_every_african_country_of_the_course() -> None:
    countries = datasets.load_countries()
    african = set(countries.loc[countries["africa"].astype(bool), "iso3"])
    assert african <= geo.topology_country_ids()
    assert {"FRA", "ESP", "SAU", "TUR"} <= geo.topology_country_ids()  # context around Africa


def test_topology_file_is_small() -> None:
    assert len(geo.topology_text().encode()) < 300_000


def test_country_centroids_fall_inside_plausible_boxes() -> None:
    centroids = geo.country_centroids()
    lon, lat = centroids["MLI"]
    assert -12 < lon < 4 and 10 < lat < 25
    lon, lat = centroids["NER"]
    assert 0 < lon < 16 and 11 < lat < 24
    assert set(centroids) == set(geo.topology_country_ids())


def test_offline_config_points_plotly_at_the_shipped_topology() -> None:
    config = geo.offline_config()
    assert config["displaylogo"] is False
    assert config["typesetMath"] is False
    assert config["responsive"] is True
    assert config["topojsonURL"].startswith("data:application/json;base64,")
    # whatever name plotly.js asks for, the browser reads our file
    for name in ("africa_50m", "world_110m", "africa_110m"):
        path = plotly_js_topojson_path(config["topojsonURL"], name)
        assert read_data_url(path).decode() == geo.topology_text()
    assert geo.offline_config(staticPlot=True)["staticPlot"] is True


def test_without_the_fragment_the_suffix_would_corrupt_the_payload() -> None:
    """Why the data URL ends with '#': plotly.js appends '/<name>.json' to topojsonURL."""
    url = geo.topojson_data_url().rstrip("#")
    payload = plotly_js_topojson_path(url, "africa_50m").partition(",")[2]
    with pytest.raises(ValueError):
        base64.b64decode(payload, validate=True)


def test_offline_widget_carries_the_config() -> None:
    widget = geo.offline_widget(go.Figure(go.Scatter(x=[1], y=[1])))
    assert isinstance(widget, go.FigureWidget)
    assert widget._config == geo.offline_config()


# --------------------------------------------------------------------------- every builder


def allowed_urls() -> set[str]:
    """Source links shown in hover text on purpose (curated rows' ``source_url``)."""
    urls: set[str] = set()
    for loader in (datasets.load_events, datasets.load_memberships,
                   datasets.load_foreign_presence, datasets.load_resource_projects):
        urls |= set(loader()["source_url"].dropna())
    return urls


BUILDERS: dict[str, Callable[[], go.Figure]] = {
    "timeline": lambda: figures.plot_timeline(),
    "fatalities": lambda: figures.plot_fatalities(),
    "arms": lambda: figures.plot_arms_imports(),
    "region_membership": lambda: figures.plot_region_map(2024),
    "region_presence": lambda: figures.plot_region_map(2021, layer="presence"),
    "un_votes": lambda: figures.plot_un_votes_map(),
    "economy": lambda: figures.plot_economy("population"),
    "china": lambda: figures.plot_china_finance(),
    "resources": lambda: figures.plot_resource_projects(),
    "coups_by_decade": lambda: figures.plot_coups_by_decade(outcome="all"),
    "un_agreement": lambda: figures.plot_un_agreement(),
    "regime_indices": lambda: figures.plot_regime_indices(),
    "china_investment": lambda: figures.plot_china_investment(),
}
MAPS = ("region_membership", "region_presence", "un_votes")


@pytest.fixture
def mimetype_renderer() -> Iterator[None]:
    """The renderer plotly picks inside a Jupyter kernel (JupyterLab, Notebook 7, VS Code)."""
    before = pio.renderers.default
    pio.renderers.default = "plotly_mimetype"
    yield
    pio.renderers.default = before


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_mime_bundle_carries_offline_config_and_no_foreign_url(
    name: str, mimetype_renderer: None
) -> None:
    fig = BUILDERS[name]()
    assert isinstance(fig, figures.OfflineFigure)
    bundle = fig._repr_mimebundle_()
    payload = bundle["application/vnd.plotly.v1+json"]
    assert payload["config"]["topojsonURL"] == geo.topojson_data_url()
    assert payload["config"]["displaylogo"] is False
    urls = set(URL.findall(json.dumps(bundle)))
    assert urls <= allowed_urls(), urls - allowed_urls()


@pytest.mark.parametrize("name", MAPS)
def test_maps_use_the_one_cached_topology_name(name: str) -> None:
    layout = BUILDERS[name]().layout.geo
    assert (layout.scope, layout.resolution) == (geo.GEO_SCOPE, geo.GEO_RESOLUTION)
    traces = BUILDERS[name]().data
    assert any(getattr(t, "locationmode", None) == "ISO-3" for t in traces)


@pytest.mark.parametrize("name", MAPS)
def test_standalone_html_has_no_cdn_reference(name: str) -> None:
    fig = BUILDERS[name]()
    page = pio.to_html(fig, include_plotlyjs=True, config=geo.offline_config())
    assert get_plotlyjs() in page  # plotly.js is inlined...
    rest = page.replace(get_plotlyjs(), "")  # ...and nothing outside it points elsewhere
    assert not re.search(r"<script[^>]*\bsrc=", rest)
    assert "cdn" not in rest.lower().replace(geo.topojson_data_url().lower(), "")
    assert set(URL.findall(rest)) <= allowed_urls()
    assert geo.topojson_data_url() in rest
    # OfflineFigure.to_html adds the config by itself
    assert geo.topojson_data_url() in fig.to_html(include_plotlyjs=False)


def test_show_and_display_pass_the_offline_config(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict] = []
    monkeypatch.setattr(pio, "show", lambda fig, *a, **k: seen.append(k["config"]))
    monkeypatch.setattr(pio.renderers, "render_on_display", True)
    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")
    fig = figures.plot_region_map(2019)
    fig.show()
    fig._ipython_display_()
    assert [c["topojsonURL"] for c in seen] == [geo.topojson_data_url()] * 2


def test_a_plain_figure_would_not_be_offline(mimetype_renderer: None) -> None:
    """The reason for OfflineFigure: a plain go.Figure sends no topojsonURL at all."""
    plain = go.Figure(figures.plot_region_map(2019))
    config = plain._repr_mimebundle_()["application/vnd.plotly.v1+json"].get("config", {})
    assert "topojsonURL" not in config
