"""Rebuild the shipped data tables and their Frictionless catalogue.

Reads the raw public files (``../shared/data`` beside the repository, or ``--raw DIR``) and the
hand-curated CSVs in ``scripts/curated/``; writes small, tidy, sorted CSVs and
``datapackage.json`` to ``sahel_course/data/`` (or ``--out DIR``). The output is deterministic: a
re-run on the same inputs gives byte-identical files.

Usage::

    python scripts/build_data.py [--raw DIR] [--curated DIR] [--out DIR]

The table layouts, descriptions and licences live in ``scripts/catalogue_spec.py``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalogue_spec import (
    AES,
    DATA_AS_OF,
    ECOWAS_2023,
    G5_SAHEL,
    PARTNERS,
    SAHEL_FOCUS,
    TABLES,
    build_catalogue,
)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_RAW = REPO.parent / "shared" / "data"
DEFAULT_CURATED = REPO / "scripts" / "curated"
DEFAULT_OUT = REPO / "sahel_course" / "data"

RAW = {
    "crosswalk": "reference/country_codes_crosswalk_country_converter_1.3.2.csv",
    "coups": "coups/powell_thyne_coups_V2026.01.13.csv",
    "ucdp": "conflict/ucdp_organized_violence_country_year_v25_1_africa.csv",
    "sipri": "arms/sipri_arms_transfers_to_africa_deliveries_2000_2023.csv",
    "population": "economy/worldbank_population_SP.POP.TOTL_africa_partners.csv",
    "gdp": "economy/worldbank_gdp_current_usd_NY.GDP.MKTP.CD_africa_partners.csv",
    "maddison": "economy/owid_maddison2023_gdp_per_capita_africa_partners_1950_2022.csv",
    "ukraine_votes": "un_votes/unga_ukraine_resolutions_68-262_ES-11-1_votes_by_country.csv",
    "rc_votes": "un_votes/unvotes_roll_call_votes_africa_majorpowers_1960_2019.csv",
    "roll_calls": "un_votes/unvotes_roll_calls_1960_2019.csv",
    "aiddata": "china/aiddata_gcdf3_chinese_dev_finance_commitments_by_country_2000_2021.csv",
    "aei": "china/aei_cgit_chinese_investment_energy_chemicals_metals_africa_2005_2021.csv",
    "vdem": "politics/vdem_v16_regime_indices_mali_bfa_niger_2018_2025.csv",
    "trade": "trade/one_baci_russia_ukraine_exports_to_african_countries_2018_2020avg.csv",
}

# Source spellings that differ from the crosswalk's short names.
NAME_FIXES = {
    "Bosnia-Herzegovina": "BIH",
    "Congo": "COG",
    "Cote d'Ivoire": "CIV",
    "Democratic Republic of the Congo": "COD",
    "DR Congo (Zaire)": "COD",
    "eSwatini": "SWZ",
    "Ivory Coast": "CIV",
    "Libya GNC": "LBY",
    "Sao Tome": "STP",
    "Turkiye": "TUR",
    "UAE": "ARE",
}
# Votes from UNGA roll calls use ISO2; the crosswalk writes the UK as a regex.
ISO2_FIXES = {"GB": "GBR"}
UN_PARTNERS = {"US": "USA", "RU": "RUS", "FR": "FRA", "CN": "CHN"}
VDEM_COLUMNS = {
    "v2x_polyarchy": "electoral_democracy",
    "v2x_libdem": "liberal_democracy",
    "v2x_partipdem": "participatory_democracy",
    "v2x_delibdem": "deliberative_democracy",
    "v2x_egaldem": "egalitarian_democracy",
    "v2x_regime": "regime_type",
    "v2x_regime_amb": "regime_type_ambiguous",
    "v2x_civlib": "civil_liberties",
    "v2xcl_rol": "equality_before_law_liberty",
    "v2x_rule": "rule_of_law",
    "v2cscnsult": "cso_consultation",
    "v2csprtcpt": "cso_participatory_environment",
    "v2x_jucon": "judicial_constraints",
    "v2x_neopat": "neopatrimonialism",
    "v2caviol": "political_violence",
}
VIOLENCE_TYPES = {"sb": "state_based", "ns": "non_state", "os": "one_sided"}

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL = re.compile(r"^https?://\S+$")
ISO3_LIST = re.compile(r"^[A-Z]{3}(;[A-Z]{3})*$")


class BuildError(Exception):
    """A raw or curated input cannot be turned into a shipped table."""


# --------------------------------------------------------------------------- helpers


def read_raw(raw: Path, key: str, **kwargs: object) -> pd.DataFrame:
    """Read one raw CSV as strings (``NA`` is Namibia, never a missing value)."""
    path = raw / RAW[key]
    if not path.exists():
        raise BuildError(f"raw file missing: {path} (see ../shared/data/PROVENANCE.md)")
    return pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)


def to_iso3(names: Iterable[str], lookup: dict[str, str], what: str) -> list[str]:
    """Map source country names to ISO3; raise on a name we cannot place."""
    out = []
    for name in names:
        code = NAME_FIXES.get(name) or lookup.get(name)
        if code is None:
            raise BuildError(
                f"{what}: no ISO3 code for country name {name!r}; add it to NAME_FIXES"
            )
        out.append(code)
    return out


def format_column(values: pd.Series, field: dict) -> pd.Series:
    """Render one column as text for its Table Schema type (fixed, locale-free formats)."""
    kind = field["type"]

    def fmt(value: object) -> str:
        if isinstance(value, str) and value == "":
            return ""
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if kind == "integer":
            return str(int(value))
        if kind == "number":
            return f"{float(value):.{field.get('decimals', 2)}f}"
        if kind == "boolean":
            return "true" if value else "false"
        if kind == "date":
            return value if isinstance(value, str) else value.strftime("%Y-%m-%d")
        return str(value)

    return values.map(fmt)


def write_table(frame: pd.DataFrame, name: str, out: Path) -> None:
    """Sort by the table's sort keys, format and write ``<name>.csv`` with ``\\n`` line ends."""
    spec = TABLES[name]
    columns = [field["name"] for field in spec["fields"]]
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise BuildError(f"{name}: builder did not produce columns {missing}")
    frame = frame[columns].sort_values(spec["sort"], kind="mergesort").reset_index(drop=True)
    key = spec.get("primaryKey")
    if key and frame.duplicated(key).any():
        dupes = frame.loc[frame.duplicated(key, keep=False), key].head(5).to_dict("records")
        raise BuildError(f"{name}: duplicate primary key {key}: {dupes}")
    text = pd.DataFrame(
        {field["name"]: format_column(frame[field["name"]], field) for field in spec["fields"]}
    )
    text.to_csv(out / f"{name}.csv", index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


# --------------------------------------------------------------------------- reference


def build_countries(raw: Path) -> pd.DataFrame:
    """African states (plus Western Sahara) and the partner states, with course group flags."""
    codes = read_raw(raw, "crosswalk")
    africa = codes[
        (codes["continent"] == "Africa") & ((codes["GWcode"] != "") | (codes["ISO3"] == "ESH"))
    ]
    partners = codes[codes["ISO3"].isin(PARTNERS)]
    frame = pd.concat([africa, partners])
    out = pd.DataFrame(
        {
            "iso3": frame["ISO3"],
            "name": frame["name_short"],
            "iso_numeric": frame["ISOnumeric"].astype(int),
            "gw_code": pd.to_numeric(frame["GWcode"]).astype("Int64"),
            "africa": frame["continent"] == "Africa",
            "west_africa": frame["UNregion"] == "Western Africa",
        }
    )
    for flag, members in {
        "aes": AES,
        "ecowas_2023": ECOWAS_2023,
        "g5_sahel": G5_SAHEL,
        "sahel_focus": SAHEL_FOCUS,
    }.items():
        out[flag] = out["iso3"].isin(members)
    if len(out[out["africa"]]) != 55:
        raise BuildError(f"countries: expected 54 African states + ESH, got {out['africa'].sum()}")
    return out


def crosswalk_lookups(raw: Path) -> tuple[dict[str, str], dict[str, str], dict[int, str]]:
    """Name -> ISO3, ISO2 -> ISO3 and GW code -> ISO3 maps from the crosswalk."""
    codes = read_raw(raw, "crosswalk")
    by_name = dict(zip(codes["name_short"], codes["ISO3"], strict=True))
    by_iso2 = {iso2: iso3 for iso2, iso3 in zip(codes["ISO2"], codes["ISO3"], strict=True) if iso2}
    by_iso2.update(ISO2_FIXES)
    by_gw = {int(gw): iso3 for gw, iso3 in zip(codes["GWcode"], codes["ISO3"], strict=True) if gw}
    return by_name, by_iso2, by_gw


# --------------------------------------------------------------------------- derived tables


def build_coups(raw: Path, countries: pd.DataFrame, by_gw: dict[int, str]) -> pd.DataFrame:
    """Powell & Thyne coup attempts in Africa, one row per attempt."""
    coups = read_raw(raw, "coups")
    african = set(countries.loc[countries["africa"], "iso3"])
    coups["iso3"] = coups["ccode"].astype(int).map(by_gw)
    coups = coups[coups["iso3"].isin(african)].copy()
    coups["date"] = pd.to_datetime(
        coups[["year", "month", "day"]].astype(int), errors="raise"
    ).dt.strftime("%Y-%m-%d")
    coups["year"] = coups["year"].astype(int)
    coups["outcome"] = coups["coup"].map({"2": "successful", "1": "failed"})
    if coups["outcome"].isna().any():
        raise BuildError("coups: unexpected value in the 'coup' column (expected 1 or 2)")
    names = countries[["iso3", "name"]].rename(columns={"name": "country"})
    return coups.drop(columns="country").merge(names, on="iso3")


def build_fatalities(raw: Path, countries: pd.DataFrame, by_gw: dict[int, str]) -> pd.DataFrame:
    """UCDP organized-violence deaths, long format by violence type."""
    ucdp = read_raw(raw, "ucdp")
    ucdp["iso3"] = ucdp["country_id_cy"].astype(int).map(by_gw)
    if ucdp["iso3"].isna().any():
        unknown = sorted(set(ucdp.loc[ucdp["iso3"].isna(), "country_cy"]))
        raise BuildError(f"fatalities: no ISO3 for UCDP countries {unknown}")
    parts = []
    for prefix, label in VIOLENCE_TYPES.items():
        part = ucdp[["iso3", "year_cy"]].rename(columns={"year_cy": "year"})
        part["violence_type"] = label
        for estimate in ("best", "low", "high"):
            part[f"deaths_{estimate}"] = ucdp[f"{prefix}_total_deaths_{estimate}_cy"].astype(int)
        parts.append(part)
    frame = pd.concat(parts)
    frame["year"] = frame["year"].astype(int)
    names = countries[["iso3", "name"]].rename(columns={"name": "country"})
    return frame.merge(names, on="iso3")


def build_arms_imports(raw: Path, countries: pd.DataFrame, by_name: dict[str, str]) -> pd.DataFrame:
    """SIPRI deliveries to African states, summed by recipient, supplier, year and category."""
    sipri = read_raw(raw, "sipri")
    state = ~sipri["Recipient"].str.endswith("*")
    sipri = sipri[state].copy()
    sipri["recipient_iso3"] = to_iso3(sipri["Recipient"], by_name, "arms_imports recipient")
    non_state_supplier = sipri["Supplier"].str.endswith("*") | sipri["Supplier"].str.startswith(
        "unknown"
    )
    sipri["supplier_iso3"] = ""
    sipri.loc[~non_state_supplier, "supplier_iso3"] = to_iso3(
        sipri.loc[~non_state_supplier, "Supplier"], by_name, "arms_imports supplier"
    )
    sipri["tiv_millions"] = pd.to_numeric(sipri["TIV delivery values"], errors="raise")
    sipri["year"] = sipri["Delivery year"].astype(int)
    keys = ["recipient_iso3", "Supplier", "supplier_iso3", "year", "Armament category"]
    frame = sipri.groupby(keys, as_index=False)["tiv_millions"].sum()
    frame = frame.rename(columns={"Supplier": "supplier", "Armament category": "armament_category"})
    names = countries[["iso3", "name"]].rename(
        columns={"iso3": "recipient_iso3", "name": "recipient"}
    )
    return frame.merge(names, on="recipient_iso3", validate="many_to_one")


def build_economy(raw: Path, countries: pd.DataFrame) -> pd.DataFrame:
    """Population, GDP (current US$) and Maddison GDP per capita (2011 int-$) per country-year."""
    keep = set(countries["iso3"])
    pop = read_raw(raw, "population").rename(
        columns={"Country Code": "iso3", "Year": "year", "Value": "population"}
    )
    gdp = read_raw(raw, "gdp").rename(
        columns={"Country Code": "iso3", "Year": "year", "Value": "gdp_usd"}
    )
    mad = read_raw(raw, "maddison").rename(
        columns={"Code": "iso3", "Year": "year", "GDP per capita": "gdp_per_capita_ppp_2011"}
    )
    tables = [
        pop[["iso3", "year", "population"]],
        gdp[["iso3", "year", "gdp_usd"]],
        mad[["iso3", "year", "gdp_per_capita_ppp_2011"]],
    ]
    frame = None
    for table in tables:
        table = table[table["iso3"].isin(keep)]
        frame = table if frame is None else frame.merge(table, on=["iso3", "year"], how="outer")
    frame["year"] = frame["year"].astype(int)
    frame["population"] = pd.to_numeric(frame["population"]).astype("Int64")
    for column in ("gdp_usd", "gdp_per_capita_ppp_2011"):
        frame[column] = pd.to_numeric(frame[column])
    frame["gdp_per_capita_usd"] = frame["gdp_usd"] / frame["population"].astype("float64")
    names = countries[["iso3", "name"]].rename(columns={"name": "country"})
    return frame.merge(names, on="iso3")


def build_un_votes(raw: Path, countries: pd.DataFrame) -> pd.DataFrame:
    """Each UN member's vote on A/RES/68/262 and A/RES/ES-11/1."""
    votes = read_raw(raw, "ukraine_votes")
    votes["resolution"] = "A/RES/" + votes["resolution"]
    votes["vote"] = votes["vote"].str.replace("-", "_").str.replace(" ", "_")
    allowed = {"yes", "no", "abstain", "non_voting"}
    if not set(votes["vote"]) <= allowed:
        raise BuildError(f"un_votes: unexpected votes {set(votes['vote']) - allowed}")
    counts = votes.groupby("resolution")["iso3"].nunique()
    if not (counts == 193).all():
        raise BuildError(f"un_votes: expected 193 members per resolution, got {counts.to_dict()}")
    votes = votes.rename(columns={"country_name_source": "country"})
    return votes


def build_un_agreement(raw: Path, countries: pd.DataFrame, by_iso2: dict[str, str]) -> pd.DataFrame:
    """Yearly share of UNGA roll calls where an African state voted like each major power."""
    votes = read_raw(raw, "rc_votes")
    calls = read_raw(raw, "roll_calls")[["rcid", "date"]]
    votes = votes.merge(calls, on="rcid", validate="many_to_one")
    votes["year"] = votes["date"].str[:4].astype(int)
    votes = votes[(votes["year"] >= 1960) & (votes["year"] <= 2019)]
    votes["iso3"] = votes["country_code"].map(by_iso2)
    african = set(countries.loc[countries["africa"], "iso3"])
    africa = votes[votes["iso3"].isin(african)][["rcid", "year", "iso3", "vote"]]
    partners = votes[votes["country_code"].isin(UN_PARTNERS)]
    partners = partners.assign(partner=partners["country_code"].map(UN_PARTNERS))
    pairs = africa.merge(
        partners[["rcid", "partner", "vote"]], on="rcid", suffixes=("", "_partner")
    )
    pairs["same"] = pairs["vote"] == pairs["vote_partner"]
    frame = pairs.groupby(["iso3", "year", "partner"], as_index=False).agg(
        agreement=("same", "mean"), n_votes=("same", "size")
    )
    return frame


def build_china_finance(raw: Path) -> pd.DataFrame:
    """AidData GCDF 3.0 commitments 2000-2021 per recipient (all 145 recipients)."""
    aid = read_raw(raw, "aiddata")
    return pd.DataFrame(
        {
            "iso3": aid["iso3c"],
            "country": aid["country_name"],
            "region": aid["region_name"],
            "income_group": aid["income_level_name"],
            "commitments_bn_usd_2021": pd.to_numeric(aid["total_commitments_bn"]),
            "weighted_interest_rate_pct": pd.to_numeric(aid["weighted_interest_rate"]),
        }
    )


def build_china_investment(
    raw: Path, countries: pd.DataFrame, by_name: dict[str, str]
) -> pd.DataFrame:
    """AEI CGIT deals summed by country, year and sector (deal rows are not redistributed)."""
    aei = read_raw(raw, "aei")
    aei["iso3"] = to_iso3(aei["country"], by_name, "china_investment")
    aei["value_musd"] = pd.to_numeric(aei["quantity_in_millions"], errors="raise")
    aei["year"] = aei["year"].astype(int)
    frame = aei.groupby(["iso3", "year", "sector"], as_index=False).agg(
        deals=("value_musd", "size"), value_musd=("value_musd", "sum")
    )
    names = countries[["iso3", "name"]].rename(columns={"name": "country"})
    return frame.merge(names, on="iso3", validate="many_to_one")


def build_regime_indices(raw: Path) -> pd.DataFrame:
    """V-Dem v16 indices for Mali, Burkina Faso and Niger, renamed readably."""
    vdem = read_raw(raw, "vdem")
    frame = pd.DataFrame(
        {"iso3": vdem["country_text_id"], "year": pd.to_numeric(vdem["year"]).astype(int)}
    )
    for source, target in VDEM_COLUMNS.items():
        frame[target] = pd.to_numeric(vdem[source])
    for column in ("regime_type", "regime_type_ambiguous"):
        frame[column] = frame[column].astype("Int64")
    return frame


def build_trade(raw: Path, countries: pd.DataFrame, by_name: dict[str, str]) -> pd.DataFrame:
    """Russia's and Ukraine's exports to each African state, 2018-2020 average."""
    trade = read_raw(raw, "trade")
    frame = pd.DataFrame(
        {
            "importer_iso3": to_iso3(trade["target"], by_name, "trade importer"),
            "importer": trade["importer_name"],
            "exporter_iso3": to_iso3(trade["source"], by_name, "trade exporter"),
            "exporter": trade["source"],
            "value_thousand_usd": pd.to_numeric(trade["value"]),
        }
    )
    african = set(countries.loc[countries["africa"], "iso3"])
    return frame[frame["importer_iso3"].isin(african)]  # drops French Southern Territories


# --------------------------------------------------------------------------- curated tables


def _check_date(value: str, where: str, column: str, *, required: bool) -> None:
    if not value:
        if required:
            raise BuildError(f"{where}: {column} is empty")
        return
    if not ISO_DATE.match(value):
        raise BuildError(f"{where}: {column} {value!r} is not YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError as error:
        raise BuildError(f"{where}: {column} {value!r} is not a real date ({error})") from None


def check_curated_row(row: dict[str, str], name: str, where: str, iso3: set[str]) -> None:
    """Validate one curated row against its schema; raise ``BuildError`` naming file and line."""
    for field in TABLES[name]["fields"]:
        column = field["name"]
        value = row[column]
        required = field.get("constraints", {}).get("required", False)
        if required and not value:
            raise BuildError(f"{where}: required column {column} is empty")
        if not value:
            continue
        enum = field.get("constraints", {}).get("enum")
        if enum and value not in enum:
            raise BuildError(f"{where}: {column} {value!r} is not one of {enum}")
        pattern = field.get("constraints", {}).get("pattern")
        if pattern and not re.fullmatch(pattern, value):
            raise BuildError(f"{where}: {column} {value!r} does not match {pattern}")
        if field["type"] == "date":
            _check_date(value, where, column, required=required)
        elif field["type"] == "integer" and not value.isdigit():
            raise BuildError(f"{where}: {column} {value!r} is not a whole number")
        if field.get("iso3"):
            if not ISO3_LIST.match(value):
                raise BuildError(f"{where}: {column} {value!r} is not an ISO3 code list (AAA;BBB)")
            unknown = [code for code in value.split(";") if code not in iso3]
            if unknown:
                raise BuildError(f"{where}: {column} has unknown ISO3 codes {unknown}")
    if not URL.match(row["source_url"]):
        raise BuildError(f"{where}: source_url {row['source_url']!r} is not an http(s) URL")
    for start, end in TABLES[name].get("date_order", []):
        if row[start] and row[end] and row[end] < row[start]:
            raise BuildError(f"{where}: {end} {row[end]} is before {start} {row[start]}")


def read_curated(curated: Path, name: str, pattern: str, iso3: set[str]) -> pd.DataFrame:
    """Read, validate and merge the curated files matching ``pattern``."""
    columns = [field["name"] for field in TABLES[name]["fields"]]
    rows: list[dict[str, str]] = []
    seen: dict[tuple[str, ...], str] = {}
    key = TABLES[name]["primaryKey"]
    for path in sorted(curated.glob(pattern)):
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames != columns:
                raise BuildError(
                    f"{path}: header must be exactly {','.join(columns)} "
                    f"(see CONTRIBUTING.md), got {','.join(reader.fieldnames or [])}"
                )
            for row in reader:
                where = f"{path}:{reader.line_num}"
                if None in row or any(value is None for value in row.values()):
                    raise BuildError(f"{where}: wrong number of fields")
                row = {column: value.strip() for column, value in row.items()}
                if not any(row.values()):
                    continue
                check_curated_row(row, name, where, iso3)
                ident = tuple(row[column] for column in key)
                if ident in seen:
                    raise BuildError(f"{where}: duplicate {key} {ident}, first at {seen[ident]}")
                seen[ident] = where
                rows.append(row)
    return pd.DataFrame(rows, columns=columns)


CURATED = {
    "events": "events*.csv",
    "memberships": "memberships.csv",
    "foreign_presence": "foreign_presence.csv",
    "resource_projects": "resource_projects.csv",
}


# --------------------------------------------------------------------------- main


def build(raw: Path, curated: Path, out: Path) -> list[str]:
    """Build every table into ``out``; return the names written."""
    out.mkdir(parents=True, exist_ok=True)
    by_name, by_iso2, by_gw = crosswalk_lookups(raw)
    all_iso3 = set(read_raw(raw, "crosswalk")["ISO3"])
    countries = build_countries(raw)
    builders: dict[str, Callable[[], pd.DataFrame]] = {
        "countries": lambda: countries,
        "coups": lambda: build_coups(raw, countries, by_gw),
        "fatalities": lambda: build_fatalities(raw, countries, by_gw),
        "arms_imports": lambda: build_arms_imports(raw, countries, by_name),
        "economy": lambda: build_economy(raw, countries),
        "un_votes": lambda: build_un_votes(raw, countries),
        "un_agreement": lambda: build_un_agreement(raw, countries, by_iso2),
        "china_finance": lambda: build_china_finance(raw),
        "china_investment": lambda: build_china_investment(raw, countries, by_name),
        "regime_indices": lambda: build_regime_indices(raw),
        "trade_russia_ukraine": lambda: build_trade(raw, countries, by_name),
    }
    for name, pattern in CURATED.items():
        builders[name] = lambda name=name, pattern=pattern: read_curated(
            curated, name, pattern, all_iso3
        )
    for name, builder in builders.items():
        write_table(builder(), name, out)
    catalogue = build_catalogue()
    text = json.dumps(catalogue, indent=2, ensure_ascii=False) + "\n"
    (out / "datapackage.json").write_text(text, encoding="utf-8", newline="\n")
    return list(builders)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="raw data folder")
    parser.add_argument("--curated", type=Path, default=DEFAULT_CURATED, help="curated CSV folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    try:
        names = build(args.raw, args.curated, args.out)
    except BuildError as error:
        print(f"build_data: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(names)} tables and datapackage.json (data as of {DATA_AS_OF}) to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
