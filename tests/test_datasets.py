"""The shipped tables: schema validity, sources, typed loaders, cross-table agreement, errors."""

from __future__ import annotations

import datetime as dt
import filecmp
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from sahel_course import datasets

REPO = Path(__file__).resolve().parent.parent
RAW = REPO.parent / "shared" / "data"
DATA = Path(str(resources.files("sahel_course") / "data"))
CATALOGUE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
TABLES = {res["name"]: res for res in CATALOGUE["resources"] if res.get("format") == "csv"}
CURATED = ["events", "memberships", "foreign_presence", "resource_projects"]
DTYPES = {
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "date": "datetime64[ns]",
    "string": "string",
}
COUP_COUNTRIES = {"MLI", "BFA", "NER", "GIN", "TCD", "GAB"}
# Powell & Thyne date Mali's second coup 21 May 2021; officers detained President Bah Ndaw and
# Prime Minister Moctar Ouane on 24 May 2021 (The Conversation via Diplomatic Times,
# https://diplomatictimes.net/2021/05/27; AFP via Capital FM,
# https://www.capitalfm.co.ke/news/2021/05/mali-timeline-two-coups-in-nine-months/).
# The event table uses the day of the detentions; the coup table keeps the source's coding.
COUP_DATE_DIFFERENCES = {("MLI", "2021-05-21"): "2021-05-24"}
needs_raw = pytest.mark.skipif(
    not RAW.is_dir(), reason="raw data ../shared/data is not beside the clone (e.g. on Binder)"
)


def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_data", REPO / "scripts" / "build_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Clear the loaders' parse caches before and after a test that fakes the data files."""
    caches = (datasets._catalogue, datasets._read_table, datasets._country_names)
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()


# --------------------------------------------------------------------------- catalogue


def test_catalogue_validates_with_frictionless() -> None:
    """Every table is valid against its Table Schema (types, enums, required, primary keys)."""
    from frictionless import validate

    report = validate(str(DATA / "datapackage.json"))
    problems = [
        f"{task.name}: {error.message}" for task in report.tasks for error in task.errors[:5]
    ]
    assert report.valid, "\n".join(problems + [error.message for error in report.errors])


def test_catalogue_lists_exactly_the_shipped_files() -> None:
    shipped = {path.name for path in DATA.iterdir() if not path.name.startswith(".")}
    listed = {res["path"] for res in CATALOGUE["resources"]} | {"datapackage.json"}
    assert shipped == listed


@pytest.mark.parametrize("resource", CATALOGUE["resources"], ids=lambda res: res["name"])
def test_every_resource_has_provenance_and_licence(resource: dict) -> None:
    for key in ("name", "path", "title", "description", "sources", "licenses"):
        assert resource.get(key), f"{resource['name']} lacks {key}"
    for source in resource["sources"]:
        assert source["title"] and source["path"] and source["publisher"] and source["accessed"]
        dt.date.fromisoformat(source["accessed"])
    for licence in resource["licenses"]:
        assert licence["name"] and licence["title"] and licence["path"].startswith("http")
    if resource.get("format") == "csv":
        assert resource["schema"]["missingValues"] == [""]
        assert all(field.get("description") for field in resource["schema"]["fields"])


def test_data_as_of_is_the_catalogue_date() -> None:
    assert dt.date.fromisoformat(datasets.DATA_AS_OF)
    assert CATALOGUE["created"].startswith(datasets.DATA_AS_OF)


def test_list_tables_has_one_loader_each() -> None:
    loaders = {name[len("load_") :] for name in dir(datasets) if name.startswith("load_")}
    assert set(datasets.list_tables()) == loaders == set(TABLES)


def test_catalogue_returns_a_copy() -> None:
    datasets.catalogue()["resources"].clear()
    assert datasets.catalogue()["resources"]


def test_citation_names_source_licence_and_date() -> None:
    text = datasets.citation("coups")
    assert "Powell" in text and "Licence" in text and datasets.DATA_AS_OF in text
    assert "SIPRI" in datasets.citation("arms_imports")


def test_citation_of_unknown_table_suggests_a_name() -> None:
    with pytest.raises(ValueError, match="did you mean coups"):
        datasets.citation("coup")


# --------------------------------------------------------------------------- loaders


@pytest.mark.parametrize("table", sorted(TABLES))
def test_loader_returns_documented_columns_and_dtypes(table: str) -> None:
    loader = getattr(datasets, f"load_{table}")
    frame = loader()
    fields = TABLES[table]["schema"]["fields"]
    assert list(frame.columns) == [field["name"] for field in fields]
    for field in fields:
        expected = "category" if field.get("constraints", {}).get("enum") else DTYPES[field["type"]]
        assert str(frame[field["name"]].dtype) == expected, field["name"]
        assert f"``{field['name']}``" in loader.__doc__, f"{field['name']} not in the docstring"


@pytest.mark.parametrize("table", sorted(TABLES))
def test_required_columns_have_no_missing_values(table: str) -> None:
    frame = getattr(datasets, f"load_{table}")()
    for field in TABLES[table]["schema"]["fields"]:
        if field.get("constraints", {}).get("required"):
            assert frame[field["name"]].notna().all(), field["name"]


def test_loaders_return_a_fresh_copy() -> None:
    first = datasets.load_coups()
    first.loc[:, "country"] = "changed"
    assert (datasets.load_coups()["country"] != "changed").all()


def test_loading_every_table_is_fast(fresh_caches: None) -> None:
    start = time.perf_counter()
    for table in datasets.list_tables():
        getattr(datasets, f"load_{table}")()
    assert time.perf_counter() - start < 1.0


def test_importing_datasets_does_not_import_pandas() -> None:
    code = "import sys, sahel_course.datasets as d; d.DATA_AS_OF; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_country_groups() -> None:
    countries = datasets.load_countries().set_index("iso3")
    assert set(countries.index[countries["aes"]]) == {"BFA", "MLI", "NER"}
    assert countries["ecowas_2023"].sum() == 15
    assert set(countries.index[countries["g5_sahel"]]) == {"BFA", "MLI", "MRT", "NER", "TCD"}
    assert countries["africa"].sum() == 55
    assert countries.loc["MLI", "gw_code"] == 432


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("coups", "iso3"),
        ("fatalities", "iso3"),
        ("arms_imports", "recipient_iso3"),
        ("economy", "iso3"),
        ("un_agreement", "iso3"),
        ("china_investment", "iso3"),
        ("regime_indices", "iso3"),
        ("trade_russia_ukraine", "importer_iso3"),
        ("memberships", "iso3"),
        ("foreign_presence", "host_iso3"),
        ("resource_projects", "iso3"),
    ],
)
def test_country_codes_are_known(table: str, column: str) -> None:
    known = set(datasets.load_countries()["iso3"])
    codes = set(getattr(datasets, f"load_{table}")()[column].str.split(";").explode())
    assert codes <= known, sorted(codes - known)


def test_un_votes_cover_all_members_and_official_totals() -> None:
    votes = datasets.load_un_votes()
    counts = votes.groupby(["resolution", "vote"], observed=True).size().to_dict()
    assert counts[("A/RES/ES-11/1", "yes")] == 141
    assert counts[("A/RES/ES-11/1", "no")] == 5
    assert counts[("A/RES/68/262", "yes")] == 100
    assert votes.groupby("resolution", observed=True)["iso3"].nunique().eq(193).all()


# --------------------------------------------------------------------------- curated rows


@pytest.mark.parametrize("table", CURATED)
def test_curated_rows_have_sources(table: str) -> None:
    frame = getattr(datasets, f"load_{table}")()
    no_title = frame[frame["source_title"].fillna("").str.strip() == ""]
    bad_url = frame[~frame["source_url"].fillna("").str.match(r"^https?://\S+$")]
    assert no_title.empty, no_title.iloc[:, 0].tolist()
    assert bad_url.empty, bad_url.iloc[:, 0].tolist()


def _matches(event_date: pd.Timestamp, change: pd.Timestamp, precision: str) -> bool:
    if precision == "year":
        return event_date.year == change.year
    if precision == "month":
        return (event_date.year, event_date.month) == (change.year, change.month)
    return abs((event_date - change).days) <= 3


def test_every_aes_and_ecowas_membership_change_has_an_event() -> None:
    events = datasets.load_events()
    events = events[events["category"] == "organisation"]
    spells = datasets.load_memberships()
    spells = spells[spells["organisation"].isin(["AES", "ECOWAS"])]
    missing = []
    for spell in spells.itertuples():
        changes = [("joined", spell.joined, spell.joined_precision)]
        if pd.notna(spell.left):
            changes.append(("left", spell.left, spell.left_precision))
        for kind, when, precision in changes:
            found = any(
                spell.iso3 in event.countries.split(";") and _matches(event.date, when, precision)
                for event in events.itertuples()
            )
            if not found:
                missing.append(f"{spell.organisation} {spell.iso3} {kind} {when.date()}")
    assert not missing, "membership changes without an organisation event:\n" + "\n".join(missing)


def test_recent_successful_coups_and_coup_events_agree() -> None:
    since = pd.Timestamp("2020-01-01")
    coups = datasets.load_coups()
    coups = coups[
        (coups["outcome"] == "successful")
        & coups["iso3"].isin(COUP_COUNTRIES)
        & (coups["date"] >= since)
    ]
    expected = {
        (
            row.iso3,
            COUP_DATE_DIFFERENCES.get((row.iso3, f"{row.date.date()}"), f"{row.date.date()}"),
        )
        for row in coups.itertuples()
    }
    events = datasets.load_events()
    events = events[(events["category"] == "coup") & (events["date"] >= since)]
    recorded = {
        (iso3, f"{event.date.date()}")
        for event in events.itertuples()
        for iso3 in event.countries.split(";")
        if iso3 in COUP_COUNTRIES
    }
    assert sorted(expected - recorded) == [], "coups without a coup event"
    assert sorted(recorded - expected) == [], "coup events without a successful coup in coups"


# --------------------------------------------------------------------------- errors


def test_unknown_code_raises_with_suggestions() -> None:
    with pytest.raises(datasets.UnknownCountryError, match=r"'Mali'.*MLI \(Mali\)"):
        datasets.check_iso3("Mali")
    with pytest.raises(ValueError, match="'XKX'"):
        datasets.country_name("XKX")
    assert datasets.check_iso3(" mli ") == "MLI"
    assert datasets.country_name("NER") == "Niger"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "is missing"),
        ("iso3,when\nMLI,2020-08-18\n", "has columns"),
        ("iso3,country,date,year,outcome\nMLI,Mali,2020-18-08,2020,successful\n", "schema"),
        ("iso3,country,date,year,outcome\nMLI,Mali,2020-08-18,2020,won\n", "schema"),
        ('iso3,country,date,year,outcome\n"MLI,Mali\n', "readable CSV"),
    ],
    ids=["missing", "wrong-columns", "bad-date", "bad-category", "broken-quote"],
)
def test_corrupt_table_raises_data_file_error(
    content: str | None,
    problem: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fresh_caches: None,
) -> None:
    broken = tmp_path / "coups.csv"
    if content is not None:
        broken.write_text(content, encoding="utf-8")
    real = datasets._data_file
    monkeypatch.setattr(
        datasets, "_data_file", lambda name: broken if name == "coups.csv" else real(name)
    )
    with pytest.raises(datasets.DataFileError, match=problem) as caught:
        datasets.load_coups()
    assert "coups.csv" in str(caught.value) and "scripts/build_data.py" in str(caught.value)


def test_corrupt_catalogue_raises_data_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    broken = tmp_path / "datapackage.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(datasets, "_data_file", lambda name: broken)
    with pytest.raises(datasets.DataFileError, match=r"datapackage\.json.*reinstall"):
        datasets.list_tables()


# --------------------------------------------------------------------------- build script


def test_malformed_curated_row_is_reported_with_file_and_line(tmp_path: Path) -> None:
    build = _load_build_script()
    header = ",".join(field["name"] for field in build.TABLES["events"]["fields"])
    row = "2020-08-18-mali-coup,2020-08-18,day,Coup,Text.,MLI,Mali,putsch,Title,https://x.org/a"
    (tmp_path / "events_test.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match=r"events_test\.csv:2: category 'putsch'"):
        build.read_curated(tmp_path, "events", "events*.csv", {"MLI"})
    (tmp_path / "events_test.csv").write_text(f"{header}\n{row.replace('putsch', 'coup')}\n")
    assert len(build.read_curated(tmp_path, "events", "events*.csv", {"MLI"})) == 1
    bad_url = row.replace("putsch", "coup").replace("https://x.org/a", "x.org")
    (tmp_path / "events_test.csv").write_text(f"{header}\n{bad_url}\n")
    with pytest.raises(build.BuildError, match=r"source_url 'x\.org'"):
        build.read_curated(tmp_path, "events", "events*.csv", {"MLI"})


@needs_raw
@pytest.mark.slow
def test_build_is_deterministic_and_shipped_data_is_current(tmp_path: Path) -> None:
    curated = shutil.copytree(REPO / "scripts" / "curated", tmp_path / "curated")  # a snapshot
    outputs = [tmp_path / "first", tmp_path / "second"]
    for out in outputs:
        script = str(REPO / "scripts" / "build_data.py")
        command = [sys.executable, script, "--curated", str(curated), "--out", str(out)]
        subprocess.run(command, check=True, capture_output=True)
    names = sorted(path.name for path in outputs[0].iterdir())
    _, different, errors = filecmp.cmpfiles(*outputs, names, shallow=False)
    assert different == [] and errors == []
    _, stale, errors = filecmp.cmpfiles(outputs[0], DATA, names, shallow=False)
    assert stale == [] and errors == [], "run `python scripts/build_data.py` and commit the output"


def test_event_ids_start_with_their_date() -> None:
    events = datasets.load_events()
    bad = [
        row.event_id
        for row in events.itertuples()
        if not re.match(rf"^{row.date.date()}-", row.event_id)
    ]
    assert bad == []
