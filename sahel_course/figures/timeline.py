"""Timeline of the course's dated events: plot, table and text summary."""

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
from sahel_course.palette import styles_for

if TYPE_CHECKING:
    from sahel_course.figures._offline import OfflineFigure

COLUMNS = [
    "event_id", "date", "date_precision", "category", "title", "description", "countries",
    "actors", "source_title", "source_url",
]  # fmt: skip


#: Event categories in the order of CONTRIBUTING.md (the timeline's rows, top to bottom).
CATEGORY_ORDER = (
    "independence", "coup", "coup_attempt", "deployment", "withdrawal", "agreement",
    "organisation", "sanctions", "diplomacy", "resources", "attack", "abuse", "election",
    "politics",
)  # fmt: skip


def _as_list(values: Iterable[str] | str | None) -> list[str] | None:
    if values is None:
        return None
    return [values] if isinstance(values, str) else list(values)


def timeline_table(
    events: pd.DataFrame | None = None,
    *,
    actors: Iterable[str] | str | None = None,
    categories: Iterable[str] | str | None = None,
    countries: Iterable[str] | str | None = None,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """The events drawn by :func:`plot_timeline`, filtered and sorted by date.

    An event is kept when it involves *any* of ``actors`` (short names such as ``"Russia"``),
    has one of ``categories``, concerns *any* of ``countries`` (ISO3) and falls between
    ``start`` and ``end`` (inclusive ISO dates). ``None`` means no filter on that field.
    """
    if events is None:
        from sahel_course.datasets import load_events

        events = load_events()
    keep = pd.Series(True, index=events.index)
    actor_list, category_list = _as_list(actors), _as_list(categories)
    country_list = as_codes(countries)
    if actor_list is not None:
        wanted = set(actor_list)
        keep &= events["actors"].map(lambda cell: bool(wanted & set(split_list(cell))))
    if category_list is not None:
        keep &= events["category"].astype("string").isin(category_list).fillna(False)
    if country_list is not None:
        wanted_c = set(country_list)
        keep &= events["countries"].map(lambda cell: bool(wanted_c & set(split_list(cell))))
    dates = pd.to_datetime(events["date"])
    if start is not None:
        keep &= dates >= pd.Timestamp(start)
    if end is not None:
        keep &= dates <= pd.Timestamp(end)
    table = events.loc[keep.astype(bool), COLUMNS].copy()
    table["date"] = pd.to_datetime(table["date"])
    return table.sort_values(["date", "event_id"]).reset_index(drop=True)


def categories_in_order(table: pd.DataFrame) -> list[str]:
    """Categories present in the table, in the documented order (``CATEGORY_ORDER``)."""
    found = set(table["category"].astype("string").dropna())
    return [c for c in CATEGORY_ORDER if c in found] + sorted(found - set(CATEGORY_ORDER))


def plot_timeline(
    events: pd.DataFrame | None = None,
    *,
    actors: Iterable[str] | str | None = None,
    categories: Iterable[str] | str | None = None,
    countries: Iterable[str] | str | None = None,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
) -> OfflineFigure:
    """Events on a time axis, one row and one marker style per category.

    Each category has its own colour *and* symbol and is named on the vertical axis, so the
    figure reads without colour. Hovering a point shows the title, date (at the precision the
    source supports), description and source. Filters as in :func:`timeline_table`.
    """
    table = timeline_table(
        events, actors=actors, categories=categories, countries=countries, start=start, end=end
    )
    present = categories_in_order(table)
    styles = styles_for(present)
    fig = new_figure()
    for category in present:
        fig.add_scatter(
            **timeline_points(table, category), mode="markers", name=category.replace("_", " "),
            marker={"color": styles[category].color, "symbol": styles[category].symbol,
                    "size": 12, "line": {"color": "white", "width": 1}},
            hovertemplate="<b>%{text}</b><br>%{customdata[0]}<br>%{customdata[1]}"
            "<br><i>Source: %{customdata[2]}</i><br>%{customdata[3]}<extra></extra>",
        )  # fmt: skip
    period = describe_period(table)
    set_titles(fig, title=f"Events {period}", x_title="Date", y_title="Category")
    fig.update_layout(height=max(320, 70 + 45 * len(present)), hovermode="closest")
    fig.update_yaxes(categoryorder="array", categoryarray=[c.replace("_", " ") for c in present])
    return fig


def timeline_points(table: pd.DataFrame, category: str) -> dict[str, list]:
    """``x``, ``y``, ``text`` and ``customdata`` of one category's markers (empty if absent).

    ``customdata`` rows are ``[date label, description, source title, source URL, event_id]``.
    """
    rows = table[table["category"].astype("string") == category]
    return {
        "x": list(rows["date"]),
        "y": [category.replace("_", " ")] * len(rows),
        "text": [wrap(title, 50) for title in rows["title"]],
        "customdata": [
            [date_label(row.date, row.date_precision), wrap(row.description),
             wrap(row.source_title), row.source_url, row.event_id]
            for row in rows.itertuples()
        ],
    }  # fmt: skip


def describe_period(table: pd.DataFrame) -> str:
    """``"1960-2025"``-style span of the table's dates (``"(none)"`` when empty)."""
    if table.empty:
        return "(none match the filters)"
    first, last = table["date"].min().year, table["date"].max().year
    return f"{first}" if first == last else f"{first}-{last}"


def describe_timeline(
    events: pd.DataFrame | None = None,
    *,
    actors: Iterable[str] | str | None = None,
    categories: Iterable[str] | str | None = None,
    countries: Iterable[str] | str | None = None,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
) -> str:
    """A plain-text summary of :func:`plot_timeline` (same arguments), for screen readers."""
    table = timeline_table(
        events, actors=actors, categories=categories, countries=countries, start=start, end=end
    )
    if table.empty:
        return "Timeline: no event matches the filters."
    counts = table["category"].astype("string").value_counts()
    by_category = ", ".join(f"{name.replace('_', ' ')} {n}" for name, n in counts.items())
    first, last = table.iloc[0], table.iloc[-1]
    count = f"{len(table)} event" + ("s" if len(table) != 1 else "")
    return (
        f"Timeline of {count}, {describe_period(table)}. By category: {by_category}. "
        f"First: {first['title']} ({date_label(first['date'], first['date_precision'])}). "
        f"Last: {last['title']} ({date_label(last['date'], last['date_precision'])})."
    )
