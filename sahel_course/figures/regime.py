"""V-Dem regime indices (0-1) over time, one line per country."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from sahel_course.datasets import country_names
from sahel_course.figures._common import as_codes, new_figure, set_titles
from sahel_course.figures._marks import add_caption, add_line, label_line_ends, legend_on_top
from sahel_course.palette import styles_for

if TYPE_CHECKING:
    from sahel_course.figures._offline import OfflineFigure

#: 0-1 index column of ``load_regime_indices()`` -> (label, V-Dem variable, reading direction)
INDICES: dict[str, tuple[str, str, str]] = {
    "electoral_democracy": ("Electoral democracy index", "v2x_polyarchy", "1 = most democratic"),
    "liberal_democracy": ("Liberal democracy index", "v2x_libdem", "1 = most democratic"),
    "participatory_democracy": (
        "Participatory democracy index", "v2x_partipdem", "1 = most democratic",
    ),
    "deliberative_democracy": (
        "Deliberative democracy index", "v2x_delibdem", "1 = most democratic",
    ),
    "egalitarian_democracy": ("Egalitarian democracy index", "v2x_egaldem", "1 = most democratic"),
    "civil_liberties": ("Civil liberties index", "v2x_civlib", "1 = most liberty"),
    "equality_before_law_liberty": (
        "Equality before the law and individual liberty index", "v2xcl_rol", "1 = most liberty",
    ),
    "rule_of_law": ("Rule of law index", "v2x_rule", "1 = strongest rule of law"),
    "judicial_constraints": (
        "Judicial constraints on the executive index", "v2x_jucon", "1 = most constrained",
    ),
    "neopatrimonialism": ("Neopatrimonial rule index", "v2x_neopat", "1 = most neopatrimonial"),
}  # fmt: skip
AES = ("MLI", "BFA", "NER")


def _check_indicator(indicator: str) -> None:
    if indicator not in INDICES:
        raise ValueError(f"indicator must be one of the 0-1 indices {sorted(INDICES)}, "
                         f"not {indicator!r}")  # fmt: skip


def regime_indices_table(
    regime: pd.DataFrame | None = None,
    *,
    indicator: str = "electoral_democracy",
    countries: Iterable[str] | str = AES,
) -> pd.DataFrame:
    """One V-Dem 0-1 index per country and year, countries in the order given.

    ``indicator`` is a 0-1 index column of ``load_regime_indices()`` (see ``INDICES``).
    Missing values are dropped. Columns: ``iso3``, ``country``, ``year`` (int), ``value``
    (float, 0-1).
    """
    _check_indicator(indicator)
    if regime is None:
        from sahel_course.datasets import load_regime_indices

        regime = load_regime_indices()
    codes = as_codes(countries) or []
    rows = regime[regime["iso3"].isin(codes)].dropna(subset=[indicator])
    names = country_names()
    table = pd.DataFrame({
        "iso3": rows["iso3"].astype(str),
        "country": [names.get(code, code) for code in rows["iso3"]],
        "year": rows["year"].astype(int),
        "value": rows[indicator].astype(float),
    })  # fmt: skip
    order = {code: i for i, code in enumerate(codes)}
    return (table.assign(_o=table["iso3"].map(order)).sort_values(["_o", "year"])
            .drop(columns="_o").reset_index(drop=True))  # fmt: skip


def plot_regime_indices(
    regime: pd.DataFrame | None = None,
    *,
    indicator: str = "electoral_democracy",
    countries: Iterable[str] | str = AES,
) -> OfflineFigure:
    """One line per country for a V-Dem index on its full 0-1 scale.

    Each country has its own colour, dash and marker symbol (Mali, Burkina Faso and Niger keep
    their course-wide styles) and its name is written at the end of its line. The y axis always
    spans 0 to 1, so falls are not exaggerated by a zoomed axis.
    """
    table = regime_indices_table(regime, indicator=indicator, countries=countries)
    label, variable, reading = INDICES[indicator]
    codes = list(dict.fromkeys(table["iso3"]))
    styles = styles_for(codes)
    fig = new_figure()
    ends = []
    for code in codes:
        rows = table[table["iso3"] == code]
        name = rows["country"].iloc[0]
        add_line(
            fig, rows["year"], rows["value"], name=name, style=styles[code],
            hovertemplate=f"{name}<br>%{{x}}: %{{y:.2f}} ({label.lower()})<extra></extra>",
        )  # fmt: skip
        ends.append((name, rows["year"].iloc[-1], rows["value"].iloc[-1]))
    label_line_ends(fig, ends, gap=0.05)
    span = f", {table['year'].min()}-{table['year'].max()}" if not table.empty else ""
    set_titles(
        fig, title=f"{label} (V-Dem){span}", x_title="Year",
        y_title=f"{label}<br>(0-1, {reading})",
    )  # fmt: skip
    fig.update_yaxes(range=[0, 1.02], tick0=0, dtick=0.2)
    if not table.empty:  # annotations would otherwise widen the autorange
        fig.update_xaxes(range=[table["year"].min() - 0.5, table["year"].max() + 0.5])
    fig.update_xaxes(dtick=1)
    fig.update_layout(height=480)
    legend_on_top(fig, "Country")
    add_caption(fig, f"Source: V-Dem Country-Year Dataset v16, variable {variable}.")
    return fig


def describe_regime_indices(
    regime: pd.DataFrame | None = None,
    *,
    indicator: str = "electoral_democracy",
    countries: Iterable[str] | str = AES,
) -> str:
    """A plain-text summary of :func:`plot_regime_indices` (same arguments), for screen readers."""
    table = regime_indices_table(regime, indicator=indicator, countries=countries)
    label, _, reading = INDICES[indicator]
    if table.empty:
        return f"{label} (V-Dem): no data for these countries."
    parts, changes = [], {}
    for _, rows in table.groupby("iso3", sort=False):
        first, last = rows.iloc[0], rows.iloc[-1]
        change = last["value"] - first["value"]
        changes[first["country"]] = change
        parts.append(f"{first['country']} {first['value']:.2f} in {first['year']} and "
                     f"{last['value']:.2f} in {last['year']} ({change:+.2f})")  # fmt: skip
    text = f"{label} (V-Dem, 0-1, {reading}): " + "; ".join(parts) + "."
    if len(changes) > 1:
        fell = min(changes, key=changes.__getitem__)
        if changes[fell] < 0:
            text += f" Largest fall: {fell} ({changes[fell]:+.2f})."
    return text
