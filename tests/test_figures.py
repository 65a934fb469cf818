"""Figure builders: traces, names, marks, styles and summaries (no image comparisons)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from sahel_course import figures
from sahel_course.figures import maps
from sahel_course.palette import course_template, styles_for

SRC = "https://example.org/source"


def events_frame() -> pd.DataFrame:
    rows = [
        ("2020-08-18-mali-coup", "2020-08-18", "day", "Coup in Mali", "Officers seized power.",
         "MLI", "Mali", "coup"),
        ("2022-08-15-barkhane", "2022-08-15", "day", "Barkhane leaves Mali", "Last troops left.",
         "MLI", "France", "withdrawal"),
        ("2023-07-26-niger-coup", "2023-07-26", "day", "Coup in Niger", "The guard acted.",
         "NER", "Niger", "coup"),
        ("2023-12-01-russia-deal", "2023-12-01", "month", "Deal with Russia", "An agreement.",
         "BFA;NER", "Russia;Burkina Faso", "agreement"),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["event_id", "date", "date_precision", "title",
                                        "description", "countries", "actors", "category"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.assign(source_title="A source", source_url=SRC)


def assert_accessible(fig: go.Figure, *, cartesian: bool = True) -> None:
    """Title present, axis titles present, and no two legend entries look the same."""
    assert fig.layout.title.text
    assert fig.layout.template == course_template()
    if cartesian:
        assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    looks = []
    for trace in fig.data:
        if trace.showlegend is False or trace.type == "choropleth":
            continue  # choropleth categories are also written on the map (tested separately)
        marker = getattr(trace, "marker", None)
        line = getattr(trace, "line", None)
        pattern = getattr(marker, "pattern", None)
        looks.append((
            getattr(marker, "symbol", None), getattr(line, "dash", None),
            getattr(pattern, "shape", None),
        ))  # fmt: skip
        assert isinstance(trace.name, str)
    assert len(set(looks)) == len(looks), looks


# --------------------------------------------------------------------------- palette


def test_styles_for_gives_each_key_a_distinct_look() -> None:
    keys = ["France", "Russia", "a", "b", "c", "d", "e", "f", "g", "h"]
    styles = styles_for(keys)
    assert styles["France"].symbol == "square" and styles["Russia"].symbol == "diamond"
    assert len({(s.color, s.symbol) for s in styles.values()}) == len(keys)


# --------------------------------------------------------------------------- timeline


def test_timeline_one_trace_per_category_with_symbols_and_hover_source() -> None:
    fig = figures.plot_timeline(events_frame())
    assert [t.name for t in fig.data] == ["coup", "withdrawal", "agreement"]
    assert len({t.marker.symbol for t in fig.data}) == 3
    coup = fig.data[0]
    assert len(coup.x) == 2
    assert coup.customdata[0][3] == SRC and "Source" in coup.hovertemplate
    assert "2020-08-18" in coup.customdata[0][0]
    assert fig.data[2].customdata[0][0] == "2023-12"  # month precision shown as such
    assert_accessible(fig)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"actors": "Russia"}, ["2023-12-01-russia-deal"]),
        ({"categories": ["coup"]}, ["2020-08-18-mali-coup", "2023-07-26-niger-coup"]),
        ({"countries": "ner"}, ["2023-07-26-niger-coup", "2023-12-01-russia-deal"]),
        ({"start": "2022-01-01", "end": "2023-07-31"},
         ["2022-08-15-barkhane", "2023-07-26-niger-coup"]),
    ],
)  # fmt: skip
def test_timeline_filters(options: dict, expected: list[str]) -> None:
    assert list(figures.timeline_table(events_frame(), **options)["event_id"]) == expected
    fig = figures.plot_timeline(events_frame(), **options)
    assert sum(len(t.x) for t in fig.data) == len(expected)


def test_describe_timeline() -> None:
    text = figures.describe_timeline(events_frame())
    assert "4 events, 2020-2023" in text and "coup 2" in text
    assert "no event" in figures.describe_timeline(events_frame(), actors="Nobody")


# --------------------------------------------------------------------------- fatalities


def fatalities_frame() -> pd.DataFrame:
    rows = []
    for year in (2019, 2020, 2021):
        for iso3 in ("MLI", "NER"):
            for kind, deaths in (("state_based", 10), ("non_state", 5), ("one_sided", 1)):
                rows.append((iso3, iso3, year, kind, deaths * (year - 2018), 0, 0))
    return pd.DataFrame(rows, columns=["iso3", "country", "year", "violence_type",
                                       "deaths_best", "deaths_low", "deaths_high"])


def coups_frame() -> pd.DataFrame:
    frame = pd.DataFrame({"iso3": ["MLI", "MLI", "NER"], "country": ["Mali"] * 2 + ["Niger"],
                          "date": pd.to_datetime(["2020-08-18", "2021-02-01", "2010-02-18"]),
                          "year": [2020, 2021, 2010],
                          "outcome": ["successful", "failed", "successful"]})  # fmt: skip
    return frame


def test_fatalities_stacked_by_violence_type_with_patterns() -> None:
    fig = figures.plot_fatalities(fatalities_frame(), countries=("MLI", "NER"),
                                  coups=coups_frame(), events=events_frame(), first_year=2019)
    assert fig.layout.barmode == "stack"
    assert fig.data[0].name == "State-based conflict"
    assert len(fig.data) == 3
    assert list(fig.data[0].y) == [20, 40, 60]  # MLI + NER
    assert len({t.marker.pattern.shape for t in fig.data}) == 3
    assert_accessible(fig)


def test_fatalities_marks_coups_and_withdrawals() -> None:
    fig = figures.plot_fatalities(fatalities_frame(), countries=("MLI", "NER"),
                                  coups=coups_frame(), events=events_frame(), first_year=2019)
    labels = [a.text for a in fig.layout.annotations]
    # 2010 coup is before first_year, 2021 attempt failed: only the 2020 coup is a coup mark
    assert labels.count("Coup, Mali") == 1 and "Coup, Niger" not in labels
    assert "Barkhane leaves Mali" in labels
    dashes = {s.line.dash for s in fig.layout.shapes}
    assert dashes == {"solid", "dash"}
    bare = figures.plot_fatalities(fatalities_frame(), countries="MLI", mark_coups=False,
                                   mark_withdrawals=False, first_year=2019)
    assert not bare.layout.shapes and not bare.layout.annotations


def test_fatalities_by_country_and_bad_grouping() -> None:
    table = figures.fatalities_table(fatalities_frame(), countries=("MLI", "NER"), by="country",
                                     first_year=2019)
    assert set(table["group"]) == {"MLI", "NER"}
    assert table.loc[(table["year"] == 2019) & (table["group"] == "MLI"), "deaths"].item() == 16
    with pytest.raises(ValueError, match="by must be"):
        figures.fatalities_table(fatalities_frame(), by="actor")


def test_describe_fatalities_mentions_peak_and_marks() -> None:
    text = figures.describe_fatalities(fatalities_frame(), countries=("MLI", "NER"),
                                       coups=coups_frame(), events=events_frame(),
                                       first_year=2019)
    assert "highest in 2021 (96)" in text and "Successful coup in Mali, 2020-08-18" in text


# --------------------------------------------------------------------------- arms


def arms_frame() -> pd.DataFrame:
    rows = [("MLI", "Russia", 2019, 10.0), ("MLI", "Russia", 2021, 30.0),
            ("MLI", "France", 2018, 5.0), ("BFA", "Turkiye", 2022, 8.0),
            ("NER", "China", 2017, 2.0), ("NER", "Spain", 2016, 1.0),
            ("SEN", "France", 2016, 99.0)]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["recipient_iso3", "supplier", "year", "tiv_millions"])
    return frame.assign(recipient="x", supplier_iso3="x", armament_category="Aircraft")


def test_arms_imports_groups_small_suppliers_and_marks_2020() -> None:
    table = figures.arms_imports_table(arms_frame(), top_suppliers=2)
    assert set(table["supplier"]) == {"Russia", "Turkiye", "Other suppliers"}
    fig = figures.plot_arms_imports(arms_frame(), top_suppliers=2)
    assert [t.name for t in fig.data] == ["Russia", "Turkiye", "Other suppliers"]
    assert fig.layout.shapes[0].x0 == 2019.5 and fig.layout.annotations[0].text == "2020"
    assert_accessible(fig)
    text = figures.describe_arms_imports(arms_frame(), top_suppliers=2)
    assert "2020 and after (2021-2022): 38 million TIV" in text
    with pytest.raises(ValueError):
        figures.arms_imports_table(arms_frame(), top_suppliers=0)


# --------------------------------------------------------------------------- region map


def memberships_frame() -> pd.DataFrame:
    rows = [("ECOWAS", "MLI", "1975-05-28", "2025-01-29"), ("ECOWAS", "SEN", "1975-05-28", None),
            ("G5S", "MLI", "2014-12-19", "2022-06-30"), ("AES", "MLI", "2023-09-16", None),
            ("G5S", "TCD", "2014-12-19", None)]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["organisation", "iso3", "joined", "left"])
    frame["joined"] = pd.to_datetime(frame["joined"])
    frame["left"] = pd.to_datetime(frame["left"])
    return frame


def presence_frame() -> pd.DataFrame:
    rows = [("MLI", "France", "Barkhane", "2014-08-01", "2022-08-15", 5100),
            ("MLI", "Russia", "Africa Corps", "2025-06-06", None, None),
            ("NER", "United States", "Air Base 201", "2019-01-01", "2024-08-05", 1000)]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["host_iso3", "actor", "operation", "start", "end",
                                        "troops_max"])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    return frame.assign(troops_max=frame["troops_max"].astype("Int64"),
                        source_title="A source", source_url=SRC)


COUNTRIES = ("MLI", "SEN", "TCD", "NER")


@pytest.mark.parametrize(
    ("year", "mali"),
    [(2019, "ECOWAS + G5 Sahel"), (2023, "ECOWAS + AES"), (2025, "AES"), (1990, "ECOWAS")],
)
def test_membership_status_at_end_of_year(year: int, mali: str) -> None:
    table = figures.membership_table(year, memberships=memberships_frame(), countries=COUNTRIES)
    status = dict(zip(table["iso3"], table["status"], strict=True))
    assert status["MLI"] == mali
    assert status["NER"] == "None of these"


def test_region_map_membership_traces_and_labels() -> None:
    fig = figures.plot_region_map(2019, memberships=memberships_frame(), countries=COUNTRIES)
    names = [t.name for t in fig.data]
    assert names[:-1] == maps.membership_categories(memberships=memberships_frame(),
                                                    countries=COUNTRIES)
    by_name = {t.name: list(t.locations) for t in fig.data[:-1]}
    assert by_name["ECOWAS + G5 Sahel"] == ["MLI"] and by_name["G5 Sahel"] == ["TCD"]
    labels = fig.data[-1]
    assert labels.mode == "text" and "<b>MLI</b><br>ECOWAS·G5S" in labels.text
    assert fig.layout.geo.scope == "africa"
    assert "2019" in fig.layout.title.text
    assert_accessible(fig, cartesian=False)


def test_region_map_presence_markers_by_actor() -> None:
    fig = figures.plot_region_map(2021, layer="presence", presence=presence_frame(),
                                  countries=COUNTRIES)
    markers = {t.name: t for t in fig.data[1:-1]}
    assert set(markers) == {"France", "Russia", "United States"}
    assert len(markers["France"].lon) == 1 and len(markers["Russia"].lon) == 0
    assert markers["France"].text == ("France",)
    assert markers["France"].marker.symbol != markers["United States"].marker.symbol
    assert "Barkhane" in markers["France"].hovertext[0]
    assert_accessible(fig, cartesian=False)
    later = figures.plot_region_map(2025, layer="presence", presence=presence_frame(),
                                    countries=COUNTRIES)
    assert [len(t.lon) for t in later.data[1:-1]] == [0, 1, 0]  # same traces, new positions
    with pytest.raises(ValueError, match="layer"):
        figures.plot_region_map(2021, layer="bases")


def test_describe_region_map() -> None:
    text = figures.describe_region_map(2025, memberships=memberships_frame(), countries=COUNTRIES)
    assert "AES: Mali" in text and "ECOWAS: Senegal" in text
    text = figures.describe_region_map(2020, layer="presence", presence=presence_frame(),
                                       countries=COUNTRIES)
    assert "Mali: France" in text and "Niger: United States" in text
    assert figures.region_map_table(2020, layer="presence", presence=presence_frame(),
                                    countries=COUNTRIES).shape[0] == 2


# --------------------------------------------------------------------------- UN votes


def votes_frame() -> pd.DataFrame:
    rows = [("MLI", "Mali", "abstain"), ("NER", "Niger", "yes"), ("ERI", "Eritrea", "no"),
            ("BFA", "Burkina Faso", "non_voting"), ("FRA", "France", "yes")]
    frame = pd.DataFrame(rows, columns=["iso3", "country", "vote"])
    return frame.assign(resolution="A/RES/ES-11/1", date=pd.Timestamp("2022-03-02"),
                        title="Aggression against Ukraine")


def test_un_votes_map_legend_counts_and_letters() -> None:
    fig = figures.plot_un_votes_map("ES-11/1", votes=votes_frame())
    assert [t.name for t in fig.data[:4]] == ["Yes (1)", "No (1)", "Abstained (1)",
                                              "Did not vote (1)"]  # France is not African
    letters = dict(zip(fig.data[4].lon, fig.data[4].text, strict=True))
    assert sorted(letters.values()) == ["A", "N", "Y", "–"]
    assert "02 March 2022" in fig.layout.title.text
    assert figures.un_votes_table(votes=votes_frame(), countries=["FRA"])["vote"].item() == "yes"
    assert "Abstained (1): Mali" in figures.describe_un_votes_map(votes=votes_frame())
    with pytest.raises(ValueError, match="unknown resolution"):
        figures.un_votes_table("ES-11/4", votes=votes_frame())


# --------------------------------------------------------------------------- economy


def economy_frame() -> pd.DataFrame:
    rows = [(iso3, year, 1000 * (i + 1) + year, 500.0 + year - 2000)
            for i, iso3 in enumerate(("MLI", "BFA", "NER")) for year in (1999, 2000, 2010)]
    frame = pd.DataFrame(rows, columns=["iso3", "year", "population", "gdp_per_capita_usd"])
    return frame.assign(country=frame["iso3"], gdp_usd=1.0, gdp_per_capita_ppp_2011=None)


def test_economy_lines_have_dashes_symbols_and_end_labels() -> None:
    fig = figures.plot_economy("gdp_per_capita_usd", economy=economy_frame())
    assert [t.name for t in fig.data] == ["MLI", "BFA", "NER"]
    assert len({t.line.dash for t in fig.data}) == 3
    assert list(fig.data[0].x) == [2000, 2010]
    assert fig.data[0].text == ("", "MLI")
    assert "US$" in fig.layout.yaxis.title.text
    assert_accessible(fig)
    assert "MLI 500 in 2000 and 510 in 2010" in figures.describe_economy(
        "gdp_per_capita_usd", economy=economy_frame())
    with pytest.raises(ValueError, match="indicator"):
        figures.plot_economy("gdp", economy=economy_frame())


def test_china_finance_keeps_aes_states_beyond_the_top() -> None:
    frame = pd.DataFrame({"iso3": ["AGO", "EGY", "MLI", "NER"],
                          "country": ["Angola", "Egypt", "Mali", "Niger"],
                          "commitments_bn_usd_2021": [60.0, 20.0, 1.0, None]})
    table = figures.china_finance_table(frame, top=1)
    assert list(table["iso3"]) == ["AGO", "MLI"] and list(table["rank"]) == [1, 3]
    fig = figures.plot_china_finance(frame, top=1)
    aes = fig.data[1]
    assert aes.marker.pattern.shape == "/" and aes.y == ("Mali (AES)",)
    assert "Mali 1.00 bn (rank 3)" in figures.describe_china_finance(frame, top=1)


def test_resource_projects_markers_by_commodity() -> None:
    frame = pd.DataFrame({
        "project_id": ["a", "b"], "project": ["Gold mine", "Pipeline"], "iso3": ["MLI", "NER;BEN"],
        "commodity": ["gold", "oil"], "operator": ["X", "Y"], "operator_country": ["MLI", "CHN"],
        "start_year": pd.array([2010, None], dtype="Int64"), "status": ["operating", "closed"],
        "status_date": pd.to_datetime(["2024-01-01", "2025-06-01"]),
        "status_precision": ["day", "month"], "status_note": ["n1", "n2"],
        "source_title": ["s", "s"], "source_url": [SRC, SRC],
    })  # fmt: skip
    fig = figures.plot_resource_projects(frame, countries="BEN")
    assert [t.name for t in fig.data][2:] == ["oil"]
    assert fig.data[2].y == ("Pipeline (NER, BEN)",) and fig.data[2].text == ("closed",)
    fig = figures.plot_resource_projects(frame)
    assert len(fig.data[1].x) == 1  # only the gold mine has a start year
    assert "Pipeline (oil): closed, 2025-06" in figures.describe_resource_projects(frame)


# --------------------------------------------------------------------------- real data


@pytest.mark.parametrize(
    ("plot", "describe"),
    [
        (lambda: figures.plot_timeline(), lambda: figures.describe_timeline()),
        (lambda: figures.plot_fatalities(), lambda: figures.describe_fatalities()),
        (lambda: figures.plot_arms_imports(), lambda: figures.describe_arms_imports()),
        (lambda: figures.plot_region_map(2024), lambda: figures.describe_region_map(2024)),
        (lambda: figures.plot_region_map(2022, layer="presence"),
         lambda: figures.describe_region_map(2022, layer="presence")),
        (lambda: figures.plot_un_votes_map(), lambda: figures.describe_un_votes_map()),
        (lambda: figures.plot_economy("population"),
         lambda: figures.describe_economy("population")),
        (lambda: figures.plot_china_finance(), lambda: figures.describe_china_finance()),
        (lambda: figures.plot_resource_projects(), lambda: figures.describe_resource_projects()),
    ],
)  # fmt: skip
def test_every_builder_on_the_course_data(plot, describe) -> None:  # type: ignore[no-untyped-def]
    fig = plot()
    assert isinstance(fig, go.Figure) and len(fig.data) >= 2
    assert fig.layout.title.text
    assert len(describe()) > 40
