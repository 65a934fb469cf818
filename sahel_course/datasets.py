"""The course's data tables: one loader per table, citations and country-code helpers.

Every table ships inside the package (``sahel_course/data/``) and is described, with its source,
licence and column units, in the Frictionless catalogue ``datapackage.json``. Loaders return a
fresh, typed ``pandas.DataFrame`` on every call; parsing happens once per session.

Types: dates are ``datetime64``, whole numbers nullable ``Int64``, measures ``float64``, flags
``boolean``, columns with a fixed set of values ``category`` and other text ``string``.

``DATA_AS_OF`` is the ISO date the shipped data was last rebuilt (read from the catalogue).

Nothing here imports pandas until a loader is called.
"""

from __future__ import annotations

import copy
import csv
import difflib
import functools
import io
import json
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    import pandas as pd

__all__ = [
    "DATA_AS_OF",  # noqa: F822 - provided by the module __getattr__ below, read from the catalogue
    "DataFileError",
    "UnknownCountryError",
    "catalogue",
    "check_iso3",
    "citation",
    "country_name",
    "list_tables",
    "load_arms_imports",
    "load_china_finance",
    "load_china_investment",
    "load_countries",
    "load_coups",
    "load_economy",
    "load_events",
    "load_fatalities",
    "load_foreign_presence",
    "load_memberships",
    "load_regime_indices",
    "load_resource_projects",
    "load_trade_russia_ukraine",
    "load_un_agreement",
    "load_un_votes",
]

CATALOGUE_FILE = "datapackage.json"
_REBUILD_HINT = "reinstall the sahel-course package or run `python scripts/build_data.py`"


class DataFileError(RuntimeError):
    """A shipped data file is missing or cannot be read as its catalogue describes."""

    def __init__(self, filename: str, problem: str) -> None:
        super().__init__(f"data file {filename!r} {problem}; {_REBUILD_HINT}")
        self.filename = filename


class UnknownCountryError(ValueError):
    """A country code is not in the course's country table."""


def _data_file(filename: str) -> Traversable:
    """The packaged data file ``filename`` (tests replace this to simulate damage)."""
    return resources.files("sahel_course") / "data" / filename


def _read_text(filename: str) -> str:
    try:
        return _data_file(filename).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(filename, "is missing") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(filename, f"cannot be read ({error})") from None


@functools.lru_cache(maxsize=1)
def _catalogue() -> dict[str, Any]:
    try:
        package = json.loads(_read_text(CATALOGUE_FILE))
    except json.JSONDecodeError as error:
        raise DataFileError(CATALOGUE_FILE, f"is not valid JSON ({error})") from None
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise DataFileError(CATALOGUE_FILE, "has no list of resources")
    return package


def catalogue() -> dict[str, Any]:
    """A copy of the Frictionless Data Package descriptor (``datapackage.json``) as a dict."""
    return copy.deepcopy(_catalogue())


def __getattr__(name: str) -> str:
    if name == "DATA_AS_OF":
        return str(_catalogue()["data_as_of"])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def list_tables() -> list[str]:
    """Names of the shipped tables, in catalogue order (each has a ``load_<name>()``)."""
    return [res["name"] for res in _catalogue()["resources"] if res.get("format") == "csv"]


def _resource(table: str) -> dict[str, Any]:
    for res in _catalogue()["resources"]:
        if res["name"] == table:
            return res
    names = [res["name"] for res in _catalogue()["resources"]]
    close = difflib.get_close_matches(table, names, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; tables: {', '.join(names)}"
    raise ValueError(f"no table named {table!r} in the catalogue{hint}")


def citation(table: str) -> str:
    """A ready-to-print citation for ``table``: its source(s), licence and the course file.

    >>> print(citation("coups"))  # doctest: +SKIP
    """
    res = _resource(table)
    if "citation" in res:
        credit = res["citation"]
    else:
        credit = "; ".join(
            f"{src['title']}, {src.get('publisher', '')} ({src['path']})".replace(", (", " (")
            for src in res["sources"]
        )
    credit = credit if credit.endswith(".") else credit + "."
    licences = "; ".join(f"{lic['title']} ({lic['path']})" for lic in res["licenses"])
    as_of = _catalogue()["data_as_of"]
    return (
        f"{credit} Licence: {licences}. Table '{res['path']}' from the Sahel Realignment course "
        f"data, as of {as_of}."
    )


# --------------------------------------------------------------------------- countries


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    text = _read_text("countries.csv")
    try:
        return {row["iso3"]: row["name"] for row in csv.DictReader(io.StringIO(text))}
    except (KeyError, csv.Error) as error:
        raise DataFileError("countries.csv", f"is malformed ({error})") from None


def country_names() -> dict[str, str]:
    """ISO3 code -> English short name for every country the course knows (a fresh copy)."""
    return dict(_country_names())


def check_iso3(code: str) -> str:
    """Return ``code`` as an upper-case ISO3 code known to the course, or raise.

    Raises ``UnknownCountryError`` (a ``ValueError``) naming the value and suggesting close
    matches among the codes and country names, e.g. ``check_iso3("Mali")`` suggests ``MLI``.
    """
    names = _country_names()
    text = str(code).strip()
    if text.upper() in names:
        return text.upper()
    by_name = {name.casefold(): iso3 for iso3, name in names.items()}
    suggestions = [
        *(by_name[name] for name in difflib.get_close_matches(text.casefold(), by_name, n=3)),
        *difflib.get_close_matches(text.upper(), names, n=3),
    ]
    unique = list(dict.fromkeys(suggestions))
    hint = (
        "did you mean " + ", ".join(f"{iso3} ({names[iso3]})" for iso3 in unique) + "?"
        if unique
        else "see load_countries() for the codes the course uses."
    )
    raise UnknownCountryError(f"unknown ISO3 country code {code!r}; {hint}")


def country_name(iso3: str) -> str:
    """English short name of the country with ISO3 code ``iso3`` (e.g. ``"MLI"`` -> ``"Mali"``)."""
    return _country_names()[check_iso3(iso3)]


# --------------------------------------------------------------------------- reading tables


def _convert(values: pd.Series, field: dict[str, Any]) -> pd.Series:
    import pandas as pd

    kind = field["type"]
    if kind == "integer":
        return pd.to_numeric(values).astype("Int64")
    if kind == "number":
        return pd.to_numeric(values).astype("float64")
    if kind == "date":
        return pd.to_datetime(values, format="%Y-%m-%d").astype("datetime64[ns]")
    if kind == "boolean":
        mapped = values.map({"true": True, "false": False})
        if mapped.isna().any():
            raise ValueError(f"column {field['name']} has values other than true/false")
        return mapped.astype("boolean")
    enum = field.get("constraints", {}).get("enum")
    if enum:
        unknown = set(values.dropna()) - set(enum)
        if unknown:
            raise ValueError(f"column {field['name']} has unexpected values {sorted(unknown)}")
        return pd.Series(pd.Categorical(values, categories=enum), index=values.index)
    return values.astype("string")


@functools.cache
def _read_table(table: str) -> pd.DataFrame:
    import pandas as pd

    res = _resource(table)
    filename = res["path"]
    fields = res["schema"]["fields"]
    try:
        frame = pd.read_csv(
            io.StringIO(_read_text(filename)), dtype=str, keep_default_na=False, na_values=[""]
        )
    except (ValueError, pd.errors.ParserError) as error:
        raise DataFileError(filename, f"is not a readable CSV ({error})") from None
    expected = [field["name"] for field in fields]
    if list(frame.columns) != expected:
        raise DataFileError(filename, f"has columns {list(frame.columns)}, expected {expected}")
    try:
        for field in fields:
            frame[field["name"]] = _convert(frame[field["name"]], field)
    except (ValueError, TypeError) as error:
        raise DataFileError(filename, f"does not match its schema ({error})") from None
    return frame


def _load(table: str) -> pd.DataFrame:
    return _read_table(table).copy()


# --------------------------------------------------------------------------- loaders


def load_countries() -> pd.DataFrame:
    """Countries the course uses: the 54 African states, Western Sahara and 10 partner states.

    One row per country. Source: ISO 3166-1 and Gleditsch-Ward codes (looked up in the
    country_converter crosswalk); group flags compiled by the course (CC BY 4.0).

    Columns: ``iso3`` (string), ``name`` (string, English short name), ``iso_numeric`` (Int64,
    ISO numeric code = map feature id), ``gw_code`` (Int64, Gleditsch-Ward code, missing for
    Western Sahara), and boolean flags ``africa``, ``west_africa`` (UN M49), ``aes`` (Mali,
    Burkina Faso, Niger), ``ecowas_2023`` (the 15 members before the 2025 exits), ``g5_sahel``
    (2014 founders), ``sahel_focus`` (MLI BFA NER TCD MRT).
    """
    return _load("countries")


def load_events() -> pd.DataFrame:
    """Timeline of dated events, curated by the course, each with a public source.

    One row per event. Licence: CC BY 4.0 (course authors); see each row's source.

    Columns: ``event_id`` (string slug ``YYYY-MM-DD-name``), ``date`` (datetime64),
    ``date_precision`` (category: day, month, year), ``title``, ``description`` (string),
    ``countries`` (string, ISO3 codes joined by ``;``), ``actors`` (string, short names joined by
    ``;``), ``category`` (category: coup, deployment, withdrawal, organisation, ...),
    ``source_title``, ``source_url`` (string).
    """
    return _load("events")


def load_memberships() -> pd.DataFrame:
    """Memberships of regional organisations (ECOWAS, UEMOA, G5S, AES, MNJTF, LGA), curated.

    One row per organisation x member x membership spell. Licence: CC BY 4.0 (course authors).

    Columns: ``organisation`` (category code), ``organisation_name`` (string), ``iso3``
    (string), ``joined`` (datetime64), ``joined_precision`` (category), ``left`` (datetime64,
    missing while a member), ``left_precision`` (category), ``note``, ``source_title``,
    ``source_url`` (string).
    """
    return _load("memberships")


def load_foreign_presence() -> pd.DataFrame:
    """Foreign forces, operations and bases in the region, curated.

    One row per foreign presence in a host country. Licence: CC BY 4.0 (course authors).

    Columns: ``presence_id`` (string), ``host_iso3`` (string), ``actor`` (string, e.g. France,
    Russia, UN), ``actor_type`` (category: state, un, eu, private_military), ``operation``
    (string), ``start`` (datetime64), ``start_precision`` (category), ``end`` (datetime64,
    missing if ongoing), ``end_precision`` (category), ``troops_max`` (Int64, people, only where
    the source gives a figure), ``troops_note``, ``source_title``, ``source_url`` (string).
    """
    return _load("foreign_presence")


def load_resource_projects() -> pd.DataFrame:
    """Mines, oil fields and pipelines discussed in the course, curated.

    One row per project. Licence: CC BY 4.0 (course authors).

    Columns: ``project_id``, ``project``, ``iso3``, ``commodity``, ``operator``,
    ``operator_country`` (ISO3, string), ``start_year`` (Int64), ``status`` (string),
    ``status_date`` (datetime64), ``status_precision`` (category), ``status_note``,
    ``source_title``, ``source_url`` (string).
    """
    return _load("resource_projects")


def load_coups() -> pd.DataFrame:
    """Coup attempts in African states, 1950 to December 2025 (Powell & Thyne).

    One row per coup attempt. Source: Powell & Thyne, Global Instances of Coups, V2026.01.13;
    no licence stated, cite Powell & Thyne (2011).

    Columns: ``iso3`` (string), ``country`` (string), ``date`` (datetime64), ``year`` (Int64),
    ``outcome`` (category: successful, failed).
    """
    return _load("coups")


def load_fatalities() -> pd.DataFrame:
    """Deaths in organized violence per African country, year and type (UCDP, 1989-2024).

    One row per country x year x violence type. Source: UCDP Country-Year Dataset on Organized
    Violence v25.1 (CC BY 4.0 as recorded; cite Davies et al. 2025).

    Columns: ``iso3``, ``country`` (string), ``year`` (Int64), ``violence_type`` (category:
    state_based, non_state, one_sided), ``deaths_best``, ``deaths_low``, ``deaths_high`` (Int64,
    people).
    """
    return _load("fatalities")


def load_arms_imports() -> pd.DataFrame:
    """Major arms delivered to African states, 2000-2023 (SIPRI trend-indicator values).

    One row per recipient x supplier x delivery year x armament category. Source: SIPRI Arms
    Transfers Database (non-commercial use, cite SIPRI); sums by the course.

    Columns: ``recipient_iso3``, ``recipient``, ``supplier``, ``supplier_iso3`` (string, missing
    for non-states and unknown suppliers), ``year`` (Int64), ``armament_category`` (string),
    ``tiv_millions`` (float64, millions of TIV - a volume of military capability, not US$).
    """
    return _load("arms_imports")


def load_economy() -> pd.DataFrame:
    """Population and GDP of African and partner states, 1950-2024.

    One row per country x year. Sources: World Bank WDI (CC BY 4.0); Maddison Project Database
    2023 via Our World in Data (CC BY 4.0).

    Columns: ``iso3``, ``country`` (string), ``year`` (Int64), ``population`` (Int64, people),
    ``gdp_usd`` (float64, current US$), ``gdp_per_capita_usd`` (float64, current US$ per
    person), ``gdp_per_capita_ppp_2011`` (float64, 2011 international $ per person).
    """
    return _load("economy")


def load_un_votes() -> pd.DataFrame:
    """Every UN member's vote on A/RES/68/262 (2014) and A/RES/ES-11/1 (2022) on Ukraine.

    One row per resolution x member state (193 each). Source: UN Digital Library voting records
    (public facts).

    Columns: ``resolution`` (category), ``date`` (datetime64), ``title``, ``iso3``, ``country``
    (string), ``vote`` (category: yes, no, abstain, non_voting).
    """
    return _load("un_votes")


def load_un_agreement() -> pd.DataFrame:
    """How often each African state voted like the US, Russia, France and China, 1960-2019.

    One row per African state x year x partner. Computed by the course from Erik Voeten's UN
    General Assembly Voting Data (unvotes); partner RUS is the USSR before 1992, CHN starts 1971.

    Columns: ``iso3`` (string), ``year`` (Int64), ``partner`` (category: CHN, FRA, RUS, USA),
    ``agreement`` (float64, share 0-1 of common roll calls with the same vote), ``n_votes``
    (Int64, roll calls both voted on).
    """
    return _load("un_agreement")


def load_china_finance() -> pd.DataFrame:
    """Chinese official development-finance commitments per recipient, 2000-2021 (AidData).

    One row per recipient country (145). Source: AidData GCDF 3.0 (ODC-BY 1.0).

    Columns: ``iso3``, ``country``, ``region``, ``income_group`` (string),
    ``commitments_bn_usd_2021`` (float64, billions of constant 2021 US$),
    ``weighted_interest_rate_pct`` (float64, percent).
    """
    return _load("china_finance")


def load_china_investment() -> pd.DataFrame:
    """Chinese investment deals in African energy, chemicals and metals, 2006-2021 (AEI CGIT).

    One row per host country x year x sector: deal count and summed value. Source: American
    Enterprise Institute, China Global Investment Tracker (public use with citation; only totals
    are shipped because no licence allows redistributing the deal rows).

    Columns: ``iso3``, ``country`` (string), ``year`` (Int64), ``sector`` (category: Chemicals,
    Energy, Metals), ``deals`` (Int64), ``value_musd`` (float64, millions of US$).
    """
    return _load("china_investment")


def load_regime_indices() -> pd.DataFrame:
    """V-Dem v16 regime indices for Mali, Burkina Faso and Niger, 2018-2025.

    One row per country x year. Source: V-Dem Institute (CC BY-SA 4.0).

    Columns: ``iso3`` (string), ``year`` (Int64); 0-1 indices (float64): ``electoral_democracy``,
    ``liberal_democracy``, ``participatory_democracy``, ``deliberative_democracy``,
    ``egalitarian_democracy``, ``civil_liberties``, ``equality_before_law_liberty``,
    ``rule_of_law``, ``judicial_constraints``, ``neopatrimonialism``; model estimates (float64):
    ``cso_consultation``, ``cso_participatory_environment``, ``political_violence``;
    ``regime_type`` (Int64, 0 closed autocracy to 3 liberal democracy), ``regime_type_ambiguous``
    (Int64, 0-9).
    """
    return _load("regime_indices")


def load_trade_russia_ukraine() -> pd.DataFrame:
    """African imports from Russia and from Ukraine, 2018-2020 average (CEPII BACI via ONE).

    One row per importing African country x exporter. Source: CEPII BACI HS17 V202201
    (Licence Ouverte 2.0), processed by the ONE Campaign.

    Columns: ``importer_iso3``, ``importer``, ``exporter_iso3``, ``exporter`` (string),
    ``value_thousand_usd`` (float64, thousands of US$ per year).
    """
    return _load("trade_russia_ukraine")
