"""Interactive explorers: ipywidgets controls around ONE plotly ``FigureWidget`` each.

Each explorer is a small class that owns its controls and its figure, updates the figure in
place inside ``batch_update()`` (never a new figure), and displays as one widget (``.widget``,
also used by ``_repr_mimebundle_``). What an explorer computes lives in pure functions
(the ``*_table``/``*_updates`` functions here and in :mod:`sahel_course.figures`), which the
tests call directly.

A ``FigureWidget`` carries plotly.js in its widget state (about 5 MB per saved output), so
only explorers use it; every other figure is a plain :class:`~sahel_course.figures.OfflineFigure`.

Importing this module imports ipywidgets, plotly and pandas (lessons import it explicitly).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets
import pandas as pd

from sahel_course.datasets import country_names
from sahel_course.figures._common import split_list
from sahel_course.figures.economy import INDICATORS, economy_table
from sahel_course.figures.maps import (
    LAYERS,
    describe_region_map,
    region_map_skeleton,
    region_map_title,
    region_map_updates,
)
from sahel_course.figures.timeline import (
    categories_in_order,
    describe_timeline,
    plot_timeline,
    timeline_points,
    timeline_table,
)
from sahel_course.geo import offline_widget

FIRST_MAP_YEAR = 2010
LAST_MAP_YEAR = 2025


class _Explorer:
    """Shared display plumbing: the explorer shows as its ``widget``."""

    widget: widgets.Widget

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


# --------------------------------------------------------------------------- map


class MapExplorer(_Explorer):
    """The regional map with a year slider and a play button.

    ``layer`` is ``"membership"`` (ECOWAS / G5 Sahel / AES) or ``"presence"`` (foreign forces).
    Moving the slider (mouse, or arrow keys once it has focus) or pressing play changes the
    countries and markers of the same figure; a text summary below it is updated too.
    """

    def __init__(
        self,
        year: int = 2019,
        *,
        layer: str = "membership",
        years: tuple[int, int] = (FIRST_MAP_YEAR, LAST_MAP_YEAR),
        memberships: pd.DataFrame | None = None,
        presence: pd.DataFrame | None = None,
        countries: Iterable[str] | None = None,
    ) -> None:
        if layer not in LAYERS:
            raise ValueError(f"layer must be one of {LAYERS}, not {layer!r}")
        if not years[0] <= year <= years[1]:
            raise ValueError(f"year must be between {years[0]} and {years[1]}, not {year}")
        from sahel_course.datasets import load_foreign_presence, load_memberships

        self.layer = layer
        self._data = {
            "memberships": load_memberships() if memberships is None else memberships,
            "presence": load_foreign_presence() if presence is None else presence,
            "countries": None if countries is None else list(countries),
        }
        self.figure = offline_widget(region_map_skeleton(layer=layer, **self._data))
        self._trace_names = [trace.name for trace in self.figure.data]
        self.slider = widgets.IntSlider(
            value=year, min=years[0], max=years[1], step=1, description="Year",
            continuous_update=False, style={"description_width": "initial"},
            tooltip="Year shown on the map (arrow keys change it)",
        )  # fmt: skip
        self.play = widgets.Play(
            value=year, min=years[0], max=years[1], step=1, interval=1500,
            description="Play the years", tooltip="Play the years",
        )  # fmt: skip
        widgets.link((self.play, "value"), (self.slider, "value"))
        self.summary = widgets.HTML()
        self.slider.observe(self._on_year, names="value")
        self.show_year(year)
        self.widget = widgets.VBox(
            [widgets.HBox([self.play, self.slider]), self.figure, self.summary]
        )

    @property
    def year(self) -> int:
        """The year currently shown."""
        return int(self.slider.value)

    def _on_year(self, change: dict[str, Any]) -> None:
        self.show_year(int(change["new"]))

    def show_year(self, year: int) -> None:
        """Redraw the map for ``year`` in place (the slider calls this)."""
        updates = region_map_updates(
            year, layer=self.layer, trace_names=self._trace_names, **self._data
        )
        with self.figure.batch_update():
            for trace, update in zip(self.figure.data, updates, strict=True):
                trace.update(update)
            self.figure.layout.title.text = region_map_title(year, self.layer)
        text = describe_region_map(year, layer=self.layer, **self._data)
        self.summary.value = f'<p role="status" aria-live="polite">{html.escape(text)}</p>'


# --------------------------------------------------------------------------- timeline


def event_options(table: pd.DataFrame) -> list[tuple[str, str]]:
    """``(label, event_id)`` pairs for the event list, in date order."""
    return [(f"{row.date:%Y-%m-%d}  {row.title}", row.event_id) for row in table.itertuples()]


def event_detail_html(events: pd.DataFrame, event_id: str | None) -> str:
    """HTML describing one event: title, date, description, countries, actors, source link."""
    if event_id is None:
        return "<p><i>Select an event in the list (or click a point) to read about it.</i></p>"
    row = events.loc[events["event_id"] == event_id].iloc[0]
    url = html.escape(str(row["source_url"]), quote=True)
    return (
        f"<h4>{html.escape(str(row['title']))}</h4>"
        f"<p><b>{row['date']:%Y-%m-%d}</b> ({row['date_precision']} precision) · "
        f"{html.escape(str(row['category']).replace('_', ' '))} · "
        f"{html.escape(', '.join(split_list(row['countries'])))} · "
        f"{html.escape(', '.join(split_list(row['actors'])))}</p>"
        f"<p>{html.escape(str(row['description']))}</p>"
        f'<p>Source: <a href="{url}" target="_blank" rel="noopener noreferrer">'
        f"{html.escape(str(row['source_title']))}</a></p>"
    )


def _distinct(cells: Iterable[object]) -> list[str]:
    return sorted({item for cell in cells for item in split_list(cell)})


class TimelineExplorer(_Explorer):
    """The event timeline with filters and an event reader.

    Filter by actor, category and country (no selection = no filter; hold Ctrl/Cmd or Shift
    to pick several). The list below the figure holds the matching events: choosing one, or
    clicking its point, shows its description and a link to its source.
    """

    def __init__(self, events: pd.DataFrame | None = None) -> None:
        if events is None:
            from sahel_course.datasets import load_events

            events = load_events()
        self.events = timeline_table(events)
        names = country_names()
        self.categories = categories_in_order(self.events)
        self.figure = offline_widget(plot_timeline(self.events))
        self.actor_filter = widgets.SelectMultiple(
            options=_distinct(self.events["actors"]), description="Actors", rows=6)
        self.category_filter = widgets.SelectMultiple(
            options=[(c.replace("_", " "), c) for c in self.categories],
            description="Categories", rows=6)  # fmt: skip
        self.country_filter = widgets.SelectMultiple(
            options=[(f"{names.get(c, c)} ({c})", c) for c in _distinct(self.events["countries"])],
            description="Countries", rows=6)  # fmt: skip
        self.event_list = widgets.Select(description="Events", rows=8,
                                         layout=widgets.Layout(width="95%"))
        self.detail = widgets.HTML(event_detail_html(self.events, None))
        self.summary = widgets.HTML()
        for control in (self.actor_filter, self.category_filter, self.country_filter):
            control.observe(self._on_filter, names="value")
        self.event_list.observe(self._on_select, names="value")
        for trace in self.figure.data:
            trace.on_click(self._on_click)
        self.apply_filters()
        self.widget = widgets.VBox([
            widgets.HBox([self.actor_filter, self.category_filter, self.country_filter]),
            self.figure, self.summary, self.event_list, self.detail,
        ])  # fmt: skip

    def filtered(self) -> pd.DataFrame:
        """The events matching the current filters (empty selections do not filter)."""
        return timeline_table(
            self.events,
            actors=list(self.actor_filter.value) or None,
            categories=list(self.category_filter.value) or None,
            countries=list(self.country_filter.value) or None,
        )

    def _on_filter(self, change: dict[str, Any]) -> None:
        self.apply_filters()

    def apply_filters(self) -> None:
        """Show only the matching events: figure points, list and summary change in place."""
        table = self.filtered()
        with self.figure.batch_update():
            for trace, category in zip(self.figure.data, self.categories, strict=True):
                trace.update(timeline_points(table, category))
        self.event_list.options = event_options(table)
        self.event_list.value = None
        text = html.escape(describe_timeline(table))
        self.summary.value = f'<p role="status" aria-live="polite">{text}</p>'

    def _on_select(self, change: dict[str, Any]) -> None:
        self.detail.value = event_detail_html(self.events, change["new"])

    def select_event(self, event_id: str) -> None:
        """Show the event ``event_id`` (it must be among the filtered events)."""
        self.event_list.value = event_id

    def _on_click(self, trace: Any, points: Any, state: Any) -> None:
        if points.point_inds:
            self.select_event(trace.customdata[points.point_inds[0]][4])


# --------------------------------------------------------------------------- compare


def compare_updates(
    economy: pd.DataFrame,
    *,
    indicator: str,
    selected: Iterable[str],
    candidates: list[str],
) -> list[dict[str, Any]]:
    """One update per candidate country's trace: its data for ``indicator``, visible if selected."""
    table = economy_table(indicator, countries=candidates, economy=economy, first_year=0)
    chosen = set(selected)
    updates = []
    for code in candidates:
        rows = table[table["iso3"] == code]
        updates.append({"x": list(rows["year"]), "y": list(rows["value"]),
                        "visible": code in chosen})  # fmt: skip
    return updates


class CompareExplorer(_Explorer):
    """Compare countries on one economic indicator over time.

    Pick countries (several with Ctrl/Cmd or Shift) and an indicator; the line chart updates
    in place (each country keeps its colour, dash and marker symbol).
    """

    def __init__(
        self,
        economy: pd.DataFrame | None = None,
        *,
        countries: Iterable[str] = ("MLI", "BFA", "NER"),
        indicator: str = "gdp_per_capita_usd",
        candidates: Iterable[str] | None = None,
        first_year: int = 1990,
    ) -> None:
        from sahel_course.figures.economy import plot_economy

        if economy is None:
            from sahel_course.datasets import load_economy

            economy = load_economy()
        names = country_names()
        if candidates is None:
            from sahel_course.figures._common import region_countries

            candidates = region_countries()
        self.economy = economy[economy["year"] >= first_year]
        self.candidates = list(dict.fromkeys([*countries, *candidates]))
        figure = plot_economy(indicator, countries=self.candidates, economy=self.economy,
                              first_year=first_year)  # fmt: skip
        self.figure = offline_widget(figure)
        self._trace_codes = list(dict.fromkeys(
            economy_table(indicator, countries=self.candidates, economy=self.economy,
                          first_year=first_year)["iso3"]))
        self.candidates = [c for c in self.candidates if c in self._trace_codes]
        self.country_picker = widgets.SelectMultiple(
            options=[(names.get(c, c), c) for c in self.candidates],
            value=[c for c in countries if c in self.candidates], description="Countries", rows=8,
        )  # fmt: skip
        self.indicator_picker = widgets.Dropdown(
            options=[(label, key) for key, (label, _, _) in INDICATORS.items()],
            value=indicator, description="Indicator",
        )  # fmt: skip
        self.country_picker.observe(self._on_change, names="value")
        self.indicator_picker.observe(self._on_change, names="value")
        self.refresh()
        self.widget = widgets.VBox(
            [widgets.HBox([self.country_picker, self.indicator_picker]), self.figure]
        )

    def _on_change(self, change: dict[str, Any]) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Redraw for the chosen countries and indicator (same traces, new data)."""
        indicator = self.indicator_picker.value
        updates = compare_updates(self.economy, indicator=indicator,
                                  selected=self.country_picker.value,
                                  candidates=self._trace_codes)  # fmt: skip
        name, axis_title, number = INDICATORS[indicator]
        with self.figure.batch_update():
            for trace, update in zip(self.figure.data, updates, strict=True):
                trace.update(update)
                trace.text = [""] * (len(update["y"]) - 1) + [trace.name] if update["y"] else []
                trace.hovertemplate = f"{trace.name}<br>%{{x}}: %{{y:{number}}}<extra></extra>"
            self.figure.layout.yaxis.title.text = axis_title
            self.figure.layout.title.text = f"{name}: compare countries"
