"""Economy figures: population and GDP over time, and Chinese development finance."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from sahel_course.datasets import country_names
from sahel_course.figures._common import as_codes, bar_marker, new_figure, set_titles
from sahel_course.palette import OKABE_ITO, QUALITATIVE, styles_for

if TYPE_CHECKING:
    from sahel_course.figures._offline import OfflineFigure

#: indicator column -> (short name, axis title with unit, hover number format)
INDICATORS: dict[str, tuple[str, str, str]] = {
    "population": ("Population", "Population (people)", ",.0f"),
    "gdp_usd": ("GDP", "GDP (current US$)", "$,.3s"),
    "gdp_per_capita_usd": ("GDP per person", "GDP per person (current US$)", "$,.0f"),
    "gdp_per_capita_ppp_2011": (
        "GDP per person (PPP)", "GDP per person (2011 international $, PPP)", ",.0f",
    ),
}
AES = ("MLI", "BFA", "NER")


def _check_indicator(indicator: str) -> None:
    if indicator not in INDICATORS:
        raise ValueError(f"indicator must be one of {sorted(INDICATORS)}, not {indicator!r}")


def economy_table(
    indicator: str,
    *,
    countries: Iterable[str] | str = AES,
    economy: pd.DataFrame | None = None,
    first_year: int = 2000,
) -> pd.DataFrame:
    """One indicator per country and year from ``first_year`` (missing values dropped).

    ``indicator`` is a column of ``load_economy()``: ``population``, ``gdp_usd``,
    ``gdp_per_capita_usd`` or ``gdp_per_capita_ppp_2011``. Columns: ``iso3``, ``country``,
    ``year``, ``value``.
    """
    _check_indicator(indicator)
    if economy is None:
        from sahel_course.datasets import load_economy

        economy = load_economy()
    codes = as_codes(countries) or []
    rows = economy[economy["iso3"].isin(codes) & (economy["year"] >= first_year)]
    table = rows[["iso3", "country", "year", indicator]].rename(columns={indicator: "value"})
    table = table.dropna(subset=["value"]).astype({"year": int, "value": float})
    order = {code: i for i, code in enumerate(codes)}
    return (table.assign(_o=table["iso3"].map(order)).sort_values(["_o", "year"])
            .drop(columns="_o").reset_index(drop=True))  # fmt: skip


def plot_economy(
    indicator: str,
    *,
    countries: Iterable[str] | str = AES,
    economy: pd.DataFrame | None = None,
    first_year: int = 2000,
) -> OfflineFigure:
    """One line per country for an economic indicator, each with its own dash and symbol.

    The country name is also written at the end of its line, so the legend is not needed to
    tell the lines apart.
    """
    table = economy_table(indicator, countries=countries, economy=economy, first_year=first_year)
    name, axis_title, number = INDICATORS[indicator]
    codes = list(dict.fromkeys(table["iso3"]))
    styles = styles_for(codes)
    fig = new_figure()
    for code in codes:
        rows = table[table["iso3"] == code]
        label = rows["country"].iloc[0]
        texts = [""] * (len(rows) - 1) + [label]
        fig.add_scatter(
            x=rows["year"], y=rows["value"], name=label, mode="lines+markers+text",
            text=texts, textposition="middle right", cliponaxis=False,
            line={"color": styles[code].color, "dash": styles[code].dash, "width": 2.5},
            marker={"symbol": styles[code].symbol, "size": 7, "color": styles[code].color},
            hovertemplate=f"{label}<br>%{{x}}: %{{y:{number}}}<extra></extra>",
        )  # fmt: skip
    span = f"{table['year'].min()}-{table['year'].max()}" if not table.empty else ""
    set_titles(fig, title=f"{name}, {span}", x_title="Year", y_title=axis_title)
    fig.update_layout(legend={"title": {"text": "Country"}}, height=460,
                      margin={"r": 130})  # room for the end-of-line labels
    return fig


def describe_economy(
    indicator: str,
    *,
    countries: Iterable[str] | str = AES,
    economy: pd.DataFrame | None = None,
    first_year: int = 2000,
) -> str:
    """A plain-text summary of :func:`plot_economy` (same arguments), for screen readers."""
    table = economy_table(indicator, countries=countries, economy=economy, first_year=first_year)
    name, axis_title, _ = INDICATORS[indicator]
    if table.empty:
        return f"{name}: no data for these countries."
    parts = []
    for _, rows in table.groupby("iso3", sort=False):
        first, last = rows.iloc[0], rows.iloc[-1]
        parts.append(f"{first['country']} {first['value']:,.0f} in {first['year']} and "
                     f"{last['value']:,.0f} in {last['year']}")
    return f"{axis_title}: " + "; ".join(parts) + "."


# --------------------------------------------------------------------------- China


def china_finance_table(
    finance: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | None = None,
    top: int = 15,
) -> pd.DataFrame:
    """Chinese development-finance commitments 2000-2021, largest first.

    ``countries`` defaults to the African states; the ``top`` largest recipients are kept, plus
    Mali, Burkina Faso and Niger whatever their rank. Columns: ``iso3``, ``country``,
    ``commitments_bn_usd_2021``, ``rank`` (1 = largest among ``countries``), ``aes`` (bool).
    """
    if finance is None:
        from sahel_course.datasets import load_china_finance

        finance = load_china_finance()
    if countries is None:
        from sahel_course.datasets import load_countries

        listed = load_countries()
        codes = list(listed.loc[listed["africa"].fillna(False).astype(bool), "iso3"])
    else:
        codes = as_codes(countries) or []
    rows = finance[finance["iso3"].isin(codes)].dropna(subset=["commitments_bn_usd_2021"])
    rows = rows.sort_values("commitments_bn_usd_2021", ascending=False).reset_index(drop=True)
    rows["rank"] = range(1, len(rows) + 1)
    rows["aes"] = rows["iso3"].isin(AES)
    kept = rows[(rows["rank"] <= top) | rows["aes"]]
    columns = ["iso3", "country", "commitments_bn_usd_2021", "rank", "aes"]
    return kept[columns].reset_index(drop=True)


def plot_china_finance(
    finance: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | None = None,
    top: int = 15,
) -> OfflineFigure:
    """Horizontal bars of Chinese development-finance commitments per recipient, 2000-2021.

    Mali, Burkina Faso and Niger are drawn in a second colour *with* a hatch pattern and
    marked "(AES)" in their label, and every bar shows its rank among the recipients.
    """
    table = china_finance_table(finance, countries=countries, top=top).iloc[::-1]
    names = country_names()
    labels = [f"{names.get(r.iso3, r.country)} (AES)" if r.aes else names.get(r.iso3, r.country)
              for r in table.itertuples()]  # fmt: skip
    fig = new_figure()
    for is_aes, color, pattern, legend in (
        (False, QUALITATIVE[0], "", "Other recipients"),
        (True, OKABE_ITO["vermillion"], "/", "Mali, Burkina Faso, Niger (AES)"),
    ):
        mask = (table["aes"] == is_aes).to_list()
        fig.add_bar(
            y=[label for label, keep in zip(labels, mask, strict=True) if keep],
            x=table.loc[mask, "commitments_bn_usd_2021"], orientation="h", name=legend,
            text=[f"#{r}" for r in table.loc[mask, "rank"]], textposition="outside",
            marker=bar_marker(color, pattern),
            hovertemplate="%{y}: %{x:.2f} bn US$ (rank %{text})<extra></extra>",
        )  # fmt: skip
    set_titles(
        fig, title="Chinese development finance committed, 2000-2021 (AidData)",
        x_title="Commitments (billion US$, constant 2021)", y_title="Recipient",
    )  # fmt: skip
    fig.update_layout(height=max(400, 28 * len(table) + 140), barmode="overlay")
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    return fig


def describe_china_finance(
    finance: pd.DataFrame | None = None,
    *,
    countries: Iterable[str] | None = None,
    top: int = 15,
) -> str:
    """A plain-text summary of :func:`plot_china_finance` (same arguments), for screen readers."""
    table = china_finance_table(finance, countries=countries, top=top)
    if table.empty:
        return "Chinese development finance: no recipient in the selection."
    leaders = ", ".join(f"{r.country} {r.commitments_bn_usd_2021:.1f} bn"
                        for r in table.head(3).itertuples())  # fmt: skip
    aes = "; ".join(f"{r.country} {r.commitments_bn_usd_2021:.2f} bn (rank {r.rank})"
                    for r in table[table["aes"]].itertuples())  # fmt: skip
    text = (
        "Chinese development finance committed 2000-2021 (constant 2021 US$). "
        f"Largest: {leaders}."
    )
    return text + (f" AES states: {aes}." if aes else "")
