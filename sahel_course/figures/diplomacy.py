"""UN General Assembly voting agreement with the major powers over time (Voeten's data)."""

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

#: partner code -> (legend name, country name = key of its style in ``palette.FIXED``,
#: label at the end of its line)
PARTNERS: dict[str, tuple[str, str, str]] = {
    "RUS": ("Russia (USSR before 1992)", "Russia", "Russia/USSR"),
    "USA": ("United States", "United States", "United States"),
    "FRA": ("France", "France", "France"),
    "CHN": ("China", "China", "China"),
}
#: First year in which the unvotes data counts Russia, not the USSR, as partner RUS.
RUSSIA_FROM = 1992
NOTES = {
    "RUS": "RUS is the Soviet Union before 1992 (Voeten's data codes the USSR and the Russian "
           "Federation as one member).",
    "CHN": "CHN is the People's Republic of China from 1971; earlier votes of the Republic of "
           "China are not counted.",
}  # fmt: skip


def _partners(partners: Iterable[str] | str) -> list[str]:
    codes = as_codes(partners) or []
    unknown = [code for code in codes if code not in PARTNERS]
    if unknown or not codes:
        raise ValueError(f"partners must be among {sorted(PARTNERS)}, not {unknown or codes}")
    return codes


def _where(iso3: Iterable[str] | str) -> str:
    names = country_names()
    listed = [names.get(code, code) for code in as_codes(iso3) or []]
    if len(listed) == 1:
        return listed[0]
    return ", ".join(listed[:-1]) + f" and {listed[-1]} (pooled)" if listed else "no country"


def un_agreement_table(
    agreement: pd.DataFrame | None = None,
    *,
    iso3: Iterable[str] | str = "MLI",
    partners: Iterable[str] | str = ("RUS", "USA", "FRA", "CHN"),
) -> pd.DataFrame:
    """Yearly share of UN General Assembly roll calls on which ``iso3`` voted like each partner.

    ``iso3`` is one ISO3 code or several; several are pooled: their same-vote counts and common
    roll calls are summed before dividing, so a country with more votes weighs more.
    ``partners`` are among ``RUS`` (the USSR before 1992), ``USA``, ``FRA`` and ``CHN`` (from
    1971). Columns: ``year`` (int), ``partner``, ``agreement`` (float, 0-1), ``n_votes`` (int,
    common roll calls); sorted by partner (in the order given), then year.
    """
    codes = _partners(partners)
    if agreement is None:
        from sahel_course.datasets import load_un_agreement

        agreement = load_un_agreement()
    rows = agreement[
        agreement["iso3"].isin(as_codes(iso3) or []) & agreement["partner"].isin(codes)
    ].dropna(subset=["agreement"])
    table = (
        rows.assign(partner=rows["partner"].astype(str), year=rows["year"].astype(int),
                    n_votes=rows["n_votes"].astype(int),
                    same=rows["agreement"] * rows["n_votes"].astype(float))
        .groupby(["partner", "year"], as_index=False)[["same", "n_votes"]].sum()
    )  # fmt: skip
    table["agreement"] = (table["same"] / table["n_votes"]).round(4)
    order = {code: i for i, code in enumerate(codes)}
    table = table.assign(_o=table["partner"].map(order)).sort_values(["_o", "year"])
    return table[["year", "partner", "agreement", "n_votes"]].reset_index(drop=True)


def plot_un_agreement(
    agreement: pd.DataFrame | None = None,
    *,
    iso3: Iterable[str] | str = "MLI",
    partners: Iterable[str] | str = ("RUS", "USA", "FRA", "CHN"),
) -> OfflineFigure:
    """One line per major power: how often ``iso3`` voted like it in the General Assembly.

    Powers keep their course-wide colour, dash and marker symbol and are named at the end of
    their line. The hover says "USSR" for RUS before 1992, and a caption under the plot says
    what RUS and CHN cover.
    """
    table = un_agreement_table(agreement, iso3=iso3, partners=partners)
    codes = [code for code in _partners(partners) if code in set(table["partner"])]
    styles = styles_for([PARTNERS[code][1] for code in codes])
    where = _where(iso3)
    fig = new_figure()
    ends = []
    for code in codes:
        rows = table[table["partner"] == code]
        name, style_key, short = PARTNERS[code]
        who = [("USSR" if code == "RUS" and year < RUSSIA_FROM else style_key)
               for year in rows["year"]]  # fmt: skip
        add_line(
            fig, rows["year"], rows["agreement"], name=name, style=styles[style_key],
            customdata=list(zip(who, rows["n_votes"], strict=True)), marker_size=5,
            hovertemplate=(f"{where}, %{{x}}: voted like %{{customdata[0]}} in %{{y:.0%}} of "
                           "%{customdata[1]} common roll calls<extra></extra>"),
        )  # fmt: skip
        ends.append((short, rows["year"].iloc[-1], rows["agreement"].iloc[-1]))
    label_line_ends(fig, ends, gap=0.05)
    span = f", {table['year'].min()}-{table['year'].max()}" if not table.empty else ""
    set_titles(
        fig, title=f"How often {where} voted like each major power at the UN{span}",
        x_title="Year", y_title="Agreement (share of common roll calls, 0-1)",
    )  # fmt: skip
    fig.update_yaxes(range=[0, 1.02], tick0=0, dtick=0.2)
    if not table.empty:  # annotations would otherwise widen the autorange
        fig.update_xaxes(range=[table["year"].min() - 0.5, table["year"].max() + 0.5])
    fig.update_layout(height=520)
    legend_on_top(fig, "Voted like")
    notes = " ".join(NOTES[code] for code in codes if code in NOTES)
    add_caption(fig, "UN General Assembly roll calls (Voeten). " + notes)
    return fig


def describe_un_agreement(
    agreement: pd.DataFrame | None = None,
    *,
    iso3: Iterable[str] | str = "MLI",
    partners: Iterable[str] | str = ("RUS", "USA", "FRA", "CHN"),
) -> str:
    """A plain-text summary of :func:`plot_un_agreement` (same arguments), for screen readers."""
    table = un_agreement_table(agreement, iso3=iso3, partners=partners)
    where = _where(iso3)
    if table.empty:
        return f"UN voting agreement of {where}: no data."
    parts = []
    for code, rows in table.groupby("partner", sort=False):
        first, last = rows.iloc[0], rows.iloc[-1]
        parts.append(
            f"{PARTNERS[code][0]} {first['agreement']:.2f} in {first['year']}, "
            f"{last['agreement']:.2f} in {last['year']}, mean {rows['agreement'].mean():.2f}"
        )
    return (
        f"Share of UN General Assembly roll calls on which {where} voted the same way as each "
        "power (0-1): "
        + "; ".join(parts)
        + ". "
        + " ".join(NOTES[code] for code in table["partner"].unique() if code in NOTES)
    )
