"""Mines, oil fields and pipelines: when they started and their latest recorded status."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from sahel_course.figures._common import (
    as_codes,
    date_label,
    new_figure,
    set_titles,
    split_list,
    wrap,
)
from sahel_course.palette import GREY, styles_for

if TYPE_CHECKING:
    from sahel_course.figures._offline import OfflineFigure


def resource_projects_table(
    projects: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | str = ("MLI", "BFA", "NER"),
) -> pd.DataFrame:
    """The projects located in any of ``countries`` (ISO3), ordered by country then start.

    Columns as ``load_resource_projects()``.
    """
    if projects is None:
        from sahel_course.datasets import load_resource_projects

        projects = load_resource_projects()
    wanted = set(as_codes(countries) or [])
    keep = projects["iso3"].map(lambda cell: bool(wanted & set(split_list(cell))))
    table = projects[keep.astype(bool)].copy()
    return table.sort_values(["iso3", "start_year", "project"]).reset_index(drop=True)


def plot_resource_projects(
    projects: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | str = ("MLI", "BFA", "NER"),
) -> OfflineFigure:
    """One row per project: first production (open circle) and latest status (filled marker).

    The status marker's colour *and* symbol give the commodity; the status itself is written
    next to it. Hover gives operator, status note and source. A grey line joins start and
    status when the start year is known.
    """
    table = resource_projects_table(projects, countries=countries)
    table = table.assign(label=[f"{r.project} ({r.iso3.replace(';', ', ')})"
                                for r in table.itertuples()])  # fmt: skip
    fig = new_figure()
    started = table.dropna(subset=["start_year"])
    line_x: list[object] = []
    line_y: list[object] = []
    for row in started.itertuples():
        line_x += [pd.Timestamp(year=int(row.start_year), month=1, day=1), row.status_date, None]
        line_y += [row.label, row.label, None]
    fig.add_scatter(
        x=line_x, y=line_y, mode="lines", line={"color": GREY, "width": 2},
        name="Producing since (start year)", hoverinfo="skip", showlegend=False,
    )  # fmt: skip
    fig.add_scatter(
        x=[pd.Timestamp(year=int(y), month=1, day=1) for y in started["start_year"]],
        y=started["label"], mode="markers", name="Start of production",
        marker={"symbol": "circle-open", "size": 11, "color": "#333333", "line": {"width": 2}},
        hovertemplate="%{y}: production from %{x|%Y}<extra></extra>",
    )  # fmt: skip
    commodities = sorted(set(table["commodity"].astype("string")))
    styles = styles_for(commodities)
    for commodity in commodities:
        rows = table[table["commodity"] == commodity]
        custom = [[date_label(r.status_date, r.status_precision), wrap(r.operator),
                   wrap(r.status_note), wrap(r.source_title), r.source_url]
                  for r in rows.itertuples()]  # fmt: skip
        fig.add_scatter(
            x=rows["status_date"], y=rows["label"], mode="markers+text", name=commodity,
            text=list(rows["status"]), textposition="middle right", customdata=custom,
            cliponaxis=False,
            marker={"symbol": styles[commodity].symbol, "size": 13,
                    "color": styles[commodity].color, "line": {"color": "white", "width": 1}},
            hovertemplate="<b>%{y}</b><br>%{text} (%{customdata[0]})<br>Operator: "
            "%{customdata[1]}<br>%{customdata[2]}<br><i>Source: %{customdata[3]}</i>"
            "<br>%{customdata[4]}<extra></extra>",
        )  # fmt: skip
    set_titles(fig, title="Mines, oil fields and pipelines: start and latest status",
               x_title="Date", y_title="Project (country)")  # fmt: skip
    fig.update_layout(height=max(380, 40 * len(table) + 200), margin={"r": 240},
                      legend={"title": {"text": "Commodity"}, "orientation": "h",
                              "y": -0.15, "x": 0})  # fmt: skip
    fig.update_yaxes(categoryorder="array", categoryarray=list(table["label"])[::-1])
    return fig


def describe_resource_projects(
    projects: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | str = ("MLI", "BFA", "NER"),
) -> str:
    """A plain-text summary of :func:`plot_resource_projects` (same arguments)."""
    table = resource_projects_table(projects, countries=countries)
    if table.empty:
        return "Resource projects: none recorded for these countries."
    items = "; ".join(
        f"{r.project} ({r.commodity}): {r.status}, {date_label(r.status_date, r.status_precision)}"
        for r in table.itertuples()
    )
    return f"{len(table)} resource projects. {items}."
