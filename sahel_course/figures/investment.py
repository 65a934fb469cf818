"""Chinese investment deals in energy, chemicals, metals (AEI China Global Investment Tracker)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from sahel_course.datasets import country_names
from sahel_course.figures._common import as_codes, bar_marker, new_figure, set_titles
from sahel_course.figures._marks import add_caption
from sahel_course.palette import style_at, styles_for

if TYPE_CHECKING:
    from sahel_course.figures._offline import OfflineFigure

SECTORS = ("Energy", "Metals", "Chemicals")
GROUPINGS = ("sector", "year")
#: Years the shipped extract of the tracker covers (see the ``china_investment`` catalogue entry).
COVERAGE = "2006-2021"
AES = ("MLI", "BFA", "NER")
CAPTION = (
    "Deals of US$100 million or more recorded by the AEI China Global Investment Tracker; "
    "construction contracts are not included."
)


def _deals(count: int) -> str:
    return f"{count} deal" if count == 1 else f"{count} deals"


def _codes(investment: pd.DataFrame, countries: Iterable[str] | str | None) -> list[str]:
    """``countries`` as codes, or every host in ``investment`` by total value (largest first)."""
    if countries is not None:
        return as_codes(countries) or []
    totals = investment.groupby("iso3")["value_musd"].sum().sort_values(ascending=False)
    return [str(code) for code in totals.index]


def china_investment_table(
    investment: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | str | None = AES,
    by: str = "sector",
) -> pd.DataFrame:
    """Chinese investment deals per host country and sector (``by="sector"``) or year.

    Totals over the other dimension. ``countries`` are ISO3 codes (``None``: every host in the
    table, largest total first); countries without any deal have no row. Columns: ``iso3``,
    ``country``, ``sector`` (or ``year``, int), ``deals`` (int), ``value_musd`` (float,
    millions of US$); ordered by country (as given), then sector or year.
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}, not {by!r}")
    if investment is None:
        from sahel_course.datasets import load_china_investment

        investment = load_china_investment()
    codes = _codes(investment, countries)
    rows = investment[investment["iso3"].isin(codes)]
    rows = rows.assign(iso3=rows["iso3"].astype(str), sector=rows["sector"].astype(str),
                       year=rows["year"].astype(int))  # fmt: skip
    table = rows.groupby(["iso3", by], as_index=False)[["deals", "value_musd"]].sum()
    names = country_names()
    table.insert(1, "country", [names.get(code, code) for code in table["iso3"]])
    table = table.astype({"deals": int, "value_musd": float})
    order = {code: i for i, code in enumerate(codes)}
    key = table[by].map({s: i for i, s in enumerate(SECTORS)}) if by == "sector" else table[by]
    table = table.assign(_o=table["iso3"].map(order), _k=key).sort_values(["_o", "_k", by])
    return table.drop(columns=["_o", "_k"]).reset_index(drop=True)


def plot_china_investment(
    investment: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | str | None = AES,
    by: str = "sector",
) -> OfflineFigure:
    """Stacked bars of Chinese deal values (US$ millions).

    ``by="sector"``: one bar per host country, split by sector; ``by="year"``: one bar per year,
    split by country. Segments differ in colour *and* hatch pattern and show their deal count
    where it fits; each bar's total value and deal count is written above it. A requested
    country without any deal is still listed on the axis and marked "no deal recorded" (with
    ``by="sector"``).
    """
    table = china_investment_table(investment, countries=countries, by=by)
    names = country_names()
    fig = new_figure()
    if by == "sector":
        codes = _codes(table, countries)
        axis = [names.get(code, code) for code in codes]
        styles = {sector: style_at(i) for i, sector in enumerate(SECTORS)}
        groups, column, x_column = list(SECTORS), "sector", "country"
    else:
        codes = list(dict.fromkeys(table["iso3"]))
        styles = styles_for(codes)
        groups, column, x_column = codes, "iso3", "year"
    for group in groups:
        rows = table[table[column] == group]
        if rows.empty:
            continue
        label = group if by == "sector" else names.get(group, group)
        fig.add_bar(
            x=rows[x_column], y=rows["value_musd"], name=label,
            marker=bar_marker(styles[group].color, styles[group].pattern),
            text=[_deals(n) for n in rows["deals"]], textposition="inside",
            hovertemplate=f"%{{x}}, {label}: US$%{{y:,.0f}} million (%{{text}})<extra></extra>",
        )  # fmt: skip
    totals = table.groupby(x_column, sort=False)[["value_musd", "deals"]].sum()
    if by == "sector":
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=axis)
        totals = totals.reindex(axis)
    else:
        fig.update_xaxes(dtick=1)
    for x, total in totals.iterrows():
        empty = pd.isna(total["deals"])
        text = (
            "no deal recorded" if empty
            else f"US${total['value_musd']:,.0f}m<br>{_deals(int(total['deals']))}"
        )  # fmt: skip
        fig.add_annotation(x=x, y=0 if empty else total["value_musd"], text=text,
                           showarrow=False, yanchor="bottom", font={"size": 12})  # fmt: skip
    set_titles(
        fig, title=f"Chinese investment deals in energy, chemicals and metals, {COVERAGE} (AEI)",
        x_title="Host country" if by == "sector" else "Year",
        y_title="Deal value (millions of US$)",
    )  # fmt: skip
    add_caption(fig, CAPTION)
    fig.update_layout(
        barmode="stack", height=500, uniformtext={"minsize": 11, "mode": "hide"},
        legend={"title": {"text": "Sector" if by == "sector" else "Country"}},
    )  # fmt: skip
    return fig


def describe_china_investment(
    investment: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | str | None = AES,
    by: str = "sector",
) -> str:
    """Plain-text summary of :func:`plot_china_investment` (same arguments), for screen readers."""
    table = china_investment_table(investment, countries=countries, by=by)
    names = country_names()
    parts = []
    for code in _codes(table, countries):
        rows = table[table["iso3"] == code]
        if rows.empty:
            parts.append(f"{names.get(code, code)}: no deal recorded")
            continue
        split = " / ".join(f"{getattr(r, by)}: {r.value_musd:,.0f}" for r in rows.itertuples())
        parts.append(f"{rows['country'].iloc[0]} {rows['value_musd'].sum():,.0f} in "
                     f"{_deals(int(rows['deals'].sum()))} ({split})")  # fmt: skip
    if not parts:
        return f"Chinese investment deals, {COVERAGE}: no deal recorded for these countries."
    total = (f" Total US${table['value_musd'].sum():,.0f} million in "
             f"{_deals(int(table['deals'].sum()))}.") if not table.empty else ""  # fmt: skip
    return (f"Chinese investment deals in energy, chemicals and metals, {COVERAGE}, in millions "
            f"of US$: " + "; ".join(parts) + "." + total + " " + CAPTION)  # fmt: skip
