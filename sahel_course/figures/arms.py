"""Major arms imports (SIPRI trend-indicator values) by supplier, with 2020 marked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from sahel_course.datasets import country_names
from sahel_course.figures._common import as_codes, bar_marker, mark_x, new_figure, set_titles
from sahel_course.palette import styles_for

if TYPE_CHECKING:
    from sahel_course.figures._offline import OfflineFigure

OTHER = "Other suppliers"
MARK_YEAR = 2020


def arms_imports_table(
    arms: pd.DataFrame | None = None,
    *,
    recipients: Iterable[str] | str = ("MLI", "BFA", "NER"),
    top_suppliers: int = 6,
) -> pd.DataFrame:
    """TIV (millions) per year and supplier, summed over ``recipients``.

    The ``top_suppliers`` largest suppliers over the whole period keep their name; the others
    are summed as ``"Other suppliers"``. Columns: ``year``, ``supplier``, ``tiv_millions``.
    """
    if top_suppliers < 1:
        raise ValueError(f"top_suppliers must be at least 1, not {top_suppliers}")
    if arms is None:
        from sahel_course.datasets import load_arms_imports

        arms = load_arms_imports()
    rows = arms[arms["recipient_iso3"].isin(as_codes(recipients) or [])]
    totals = rows.groupby("supplier")["tiv_millions"].sum().sort_values(ascending=False)
    top = list(totals.index[:top_suppliers])
    supplier = rows["supplier"].astype("string").where(rows["supplier"].isin(top), OTHER)
    table = (
        rows.assign(supplier=supplier)
        .groupby(["year", "supplier"], as_index=False)["tiv_millions"]
        .sum()
    )
    table["year"] = table["year"].astype(int)
    order = {name: i for i, name in enumerate([*top, OTHER])}
    table["_order"] = table["supplier"].map(order)
    return table.sort_values(["year", "_order"]).drop(columns="_order").reset_index(drop=True)


def plot_arms_imports(
    arms: pd.DataFrame | None = None,
    *,
    recipients: Iterable[str] | str = ("MLI", "BFA", "NER"),
    top_suppliers: int = 6,
) -> OfflineFigure:
    """Stacked yearly bars of major arms imports by supplier, with the year 2020 marked.

    Suppliers are ordered by their total over the period; each has a colour *and* a fill
    pattern (Russia, France, China, United States, Turkey keep the course-wide styles). A dashed
    line marks the start of 2020, the year of the first of the Sahel coups (Mali, August).
    """
    table = arms_imports_table(arms, recipients=recipients, top_suppliers=top_suppliers)
    totals = table.groupby("supplier")["tiv_millions"].sum()
    suppliers = sorted(totals.index, key=lambda s: (s == OTHER, -totals[s]))
    styles = styles_for(suppliers)
    fig = new_figure()
    for supplier in suppliers:
        rows = table[table["supplier"] == supplier]
        fig.add_bar(
            x=rows["year"], y=rows["tiv_millions"], name=supplier,
            marker=bar_marker(styles[supplier].color, styles[supplier].pattern),
            hovertemplate=f"{supplier}<br>%{{x}}: %{{y:,.1f}} million TIV<extra></extra>",
        )  # fmt: skip
    mark_x(fig, MARK_YEAR - 0.5, label=f"{MARK_YEAR}", dash="dash",
           hover=f"From {MARK_YEAR}: the years of the Sahel coups (Mali, August {MARK_YEAR})")
    names = country_names()
    where = ", ".join(names.get(c, c) for c in as_codes(recipients) or [])
    set_titles(
        fig, title=f"Major arms imports by supplier: {where}",
        x_title="Year of delivery", y_title="SIPRI trend-indicator value (millions)",
    )  # fmt: skip
    fig.update_layout(barmode="stack", legend={"title": {"text": "Supplier"}}, height=500)
    fig.update_xaxes(dtick=2)
    return fig


def describe_arms_imports(
    arms: pd.DataFrame | None = None,
    *,
    recipients: Iterable[str] | str = ("MLI", "BFA", "NER"),
    top_suppliers: int = 6,
) -> str:
    """A plain-text summary of :func:`plot_arms_imports` (same arguments), for screen readers."""
    table = arms_imports_table(arms, recipients=recipients, top_suppliers=top_suppliers)
    if table.empty:
        return "Major arms imports: no deliveries recorded for these recipients."
    parts = []
    for label, period in (
        (f"Before {MARK_YEAR}", table[table["year"] < MARK_YEAR]),
        (f"{MARK_YEAR} and after", table[table["year"] >= MARK_YEAR]),
    ):
        if period.empty:
            parts.append(f"{label}: none recorded")
            continue
        share = period.groupby("supplier")["tiv_millions"].sum().sort_values(ascending=False)
        total = share.sum()
        top = ", ".join(f"{name} {value / total:.0%}" for name, value in share.head(3).items())
        parts.append(f"{label} ({period['year'].min()}-{period['year'].max()}): "
                     f"{total:,.0f} million TIV; largest suppliers {top}")
    return "Major arms imports (SIPRI TIV). " + ". ".join(parts) + "."
