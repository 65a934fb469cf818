"""Coups per decade, UN voting agreement, V-Dem indices and Chinese investment figures.

Assertions on ``fig.data`` / ``fig.layout`` built from small hand-made tables, then once on the
course data (whose key numbers the lessons' quiz questions rely on).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from sahel_course import datasets, figures, geo
from sahel_course.figures._marks import spread
from sahel_course.figures.regime import INDICES
from sahel_course.palette import course_template


def assert_course_figure(fig: go.Figure) -> None:
    """Offline figure with the course template, titles, and no two legend entries alike."""
    assert isinstance(fig, figures.OfflineFigure)
    assert geo.topojson_data_url() in fig.to_html(include_plotlyjs=False)
    assert fig.layout.template == course_template()
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    looks = []
    for trace in fig.data:
        marker = trace.marker
        pattern = getattr(marker, "pattern", None)
        line = getattr(trace, "line", None)
        looks.append((
            marker.color, getattr(marker, "symbol", None), getattr(line, "dash", None),
            getattr(pattern, "shape", None),
        ))  # fmt: skip
    # each trace differs from the others by something other than its colour
    no_colour = [look[1:] for look in looks]
    assert len(set(no_colour)) == len(no_colour), looks


# --------------------------------------------------------------------------- coups by decade


def coups_frame() -> pd.DataFrame:
    rows = [("GHA", 1966, "successful"), ("MLI", 1968, "successful"), ("NER", 1974, "successful"),
            ("NER", 1976, "failed"), ("MLI", 1991, "successful"), ("MLI", 2012, "successful"),
            ("MLI", 2020, "successful"), ("MLI", 2021, "successful"), ("NER", 2023, "successful"),
            ("BFA", 2022, "failed")]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["iso3", "year", "outcome"])
    return frame.assign(country=frame["iso3"], date=pd.to_datetime(frame["year"].astype(str)))


def test_coups_by_decade_table_counts_every_decade() -> None:
    table = figures.coups_by_decade_table(coups_frame())
    assert list(table["decade"]) == [1960, 1970, 1980, 1990, 2000, 2010, 2020]
    assert set(table["outcome"]) == {"successful"}
    assert list(table["coups"]) == [2, 1, 0, 1, 0, 1, 3]
    assert list(table["label"])[-1] == "2020s (2020-2023)" and table["label"][0] == "1960s"
    both = figures.coups_by_decade_table(coups_frame(), outcome="all")
    assert len(both) == 14
    failed = both[both["outcome"] == "failed"].set_index("decade")["coups"]
    assert failed[1970] == 1 and failed[2020] == 1 and failed.sum() == 2


def test_coups_by_decade_region_and_countries() -> None:
    aes = figures.coups_by_decade_table(coups_frame(), region="aes")
    assert aes.set_index("decade")["coups"][1960] == 1  # Ghana is not an AES state
    mali = figures.coups_by_decade_table(coups_frame(), countries="mli", outcome="all")
    assert mali["coups"].sum() == 5
    # countries outside the region are dropped, not added
    assert figures.coups_by_decade_table(coups_frame(), region="aes", countries="GHA")[
        "coups"
    ].sum() == 0
    with pytest.raises(ValueError, match="region"):
        figures.coups_by_decade_table(coups_frame(), region="sahel")
    with pytest.raises(ValueError, match="outcome"):
        figures.coups_by_decade_table(coups_frame(), outcome="failed")


def test_plot_coups_by_decade_bars_differ_by_pattern_and_colour() -> None:
    fig = figures.plot_coups_by_decade(coups_frame(), outcome="all")
    assert [t.name for t in fig.data] == ["Successful coups", "Failed attempts"]
    assert [t.marker.pattern.shape for t in fig.data] == ["", "/"]
    assert fig.data[0].marker.color != fig.data[1].marker.color
    assert fig.data[0].x[-1] == "2020s (2020-2023)"
    assert list(fig.data[0].y) == [2, 1, 0, 1, 0, 1, 3]
    assert list(fig.data[0].text) == [2, 1, 0, 1, 0, 1, 3]  # counts readable without hover
    assert fig.layout.barmode == "group"
    assert "African states" in fig.layout.title.text
    assert_course_figure(fig)
    only = figures.plot_coups_by_decade(coups_frame(), countries=["MLI", "NER"])
    assert [t.name for t in only.data] == ["Successful coups"]
    assert "Mali, Niger" in only.layout.title.text


def test_describe_coups_by_decade() -> None:
    text = figures.describe_coups_by_decade(coups_frame(), outcome="all")
    assert "Successful coups: 1960s 2, 1970s 1" in text
    assert "2020s (2020-2023) 3; peak 3 in the 2020s (2020-2023)" in text
    assert "Failed attempts:" in text
    none = figures.describe_coups_by_decade(coups_frame(), countries="SEN")
    assert "no coup attempt" in none


# --------------------------------------------------------------------------- UN agreement


def agreement_frame() -> pd.DataFrame:
    rows = [("MLI", 1990, "RUS", 0.8, 10), ("MLI", 1991, "RUS", 0.6, 10),
            ("MLI", 1992, "RUS", 0.5, 20), ("MLI", 1990, "USA", 0.1, 10),
            ("MLI", 1991, "USA", 0.2, 10), ("MLI", 1992, "USA", 0.3, 20),
            ("MLI", 1991, "CHN", 0.9, 10), ("NER", 1992, "RUS", 1.0, 60),
            ("NER", 1992, "USA", 0.0, 60)]  # fmt: skip
    return pd.DataFrame(rows, columns=["iso3", "year", "partner", "agreement", "n_votes"])


def test_un_agreement_table_single_and_pooled() -> None:
    table = figures.un_agreement_table(agreement_frame(), partners=["USA", "RUS"])
    assert list(table["partner"]) == ["USA"] * 3 + ["RUS"] * 3
    assert list(table["agreement"]) == [0.1, 0.2, 0.3, 0.8, 0.6, 0.5]
    pooled = figures.un_agreement_table(agreement_frame(), iso3=["MLI", "NER"], partners="RUS")
    row = pooled[pooled["year"] == 1992].iloc[0]
    assert row["n_votes"] == 80 and row["agreement"] == pytest.approx((0.5 * 20 + 60) / 80)
    with pytest.raises(ValueError, match="partners"):
        figures.un_agreement_table(agreement_frame(), partners=["GBR"])


def test_plot_un_agreement_lines_and_ussr_note() -> None:
    fig = figures.plot_un_agreement(agreement_frame())
    assert [t.name for t in fig.data] == ["Russia (USSR before 1992)", "United States", "China"]
    assert len({t.line.dash for t in fig.data}) == 3
    assert len({t.marker.symbol for t in fig.data}) == 3
    russia = fig.data[0]
    assert list(russia.x) == [1990, 1991, 1992]
    assert [c[0] for c in russia.customdata] == ["USSR", "USSR", "Russia"]
    assert "%{customdata[0]}" in russia.hovertemplate
    notes = {a.text: a for a in fig.layout.annotations}
    # each line is named at its last point
    assert (notes["Russia/USSR"].x, notes["Russia/USSR"].y) == (1992, 0.5)
    assert (notes["China"].x, notes["China"].y) == (1991, 0.9)
    caption = fig.layout.annotations[-1].text
    assert "Soviet Union before 1992" in caption and "from 1971" in caption
    assert fig.layout.legend.orientation == "h"  # the right margin holds the end labels
    assert tuple(fig.layout.yaxis.range) == (0, 1.02)
    assert "0-1" in fig.layout.yaxis.title.text
    assert "Mali" in fig.layout.title.text and "1990-1992" in fig.layout.title.text
    assert_course_figure(fig)
    usa = figures.plot_un_agreement(agreement_frame(), partners="USA")
    assert "Soviet" not in usa.layout.annotations[-1].text


def test_describe_un_agreement() -> None:
    text = figures.describe_un_agreement(agreement_frame(), partners=["RUS", "USA"])
    assert "Russia (USSR before 1992) 0.80 in 1990, 0.50 in 1992, mean 0.63" in text
    assert "United States 0.10 in 1990, 0.30 in 1992" in text
    assert "Soviet Union before 1992" in text
    pooled = figures.describe_un_agreement(agreement_frame(), iso3=["MLI", "NER"])
    assert "Mali and Niger (pooled)" in pooled
    assert "no data" in figures.describe_un_agreement(agreement_frame(), iso3="SEN")


# --------------------------------------------------------------------------- V-Dem


def regime_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "iso3": ["BFA", "BFA", "MLI", "MLI", "NER", "NER"],
        "year": [2018, 2025] * 3,
        "electoral_democracy": [0.666, 0.134, 0.518, 0.164, 0.530, None],
        "civil_liberties": [0.8, 0.5, 0.7, 0.6, 0.75, 0.65],
    })  # fmt: skip


def test_regime_indices_table_order_and_missing() -> None:
    table = figures.regime_indices_table(regime_frame())
    assert list(table["iso3"]) == ["MLI", "MLI", "BFA", "BFA", "NER"]
    assert table["country"][0] == "Mali"
    with pytest.raises(ValueError, match="0-1 indices"):
        figures.regime_indices_table(regime_frame(), indicator="regime_type")


def test_plot_regime_indices_full_scale_and_labels() -> None:
    fig = figures.plot_regime_indices(regime_frame(), indicator="civil_liberties")
    assert [t.name for t in fig.data] == ["Mali", "Burkina Faso", "Niger"]
    assert [t.marker.symbol for t in fig.data] == ["circle", "square", "diamond"]  # course styles
    assert list(fig.data[1].y) == [0.8, 0.5]
    assert tuple(fig.layout.yaxis.range) == (0, 1.02)
    assert fig.layout.yaxis.title.text == "Civil liberties index<br>(0-1, 1 = most liberty)"
    assert "v2x_civlib" in fig.layout.annotations[-1].text
    ends = {a.text: a.y for a in fig.layout.annotations[:-1]}
    assert ends == {"Mali": 0.6, "Burkina Faso": 0.5, "Niger": 0.65}
    assert_course_figure(fig)


def test_end_labels_of_close_lines_are_spread_apart() -> None:
    assert spread([0.16, 0.13, 0.23], 0.05) == pytest.approx([0.18, 0.13, 0.23])
    assert spread([0.5, 0.1], 0.05) == [0.5, 0.1]


def test_describe_regime_indices() -> None:
    text = figures.describe_regime_indices(regime_frame(), countries=["MLI", "BFA"])
    assert "Burkina Faso 0.67 in 2018 and 0.13 in 2025 (-0.53)" in text
    assert "Largest fall: Burkina Faso (-0.53)" in text
    assert "no data" in figures.describe_regime_indices(regime_frame(), countries="SEN")


# --------------------------------------------------------------------------- China investment


def investment_frame() -> pd.DataFrame:
    rows = [("MLI", 2021, "Metals", 1, 130.0), ("NER", 2008, "Metals", 1, 190.0),
            ("NER", 2010, "Energy", 1, 4990.0), ("NER", 2012, "Metals", 2, 400.0),
            ("SEN", 2015, "Energy", 3, 900.0)]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["iso3", "year", "sector", "deals", "value_musd"])
    return frame.assign(country=frame["iso3"])


def test_china_investment_table_by_sector_and_year() -> None:
    table = figures.china_investment_table(investment_frame())
    assert list(zip(table["iso3"], table["sector"], table["deals"], strict=True)) == [
        ("MLI", "Metals", 1), ("NER", "Energy", 1), ("NER", "Metals", 3),
    ]  # fmt: skip
    assert table["value_musd"].tolist() == [130.0, 4990.0, 590.0]
    by_year = figures.china_investment_table(investment_frame(), countries="NER", by="year")
    assert list(by_year["year"]) == [2008, 2010, 2012]
    everyone = figures.china_investment_table(investment_frame(), countries=None)
    assert list(dict.fromkeys(everyone["iso3"])) == ["NER", "SEN", "MLI"]  # largest first
    with pytest.raises(ValueError, match="by must be"):
        figures.china_investment_table(investment_frame(), by="country")


def test_plot_china_investment_stacks_sectors_and_marks_empty_countries() -> None:
    fig = figures.plot_china_investment(investment_frame())
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["Energy", "Metals"]
    assert [t.marker.pattern.shape for t in fig.data] == ["", "/"]
    metals = fig.data[1]
    assert list(metals.x) == ["Mali", "Niger"] and list(metals.y) == [130.0, 590.0]
    assert metals.text == ("1 deal", "3 deals")
    assert list(fig.layout.xaxis.categoryarray) == ["Mali", "Burkina Faso", "Niger"]
    texts = {a.text: a for a in fig.layout.annotations}
    assert texts["no deal recorded"].x == "Burkina Faso"
    assert (texts["US$5,580m<br>4 deals"].x, texts["US$5,580m<br>4 deals"].y) == ("Niger", 5580)
    assert "millions of US$" in fig.layout.yaxis.title.text
    assert_course_figure(fig)
    yearly = figures.plot_china_investment(investment_frame(), by="year")
    assert [t.name for t in yearly.data] == ["Mali", "Niger"]
    assert list(yearly.data[1].x) == [2008, 2010, 2012]
    assert_course_figure(yearly)


def test_describe_china_investment() -> None:
    text = figures.describe_china_investment(investment_frame())
    assert "Mali 130 in 1 deal (Metals: 130)" in text
    assert "Burkina Faso: no deal recorded" in text
    assert "Niger 5,580 in 4 deals (Energy: 4,990 / Metals: 590)" in text
    assert "Total US$5,710 million in 5 deals" in text
    empty = investment_frame().iloc[0:0]
    assert "no deal recorded for these countries" in figures.describe_china_investment(
        empty, countries=None, by="year"
    )


# --------------------------------------------------------------------------- course data


def test_coups_by_decade_on_the_course_data() -> None:
    """The numbers quiz l03-coups-2020s relies on: 11 successful in 2020-2025, 25 in the 1960s."""
    table = figures.coups_by_decade_table(outcome="all").set_index(["decade", "outcome"])
    assert table.loc[(2020, "successful"), "coups"] == 11
    assert table.loc[(1960, "successful"), "coups"] == 25
    assert table.loc[(2020, "successful"), "label"] == "2020s (2020-2025)"
    fig = figures.plot_coups_by_decade(outcome="all")
    assert len(fig.data) == 2 and fig.data[0].y[-1] == 11
    assert "2020s (2020-2025) 11" in figures.describe_coups_by_decade(outcome="all")


def test_un_agreement_on_the_course_data() -> None:
    table = figures.un_agreement_table().set_index(["partner", "year"])
    assert table.loc[("RUS", 1965), "agreement"] == pytest.approx(0.75)
    assert table.loc[("CHN", 1971), "n_votes"] > 0 and ("CHN", 1970) not in table.index
    fig = figures.plot_un_agreement()
    assert len(fig.data) == 4
    assert "Mali voted the same way" in figures.describe_un_agreement()


def test_regime_indices_on_the_course_data() -> None:
    """The numbers quiz l08-vdem-fall relies on, and every 0-1 index the module offers."""
    columns = {f["name"]: f["description"]
               for r in datasets.catalogue()["resources"] if r["name"] == "regime_indices"
               for f in r["schema"]["fields"]}  # fmt: skip
    for indicator, (_, variable, _) in INDICES.items():
        assert "0-1" in columns[indicator] and variable in columns[indicator], indicator
    text = figures.describe_regime_indices()
    assert "Burkina Faso 0.67 in 2018 and 0.13 in 2025 (-0.53)" in text
    assert "Mali 0.52 in 2018 and 0.16 in 2025 (-0.35)" in text
    assert len(figures.plot_regime_indices().data) == 3


def test_china_investment_on_the_course_data() -> None:
    text = figures.describe_china_investment()
    assert "Niger 5,180 in 2 deals" in text and "Burkina Faso: no deal recorded" in text
    fig = figures.plot_china_investment()
    assert sum(len(t.x) for t in fig.data) == 3  # the three AES deals lesson 06 discusses
