"""Explorers driven from Python: set a control, check the one FigureWidget changed in place."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import plotly.graph_objects as go
import pytest
from test_figures import economy_frame, events_frame, memberships_frame, presence_frame

from sahel_course import explorers, geo

COUNTRIES = ["MLI", "SEN", "TCD", "NER"]


def locations(fig: go.FigureWidget) -> dict[str, list[str]]:
    return {t.name: list(t.locations or []) for t in fig.data if t.type == "choropleth"}


def test_map_explorer_updates_the_same_figure_when_the_year_changes() -> None:
    explorer = explorers.MapExplorer(2019, memberships=memberships_frame(), countries=COUNTRIES)
    figure, traces = explorer.figure, list(explorer.figure.data)
    assert isinstance(figure, go.FigureWidget)
    assert figure._config["topojsonURL"] == geo.topojson_data_url()
    assert locations(figure)["ECOWAS + G5 Sahel"] == ["MLI"]
    explorer.slider.value = 2025
    assert explorer.figure is figure and list(figure.data) == traces  # in place
    assert locations(figure)["AES"] == ["MLI"]
    assert locations(figure)["ECOWAS + G5 Sahel"] == []
    assert "2025" in figure.layout.title.text
    assert "AES: Mali" in explorer.summary.value


def test_map_explorer_play_drives_the_slider() -> None:
    explorer = explorers.MapExplorer(2019, memberships=memberships_frame(), countries=COUNTRIES)
    explorer.play.value = 2023
    assert explorer.slider.value == 2023 == explorer.year
    assert locations(explorer.figure)["ECOWAS + AES"] == ["MLI"]
    assert explorer.slider.description == "Year"
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()


def test_map_explorer_presence_layer_moves_markers() -> None:
    explorer = explorers.MapExplorer(2020, layer="presence", presence=presence_frame(),
                                     countries=COUNTRIES)  # fmt: skip
    markers = {t.name: t for t in explorer.figure.data if t.type == "scattergeo" and t.showlegend
               is not False}  # fmt: skip
    assert len(markers["France"].lon) == 1 and len(markers["Russia"].lon) == 0
    explorer.slider.value = 2025
    assert len(markers["France"].lon) == 0 and len(markers["Russia"].lon) == 1


def test_map_explorer_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="layer"):
        explorers.MapExplorer(layer="bases")
    with pytest.raises(ValueError, match="year"):
        explorers.MapExplorer(1900)


def points(explorer: explorers.TimelineExplorer) -> int:
    return sum(len(trace.x or []) for trace in explorer.figure.data)


def test_timeline_explorer_filters_reduce_points_and_list() -> None:
    explorer = explorers.TimelineExplorer(events_frame())
    figure = explorer.figure
    assert points(explorer) == 4 and len(explorer.event_list.options) == 4
    explorer.category_filter.value = ("coup",)
    assert explorer.figure is figure and points(explorer) == 2
    assert [value for _, value in explorer.event_list.options] == [
        "2020-08-18-mali-coup", "2023-07-26-niger-coup",
    ]  # fmt: skip
    explorer.country_filter.value = ("NER",)
    assert points(explorer) == 1
    explorer.category_filter.value = ()
    explorer.country_filter.value = ()
    explorer.actor_filter.value = ("Russia",)
    assert points(explorer) == 1 and "Timeline of 1 event," in explorer.summary.value


def test_timeline_explorer_selecting_an_event_shows_its_source() -> None:
    explorer = explorers.TimelineExplorer(events_frame())
    assert "Select an event" in explorer.detail.value
    explorer.select_event("2022-08-15-barkhane")
    assert "Barkhane leaves Mali" in explorer.detail.value
    assert 'href="https://example.org/source"' in explorer.detail.value
    # a click on a point of the coup trace selects that event
    coup_trace = next(t for t in explorer.figure.data if t.name == "coup")
    explorer._on_click(coup_trace, SimpleNamespace(point_inds=[1]), None)
    assert explorer.event_list.value == "2023-07-26-niger-coup"
    assert "Coup in Niger" in explorer.detail.value


def test_event_detail_escapes_html() -> None:
    frame = events_frame()
    frame.loc[0, "title"] = "<script>alert(1)</script>"
    text = explorers.event_detail_html(frame, "2020-08-18-mali-coup")
    assert "<script>" not in text and "&lt;script&gt;" in text


def test_compare_updates_is_pure_and_hides_unselected() -> None:
    updates = explorers.compare_updates(economy_frame(), indicator="population",
                                        selected=["NER"], candidates=["MLI", "NER"])
    assert [u["visible"] for u in updates] == [False, True]
    assert updates[1]["x"] == [1999, 2000, 2010] and updates[1]["y"][0] == 3000 + 1999


def test_compare_explorer_switches_indicator_and_countries_in_place() -> None:
    explorer = explorers.CompareExplorer(economy_frame(), countries=["MLI", "BFA"],
                                         candidates=["NER"], first_year=1999)  # fmt: skip
    figure = explorer.figure
    assert [t.visible for t in figure.data] == [True, True, False]
    explorer.country_picker.value = ("NER",)
    assert [t.visible for t in figure.data] == [False, False, True]
    explorer.indicator_picker.value = "population"
    assert explorer.figure is figure
    assert figure.layout.yaxis.title.text == "Population (people)"
    assert list(figure.data[2].y) == [3000 + 1999, 3000 + 2000, 3000 + 2010]
    assert figure.data[2].text[-1] == "NER"


def test_explorers_run_on_the_course_data() -> None:
    assert explorers.MapExplorer().figure.data
    timeline = explorers.TimelineExplorer()
    assert len(timeline.event_list.options) == len(timeline.events) > 10
    compare = explorers.CompareExplorer()
    assert sum(bool(t.visible) for t in compare.figure.data) == 3
    assert isinstance(timeline.events, pd.DataFrame)
