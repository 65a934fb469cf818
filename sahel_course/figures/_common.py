"""Helpers shared by the figure builders (template, titles, labels, vertical marks)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from sahel_course.figures._offline import OfflineFigure
from sahel_course.palette import course_template

if TYPE_CHECKING:
    import pandas as pd

#: Countries on the regional maps: West Africa (UN M49) plus Chad and Sudan.
REGION_EXTRA = ("TCD", "SDN")


def new_figure() -> OfflineFigure:
    """An empty course figure carrying the course template (passed explicitly)."""
    return OfflineFigure(layout={"template": course_template()})


def set_titles(
    fig: go.Figure, *, title: str, x_title: str | None = None, y_title: str | None = None
) -> None:
    """Set the figure title and axis titles (units belong in the axis titles)."""
    fig.update_layout(title={"text": title, "x": 0.01, "xanchor": "left"})
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)


def wrap(text: object, width: int = 60) -> str:
    """Wrap text for a hover label (lines joined with ``<br>``); missing text becomes ``""``."""
    if text is None or text != text:  # None or NaN/NA
        return ""
    return "<br>".join(textwrap.wrap(str(text), width)) or ""


def date_label(date: pd.Timestamp, precision: str | None) -> str:
    """A date at the precision its source supports: ``2023``, ``2023-07`` or ``2023-07-26``."""
    if precision == "year":
        return f"{date:%Y}"
    if precision == "month":
        return f"{date:%Y-%m}"
    return f"{date:%Y-%m-%d}"


def as_codes(codes: Iterable[str] | str | None) -> list[str] | None:
    """Normalise a country-code option (``"MLI"`` or ``["MLI", "NER"]``) to upper-case codes."""
    if codes is None:
        return None
    if isinstance(codes, str):
        codes = [codes]
    return [code.strip().upper() for code in codes]


def split_list(value: object) -> list[str]:
    """Split a ``;``-joined cell (``"MLI;NER"``) into its items; missing -> ``[]``."""
    if value is None or value != value:
        return []
    return [item.strip() for item in str(value).split(";") if item.strip()]


def region_countries() -> list[str]:
    """ISO3 codes of the regional maps: West Africa plus Chad and Sudan, alphabetical."""
    from sahel_course.datasets import load_countries

    countries = load_countries()
    west = countries.loc[countries["west_africa"].fillna(False).astype(bool), "iso3"]
    return sorted({*west, *REGION_EXTRA})


def bar_marker(color: str, pattern: str) -> dict[str, Any]:
    """Bar marker with a colour *and* a white hatch pattern drawn over it (``overlay``)."""
    return {"color": color, "pattern": {"shape": pattern, "fillmode": "overlay",
                                        "fgcolor": "white", "size": 8}}  # fmt: skip


def mark_x(
    fig: go.Figure,
    x: Any,
    *,
    label: str,
    hover: str,
    dash: str = "solid",
    color: str = "#000000",
    row_shift: int = 0,
    at: str = "top",
) -> None:
    """Draw a labelled vertical line at ``x`` (a date or a number) across the plot area.

    The label is written along the line (not a colour legend), the hover text gives detail, and
    ``dash`` distinguishes kinds of marks. The label sits at the ``at`` end of the line
    (``"top"`` or ``"bottom"``); ``row_shift`` moves it inwards so neighbouring labels do not
    overlap.
    """
    fig.add_shape(
        type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="paper",
        line={"color": color, "width": 1.5, "dash": dash}, layer="above",
    )  # fmt: skip
    fig.add_annotation(
        x=x, xref="x", y=1 - 0.04 * row_shift if at == "top" else 0.04 * row_shift,
        yref="paper", text=label, hovertext=hover, showarrow=False, textangle=-90,
        xanchor="right", yanchor="top" if at == "top" else "bottom",
        font={"size": 11, "color": color}, bgcolor="rgba(255,255,255,0.8)",
    )  # fmt: skip
