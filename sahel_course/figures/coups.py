"""Coup attempts per decade (Powell & Thyne), successful and failed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from sahel_course.datasets import country_names
from sahel_course.figures._common import as_codes, bar_marker, new_figure, set_titles
from sahel_course.palette import OKABE_ITO

if TYPE_CHECKING:
    from sahel_course.figures._offline import OfflineFigure

#: Country groups of ``load_countries()`` usable as ``region`` (its boolean flag columns).
REGIONS: dict[str, str] = {
    "africa": "African states",
    "west_africa": "West African states",
    "ecowas_2023": "ECOWAS members (2023)",
    "g5_sahel": "G5 Sahel founders",
    "sahel_focus": "Mali, Burkina Faso, Niger, Chad, Mauritania",
    "aes": "Mali, Burkina Faso, Niger",
}
OUTCOMES = ("successful", "all")
#: outcome -> (legend label, colour, hatch pattern)
OUTCOME_STYLES: dict[str, tuple[str, str, str]] = {
    "successful": ("Successful coups", OKABE_ITO["vermillion"], ""),
    "failed": ("Failed attempts", OKABE_ITO["blue"], "/"),
}


def _codes(region: str, countries: Iterable[str] | str | None) -> list[str]:
    """ISO3 codes of ``region``, narrowed to ``countries`` when given."""
    if region not in REGIONS:
        raise ValueError(f"region must be one of {sorted(REGIONS)}, not {region!r}")
    from sahel_course.datasets import load_countries

    listed = load_countries()
    codes = list(listed.loc[listed[region].fillna(False).astype(bool), "iso3"])
    if countries is not None:
        wanted = as_codes(countries) or []
        codes = [code for code in wanted if code in codes]
    return codes


def decade_label(decade: int, last_year: int) -> str:
    """``"1960s"``, or ``"2020s (2020-2025)"`` for a decade the data covers only in part."""
    if decade + 9 > last_year >= decade:
        return f"{decade}s ({decade}-{last_year})"
    return f"{decade}s"


def coups_by_decade_table(
    coups: pd.DataFrame | None = None,
    *,
    region: str = "africa",
    countries: Iterable[str] | str | None = None,
    outcome: str = "successful",
) -> pd.DataFrame:
    """Coup attempts per decade and outcome in ``region``, narrowed to ``countries`` if given.

    ``region`` is a country group of ``load_countries()`` (``africa``, ``west_africa``,
    ``ecowas_2023``, ``g5_sahel``, ``sahel_focus``, ``aes``); ``countries`` (ISO3 codes) keeps
    only those countries of the region. ``outcome="successful"`` counts successful coups only,
    ``"all"`` successful coups and failed attempts. Every decade the data covers is listed, with
    0 where nothing happened. Columns: ``decade`` (int, e.g. 1960), ``label`` (``"1960s"``;
    the last decade shows the years covered, e.g. ``"2020s (2020-2025)"``), ``outcome``
    (``successful``/``failed``), ``coups`` (int).
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}, not {outcome!r}")
    if coups is None:
        from sahel_course.datasets import load_coups

        coups = load_coups()
    codes = _codes(region, countries)
    years = coups["year"].astype(int)
    first_decade, last_year = int(years.min()) // 10 * 10, int(years.max())
    decades = list(range(first_decade, last_year // 10 * 10 + 1, 10))
    outcomes = ["successful"] if outcome == "successful" else ["successful", "failed"]
    rows = coups[coups["iso3"].isin(codes)]
    counts = (
        rows.assign(decade=rows["year"].astype(int) // 10 * 10,
                    outcome=rows["outcome"].astype("string"))
        .groupby(["decade", "outcome"]).size()
    )  # fmt: skip
    grid = pd.MultiIndex.from_product([decades, outcomes], names=["decade", "outcome"])
    table = counts.reindex(grid, fill_value=0).rename("coups").reset_index()
    table["coups"] = table["coups"].astype(int)
    table.insert(1, "label", [decade_label(d, last_year) for d in table["decade"]])
    return table


def _where(region: str, countries: Iterable[str] | str | None) -> str:
    if countries is None:
        return REGIONS[region]
    names = country_names()
    return ", ".join(names.get(code, code) for code in _codes(region, countries)) or "no country"


def plot_coups_by_decade(
    coups: pd.DataFrame | None = None,
    *,
    region: str = "africa",
    countries: Iterable[str] | str | None = None,
    outcome: str = "successful",
) -> OfflineFigure:
    """Bars of coup attempts per decade; successful and failed differ in colour *and* hatching.

    Every bar carries its count as text, so values can be read without hovering. The last
    decade's label gives the years the data covers (Powell & Thyne run to December 2025).
    """
    table = coups_by_decade_table(coups, region=region, countries=countries, outcome=outcome)
    fig = new_figure()
    for kind, (legend, color, pattern) in OUTCOME_STYLES.items():
        rows = table[table["outcome"] == kind]
        if rows.empty:
            continue
        fig.add_bar(
            x=rows["label"], y=rows["coups"], name=legend, marker=bar_marker(color, pattern),
            text=rows["coups"], textposition="outside", cliponaxis=False,
            hovertemplate=f"%{{x}}: %{{y}} {legend.lower()}<extra></extra>",
        )  # fmt: skip
    what = "Successful coups" if outcome == "successful" else "Coup attempts"
    set_titles(
        fig, title=f"{what} per decade: {_where(region, countries)} (Powell & Thyne)",
        x_title="Decade", y_title="Coup attempts per decade (count)",
    )  # fmt: skip
    fig.update_layout(barmode="group", legend={"title": {"text": "Outcome"}}, height=460)
    fig.update_xaxes(type="category")
    return fig


def describe_coups_by_decade(
    coups: pd.DataFrame | None = None,
    *,
    region: str = "africa",
    countries: Iterable[str] | str | None = None,
    outcome: str = "successful",
) -> str:
    """A plain-text summary of :func:`plot_coups_by_decade` (same arguments), for screen readers."""
    table = coups_by_decade_table(coups, region=region, countries=countries, outcome=outcome)
    where = _where(region, countries)
    if table["coups"].sum() == 0:
        return f"Coups per decade, {where}: no coup attempt recorded."
    parts = []
    for kind, (legend, _, _) in OUTCOME_STYLES.items():
        rows = table[table["outcome"] == kind]
        if rows.empty:
            continue
        counts = ", ".join(f"{r.label} {r.coups}" for r in rows.itertuples())
        peak = rows.loc[rows["coups"].idxmax()]
        parts.append(f"{legend}: {counts}; peak {peak['coups']} in the {peak['label']}.")
    return f"Coups per decade, {where} (Powell & Thyne). " + " ".join(parts)
