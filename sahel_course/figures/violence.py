"""Deaths in organized violence (UCDP) with coups and foreign withdrawals marked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from sahel_course.datasets import country_names
from sahel_course.figures._common import as_codes, bar_marker, mark_x, new_figure, set_titles
from sahel_course.figures.timeline import timeline_table
from sahel_course.palette import styles_for

if TYPE_CHECKING:
    from sahel_course.figures._offline import OfflineFigure

VIOLENCE_LABELS = {
    "state_based": "State-based conflict",
    "non_state": "Non-state conflict",
    "one_sided": "One-sided violence (against civilians)",
}
GROUPINGS = ("violence_type", "country")


def fatalities_table(
    fatalities: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | str = ("MLI", "BFA", "NER"),
    by: str = "violence_type",
    first_year: int = 2010,
) -> pd.DataFrame:
    """Deaths (UCDP best estimate) per year and group, summed over ``countries``.

    Columns: ``year``, ``group`` (a violence type or an ISO3 code, following ``by``), ``deaths``.
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}, not {by!r}")
    if fatalities is None:
        from sahel_course.datasets import load_fatalities

        fatalities = load_fatalities()
    codes = as_codes(countries) or []
    rows = fatalities[fatalities["iso3"].isin(codes) & (fatalities["year"] >= first_year)]
    column = "violence_type" if by == "violence_type" else "iso3"
    table = (
        rows.assign(group=rows[column].astype("string"))
        .groupby(["year", "group"], as_index=False)["deaths_best"]
        .sum()
        .rename(columns={"deaths_best": "deaths"})
    )
    table["year"] = table["year"].astype(int)
    table["deaths"] = table["deaths"].astype(int)
    return table.sort_values(["year", "group"]).reset_index(drop=True)


def fatalities_marks(
    *,
    countries: Iterable[str] | str = ("MLI", "BFA", "NER"),
    mark_coups: bool = True,
    mark_withdrawals: bool = True,
    first_year: int = 2010,
    coups: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The dated marks drawn on :func:`plot_fatalities`: successful coups and withdrawals.

    Coups come from Powell & Thyne (``load_coups``); withdrawals are the course events of
    category ``withdrawal`` concerning ``countries``. Columns: ``date``, ``kind``
    (``coup``/``withdrawal``), ``label`` (short, drawn on the figure), ``hover`` (full text).
    """
    codes = as_codes(countries) or []
    names = country_names()
    marks = []
    if mark_coups:
        if coups is None:
            from sahel_course.datasets import load_coups

            coups = load_coups()
        chosen = coups[
            coups["iso3"].isin(codes)
            & (coups["outcome"].astype("string") == "successful")
            & (coups["year"] >= first_year)
        ]
        for row in chosen.itertuples():
            name = names.get(row.iso3, row.iso3)
            marks.append((pd.Timestamp(row.date), "coup", f"Coup, {name}",
                          f"Successful coup in {name}, {row.date:%Y-%m-%d} (Powell & Thyne)"))
    if mark_withdrawals:
        chosen_events = timeline_table(
            events, categories=["withdrawal"], countries=codes, start=f"{first_year}-01-01"
        )
        for row in chosen_events.itertuples():
            marks.append((row.date, "withdrawal", _short(row.title),
                          f"{row.title} ({row.date:%Y-%m-%d}). Source: {row.source_title}"))
    table = pd.DataFrame(marks, columns=["date", "kind", "label", "hover"])
    return table.sort_values("date").reset_index(drop=True)


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plot_fatalities(
    fatalities: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | str = ("MLI", "BFA", "NER"),
    by: str = "violence_type",
    mark_coups: bool = True,
    mark_withdrawals: bool = True,
    first_year: int = 2010,
    coups: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> OfflineFigure:
    """Yearly deaths in organized violence, stacked by violence type (or by country).

    Each stack segment has a colour *and* a fill pattern. Successful coups are solid vertical
    lines and foreign withdrawals dashed ones, each labelled along the line. ``coups`` and
    ``events`` default to the course tables.
    """
    table = fatalities_table(fatalities, countries=countries, by=by, first_year=first_year)
    names = country_names()
    groups = sorted(set(table["group"]), key=_group_order)
    styles = styles_for(groups)
    fig = new_figure()
    for group in groups:
        rows = table[table["group"] == group]
        label = VIOLENCE_LABELS.get(group) or names.get(group, group)
        fig.add_bar(
            x=pd.to_datetime(rows["year"].astype(str) + "-07-01"), y=rows["deaths"], name=label,
            marker=bar_marker(styles[group].color, styles[group].pattern),
            xperiod="M12", xperiodalignment="middle",
            hovertemplate=f"{label}<br>%{{x|%Y}}: %{{y:,}} deaths<extra></extra>",
        )  # fmt: skip
    marks = fatalities_marks(
        countries=countries, mark_coups=mark_coups, mark_withdrawals=mark_withdrawals,
        first_year=first_year, coups=coups, events=events,
    )  # fmt: skip
    for kind, dash, at in (("coup", "solid", "top"), ("withdrawal", "dash", "bottom")):
        for index, mark in enumerate(marks[marks["kind"] == kind].itertuples()):
            mark_x(fig, mark.date, label=mark.label, hover=mark.hover, dash=dash, at=at,
                   row_shift=index % 3)
    codes = as_codes(countries) or []
    where = ", ".join(names.get(c, c) for c in codes)
    set_titles(
        fig, title=f"Deaths in organized violence: {where}",
        x_title="Year", y_title="Deaths per year (UCDP best estimate)",
    )  # fmt: skip
    fig.update_layout(barmode="stack", legend={"title": {"text": "Violence type" if
                      by == "violence_type" else "Country"}}, height=600)
    return fig


def _group_order(group: str) -> tuple[int, str]:
    order = list(VIOLENCE_LABELS)
    return (order.index(group), group) if group in order else (len(order), group)


def describe_fatalities(
    fatalities: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | str = ("MLI", "BFA", "NER"),
    by: str = "violence_type",
    mark_coups: bool = True,
    mark_withdrawals: bool = True,
    first_year: int = 2010,
    coups: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> str:
    """A plain-text summary of :func:`plot_fatalities` (same arguments), for screen readers."""
    table = fatalities_table(fatalities, countries=countries, by=by, first_year=first_year)
    if table.empty:
        return "Deaths in organized violence: no data for these countries and years."
    yearly = table.groupby("year")["deaths"].sum()
    peak_year = int(yearly.idxmax())
    text = (
        f"Deaths in organized violence, {yearly.index.min()}-{yearly.index.max()}: "
        f"{int(yearly.iloc[0]):,} in {yearly.index.min()}, {int(yearly.iloc[-1]):,} in "
        f"{yearly.index.max()}, highest in {peak_year} ({int(yearly.max()):,})."
    )
    marks = fatalities_marks(
        countries=countries, mark_coups=mark_coups, mark_withdrawals=mark_withdrawals,
        first_year=first_year, coups=coups, events=events,
    )  # fmt: skip
    if not marks.empty:
        text += " Marked: " + "; ".join(marks["hover"])
    return text
