"""Layouts, descriptions, sources and licences of the shipped tables.

``build_data.py`` writes the tables in the column order given here and turns this spec into the
Frictionless ``datapackage.json``. Field keys other than Table Schema ones (``decimals``, ``iso3``)
steer the build and are removed from the catalogue.
"""

from __future__ import annotations

import copy

DATA_AS_OF = "2026-11-29"
ACCESSED = "2026-11-29"  # when the raw files in ../shared/data were gathered for the course

AES = ("BFA", "MLI", "NER")
ECOWAS_2023 = (
    "BEN",
    "BFA",
    "CIV",
    "CPV",
    "GHA",
    "GIN",
    "GMB",
    "GNB",
    "LBR",
    "MLI",
    "NER",
    "NGA",
    "SEN",
    "SLE",
    "TGO",
)
G5_SAHEL = ("BFA", "MLI", "MRT", "NER", "TCD")
SAHEL_FOCUS = ("BFA", "MLI", "MRT", "NER", "TCD")
PARTNERS = ("ARE", "CHN", "DEU", "FRA", "GBR", "IND", "RUS", "TUR", "UKR", "USA")

COURSE_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 (compilation by the course authors)",
}
CC_BY = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}

# --------------------------------------------------------------------------- field helpers


def _f(name: str, kind: str, description: str, **extra: object) -> dict:
    return {"name": name, "type": kind, "description": description, **extra}


def _iso3(name: str = "iso3", what: str = "country") -> dict:
    return _f(
        name,
        "string",
        f"ISO 3166-1 alpha-3 code of the {what}",
        constraints={"required": True, "pattern": "^[A-Z]{3}$"},
    )


def _year(description: str = "calendar year") -> dict:
    return _f("year", "integer", description, constraints={"required": True})


def _country(description: str = "English short name of the country") -> dict:
    return _f("country", "string", description)


def _precision(name: str, required: bool = True) -> dict:
    return _f(
        name,
        "string",
        "how precise the date is: day, month (date is the 1st) or year (date is 1 January)",
        constraints={"required": required, "enum": ["day", "month", "year"]}
        if required
        else {"enum": ["day", "month", "year"]},
    )


def _sources() -> list[dict]:
    return [
        _f(
            "source_title",
            "string",
            "title of the public source for this row",
            constraints={"required": True},
        ),
        _f(
            "source_url",
            "string",
            "URL of the public source for this row",
            format="uri",
            constraints={"required": True},
        ),
    ]


def _src(title: str, path: str, publisher: str, version: str) -> dict:
    return {
        "title": title,
        "path": path,
        "publisher": publisher,
        "version": version,
        "accessed": ACCESSED,
    }


CURATED_SOURCE = {
    "title": "Hand-curated rows, each with its own public source (source_title, source_url)",
    "path": "scripts/curated/",
    "publisher": "Sahel Realignment course authors",
    "accessed": DATA_AS_OF,
}

EVENT_CATEGORIES = [
    "independence",
    "coup",
    "coup_attempt",
    "deployment",
    "withdrawal",
    "agreement",
    "organisation",
    "sanctions",
    "diplomacy",
    "resources",
    "attack",
    "abuse",
    "election",
    "politics",
]

# --------------------------------------------------------------------------- tables

TABLES: dict[str, dict] = {
    "countries": {
        "title": "Countries: codes and course groupings",
        "description": (
            "One row per country: the 54 African states, Western Sahara (ESH, no GW code) and ten "
            "partner states (FRA RUS CHN USA GBR DEU TUR ARE IND UKR). Names and codes were taken "
            "from the country_converter crosswalk (code columns only). Group flags: aes = the "
            "Liptako-Gourma Charter signatories of 16 September 2023 (AFP via Vanguard, "
            "https://www.vanguardngr.com/2023/09/mali-niger-burkina-establish-sahel-alliance/); "
            "ecowas_2023 = the 15 ECOWAS members before the 2025 exits (MFWA, Know Your ECOWAS, "
            "https://www.mfwa.org/publication/know-your-ecowas/); g5_sahel = the five founding "
            "members of February 2014 (AllAfrica, "
            "http://fr.allafrica.com/stories/201802050999.html); sahel_focus = the course's "
            "focus countries; west_africa = UN M49 'Western Africa'."
        ),
        "sources": [
            _src(
                "country_converter country_data.tsv (code columns only)",
                "https://pypi.org/project/country-converter/1.3.2/",
                "Konstantin Stadler et al. (GPL-3.0 package; the codes are ISO 3166-1 and "
                "Gleditsch-Ward facts)",
                "1.3.2",
            ),
        ],
        "licenses": [COURSE_LICENCE],
        "primaryKey": ["iso3"],
        "sort": ["iso3"],
        "fields": [
            _iso3(),
            _f("name", "string", "English short name", constraints={"required": True}),
            _f("iso_numeric", "integer", "ISO 3166-1 numeric code (as in the map topology ids)"),
            _f(
                "gw_code",
                "integer",
                "Gleditsch-Ward state code (used by UCDP and Powell & Thyne); "
                "empty for Western Sahara",
            ),
            _f("africa", "boolean", "true for the 54 African states and Western Sahara"),
            _f("west_africa", "boolean", "true if in the UN M49 region Western Africa"),
            _f(
                "aes",
                "boolean",
                "member of the Alliance of Sahel States (Mali, Burkina Faso, Niger)",
            ),
            _f("ecowas_2023", "boolean", "ECOWAS member in 2023, before the AES states' exit"),
            _f("g5_sahel", "boolean", "founding member of the G5 Sahel (2014)"),
            _f(
                "sahel_focus",
                "boolean",
                "one of the course's five focus countries (MLI BFA NER TCD MRT)",
            ),
        ],
    },
    "coups": {
        "title": "Coup attempts in Africa (Powell & Thyne)",
        "description": (
            "One row per coup attempt in an African state, 1950 to December 2025, from the "
            "Powell & Thyne Global Instances of Coups list. Country codes were mapped from "
            "Correlates of War codes (identical to Gleditsch-Ward codes for African states). "
            "Plots and rumoured coups are not in the source. Dates are the source's: it dates "
            "Mali's second coup 21 May 2021, while The Conversation (27 May 2021, via Diplomatic "
            "Times) places the "
            "detention of President Bah Ndaw and Prime Minister Moctar Ouane on 24 May 2021, the "
            "date the events table uses."
        ),
        "sources": [
            _src(
                "Powell & Thyne, Global Instances of Coups from 1950 to Present",
                "https://www.uky.edu/~clthyn2/coup_data/powell_thyne_coups_final.txt",
                "Jonathan Powell and Clayton Thyne",
                "V2026.01.13",
            ),
        ],
        "licenses": [
            {
                "name": "other-at",
                "path": "https://www.uky.edu/~clthyn2/coup_data/home.htm",
                "title": "No licence stated; the authors ask to be cited as Powell & Thyne "
                "(2011), Journal of Peace Research 48(2):249-259",
            }
        ],
        "citation": "Powell, Jonathan M. and Clayton L. Thyne (2011). Global Instances of Coups "
        "from 1950 to 2010: A New Dataset. Journal of Peace Research 48(2): 249-259. Data version "
        "V2026.01.13.",
        "primaryKey": ["iso3", "date"],
        "sort": ["date", "iso3"],
        "fields": [
            _iso3(),
            _country(),
            _f("date", "date", "day of the coup attempt", constraints={"required": True}),
            _year("year of the coup attempt"),
            _f(
                "outcome",
                "string",
                "successful (the perpetrators held power for at least 7 days) or failed",
                constraints={"required": True, "enum": ["successful", "failed"]},
            ),
        ],
    },
    "fatalities": {
        "title": "Deaths in organized violence in Africa (UCDP, country-year)",
        "description": (
            "One row per African country, year (1989-2024) and type of violence: UCDP's best, low "
            "and high estimates of deaths in state-based conflict, non-state conflict and "
            "one-sided "
            "violence against civilians. Deaths are counted where they happened. Reshaped from the "
            "UCDP Country-Year Dataset on Organized Violence within Country Borders v25.1."
        ),
        "sources": [
            _src(
                "UCDP Country-Year Dataset on Organized Violence within Country Borders v25.1",
                "https://ucdp.uu.se/downloads/",
                "Uppsala Conflict Data Program",
                "25.1",
            ),
        ],
        "licenses": [
            {
                **CC_BY,
                "title": "Creative Commons Attribution 4.0 (as recorded in "
                "PROVENANCE.md; not confirmed on the publisher's page, which says UCDP data "
                "are free of charge)",
            }
        ],
        "citation": "Davies, Shawn, Therese Pettersson, Margareta Sollenberg and Magnus Öberg "
        "(2025). Organized violence 1989-2024. Journal of Peace Research. Data: UCDP Country-Year "
        "Dataset on Organized Violence within Country Borders v25.1, Uppsala Conflict Data "
        "Program.",
        "primaryKey": ["iso3", "year", "violence_type"],
        "sort": ["iso3", "year", "violence_type"],
        "fields": [
            _iso3(),
            _country(),
            _year(),
            _f(
                "violence_type",
                "string",
                "state_based (a government is a party), non_state "
                "(organised groups fighting each other) or one_sided (an organised group or "
                "government killing civilians)",
                constraints={"required": True, "enum": ["state_based", "non_state", "one_sided"]},
            ),
            _f("deaths_best", "integer", "best estimate of deaths (people)"),
            _f("deaths_low", "integer", "low estimate of deaths (people)"),
            _f("deaths_high", "integer", "high estimate of deaths (people)"),
        ],
    },
    "arms_imports": {
        "title": "Major arms delivered to African states (SIPRI TIV)",
        "description": (
            "One row per African recipient state, supplier, delivery year (2000-2023) and armament "
            "category: the sum of SIPRI trend-indicator values (TIV) of that year's deliveries. "
            "Deliveries to non-state recipients (marked * in SIPRI) and to the African Union are "
            "left out; deliveries SIPRI lists for 'Libya GNC' are counted under Libya. TIV "
            "measures "
            "military capability transferred, not money paid. Calculations are the course's, not "
            "SIPRI's."
        ),
        "sources": [
            _src(
                "SIPRI Arms Transfers Database, trade register (data generated 3 January 2025)",
                "https://armstransfers.sipri.org/",
                "Stockholm International Peace Research Institute (SIPRI)",
                "2025-01-03 export",
            ),
        ],
        "licenses": [
            {
                "name": "other-nc",
                "path": "http://www.sipri.org/contents/armstrad/user_rules.html",
                "title": "SIPRI user rules: free to use and cite with the credit line "
                "'Information from the SIPRI Arms Transfers Database'; "
                "non-commercial use only; derived figures are not SIPRI's",
            }
        ],
        "citation": "Information from the SIPRI Arms Transfers Database, "
        "https://armstransfers.sipri.org/ (export of 3 January 2025); aggregation by the course.",
        "primaryKey": ["recipient_iso3", "supplier", "year", "armament_category"],
        "sort": ["recipient_iso3", "year", "supplier", "armament_category"],
        "fields": [
            _iso3("recipient_iso3", "recipient state"),
            _f("recipient", "string", "English short name of the recipient state"),
            _f(
                "supplier",
                "string",
                "supplier as SIPRI names it (a state, 'European Union**', "
                "'unknown supplier(s)' or a non-state actor)",
                constraints={"required": True},
            ),
            _f(
                "supplier_iso3",
                "string",
                "ISO3 code of the supplier; empty for non-states and unknown suppliers",
            ),
            _year("year of delivery"),
            _f(
                "armament_category",
                "string",
                "SIPRI armament category (Aircraft, Armoured vehicles, Missiles, ...)",
                constraints={"required": True},
            ),
            _f(
                "tiv_millions",
                "number",
                "deliveries in millions of SIPRI trend-indicator values (TIV), not US$",
                decimals=3,
            ),
        ],
    },
    "economy": {
        "title": "Population and GDP, Africa and partners",
        "description": (
            "One row per country and year (1950-2024) for the African states and the partner "
            "states: World Bank population and GDP in current US$, GDP per capita computed from "
            "them, and Maddison Project GDP per capita in 2011 international dollars (PPP) as "
            "published by Our World in Data. Empty where a source has no value."
        ),
        "sources": [
            _src(
                "World Bank WDI, Population, total (SP.POP.TOTL), via datahub.io core "
                "datasets/population",
                "https://data.worldbank.org/indicator/SP.POP.TOTL",
                "World Bank",
                "datasets/population commit 425fc447",
            ),
            _src(
                "World Bank WDI, GDP (current US$) (NY.GDP.MKTP.CD), via datahub.io core "
                "datasets/gdp",
                "https://data.worldbank.org/indicator/NY.GDP.MKTP.CD",
                "World Bank",
                "datasets/gdp commit 822019c8 (last_updated 2026-02-24)",
            ),
            _src(
                "Maddison Project Database 2023, GDP per capita, via Our World in Data",
                "https://ourworldindata.org/grapher/gdp-per-capita-maddison-project-database",
                "Bolt and van Zanden (2024), processed by Our World in Data",
                "2023",
            ),
        ],
        "licenses": [CC_BY],
        "citation": "World Bank, World Development Indicators (SP.POP.TOTL, NY.GDP.MKTP.CD), "
        "CC BY 4.0; Bolt, Jutta and Jan Luiten van Zanden (2024), Maddison Project Database 2023, "
        "via Our World in Data, CC BY 4.0.",
        "primaryKey": ["iso3", "year"],
        "sort": ["iso3", "year"],
        "fields": [
            _iso3(),
            _country(),
            _year(),
            _f("population", "integer", "total population (people), World Bank"),
            _f("gdp_usd", "number", "GDP in current US dollars, World Bank", decimals=0),
            _f(
                "gdp_per_capita_usd",
                "number",
                "gdp_usd / population, current US dollars per person (computed by the course)",
                decimals=2,
            ),
            _f(
                "gdp_per_capita_ppp_2011",
                "number",
                "GDP per capita in 2011 international dollars "
                "(PPP), Maddison Project Database 2023",
                decimals=0,
            ),
        ],
    },
    "un_votes": {
        "title": "UN General Assembly votes on Ukraine, 2014 and 2022",
        "description": (
            "One row per UN member state (193) and resolution: its vote on A/RES/68/262 "
            "'Territorial integrity of Ukraine' (27 March 2014) and A/RES/ES-11/1 'Aggression "
            "against Ukraine' (2 March 2022). The totals match the official records (100/11/58 "
            "with 24 not voting; 141/5/35 with 12 not voting)."
        ),
        "sources": [
            _src(
                "UN Digital Library voting record, A/RES/ES-11/1",
                "https://digitallibrary.un.org/record/3965290",
                "United Nations",
                "transcribed via GitHub HarukiKinoshita/ukraine-viz commit c2270e0d",
            ),
        ],
        "licenses": [
            {
                "name": "other-pd",
                "path": "https://digitallibrary.un.org/record/3965290",
                "title": "Public UN voting records (facts); cite the UN Digital Library",
            }
        ],
        "citation": "United Nations General Assembly, recorded votes on A/RES/68/262 (27 March "
        "2014) and A/RES/ES-11/1 (2 March 2022), UN Digital Library.",
        "primaryKey": ["resolution", "iso3"],
        "sort": ["resolution", "iso3"],
        "fields": [
            _f(
                "resolution",
                "string",
                "resolution symbol",
                constraints={"required": True, "enum": ["A/RES/68/262", "A/RES/ES-11/1"]},
            ),
            _f("date", "date", "date of the vote", constraints={"required": True}),
            _f("title", "string", "short title of the resolution"),
            _iso3(),
            _country("country name as in the source"),
            _f(
                "vote",
                "string",
                "yes, no, abstain or non_voting (absent)",
                constraints={"required": True, "enum": ["yes", "no", "abstain", "non_voting"]},
            ),
        ],
    },
    "un_agreement": {
        "title": "How often African states voted like the US, Russia, France and China at the UN",
        "description": (
            "One row per African state, year (1960-2019) and major power: the share of UN General "
            "Assembly roll calls, among those on which both recorded a yes, no or abstain vote, "
            "where the two voted the same way. Absences are not in the source, so they are "
            "ignored. Partner RUS is the Soviet Union before 1992: Voeten's data (unvotes) codes "
            "the USSR and the Russian Federation as one member (ISO2 RU). Partner CHN is the "
            "People's Republic of China from 1971; the Republic of China's earlier votes are not "
            "counted. Computed by the course from the unvotes package."
        ),
        "sources": [
            _src(
                "United Nations General Assembly Voting Data (unvotes R package)",
                "https://doi.org/10.7910/DVN/LEJUQZ",
                "Erik Voeten, Harvard Dataverse",
                "dgrtwo/unvotes 0.2.0.9000, commit 7eb70343",
            ),
        ],
        "licenses": [
            {
                "name": "other-at",
                "path": "https://doi.org/10.7910/DVN/LEJUQZ",
                "title": "Harvard Dataverse terms; cite Voeten (2013); the unvotes package is MIT",
            }
        ],
        "citation": "Voeten, Erik (2013). Data and Analyses of Voting in the UN General Assembly. "
        "In Routledge Handbook of International Organization, ed. Bob Reinalda. Data: United "
        "Nations General Assembly Voting Data, Harvard Dataverse, doi:10.7910/DVN/LEJUQZ; "
        "agreement shares computed by the course.",
        "primaryKey": ["iso3", "year", "partner"],
        "sort": ["iso3", "year", "partner"],
        "fields": [
            _iso3(),
            _year("year of the roll calls"),
            _f(
                "partner",
                "string",
                "major power compared with (USA, RUS, FRA, CHN)",
                constraints={"required": True, "enum": ["CHN", "FRA", "RUS", "USA"]},
            ),
            _f(
                "agreement",
                "number",
                "share (0-1) of common roll calls with the same vote",
                decimals=4,
                constraints={"minimum": 0, "maximum": 1},
            ),
            _f("n_votes", "integer", "number of roll calls on which both voted"),
        ],
    },
    "china_finance": {
        "title": "Chinese official development finance commitments, 2000-2021 (AidData)",
        "description": (
            "One row per recipient country (all 145 recipients, so Africa can be compared with "
            "others): total Chinese official-sector commitments 2000-2021 in billions of constant "
            "2021 US$ (projects 'recommended for aggregates' only) and the commitment-weighted "
            "interest rate. From AidData's Global Chinese Development Finance Dataset 3.0 as "
            "summarised in the aiddataviz R package."
        ),
        "sources": [
            _src(
                "AidData Global Chinese Development Finance Dataset, Version 3.0 (country totals "
                "from the aiddataviz package)",
                "https://www.aiddata.org/data/aiddatas-global-"
                "chinese-development-finance-dataset-version-3-0",
                "AidData, William & Mary",
                "3.0; Teal-Insights/aiddataviz commit 263376f6",
            ),
        ],
        "licenses": [
            {
                "name": "ODC-BY-1.0",
                "path": "https://opendatacommons.org/licenses/by/1-0/",
                "title": "Open Data Commons Attribution License 1.0",
            }
        ],
        "citation": "Custer, S., A. Dreher, T.B. Elston, et al. (2023). Tracking Chinese "
        "Development Finance: An Application of AidData's TUFF 3.0 Methodology. Williamsburg, VA: "
        "AidData at William & Mary. Data: Global Chinese Development Finance Dataset, Version 3.0.",
        "primaryKey": ["iso3"],
        "sort": ["iso3"],
        "fields": [
            _iso3(),
            _country("recipient name as in the source"),
            _f("region", "string", "World Bank region"),
            _f("income_group", "string", "World Bank income group"),
            _f(
                "commitments_bn_usd_2021",
                "number",
                "total commitments 2000-2021, billions of constant 2021 US dollars",
                decimals=4,
            ),
            _f(
                "weighted_interest_rate_pct",
                "number",
                "commitment-weighted average interest rate, percent",
                decimals=3,
            ),
        ],
    },
    "china_investment": {
        "title": "Chinese investment deals in Africa: energy, chemicals, metals (AEI CGIT totals)",
        "description": (
            "One row per African host country, year (2006-2021) and sector (Energy, Chemicals, "
            "Metals): the number of Chinese investment deals of US$100 million or more and their "
            "summed value in millions of US$, from the American Enterprise Institute's China "
            "Global Investment Tracker. Construction contracts are not included. AEI makes the "
            "tracker available for public use with proper citation but states no licence that "
            "allows redistributing its deal rows, so only these totals are shipped."
        ),
        "sources": [
            _src(
                "China Global Investment Tracker (energy, chemicals and metals extract)",
                "https://www.aei.org/china-global-investment-tracker/",
                "American Enterprise Institute (Derek Scissors)",
                "extract in GitHub Thom-J-H/china_energy_metals commit 87dde682 (2022-07)",
            ),
        ],
        "licenses": [
            {
                "name": "other-at",
                "path": "https://www.aei.org/china-global-investment-tracker/",
                "title": "Available for public use with proper citation (AEI); no open "
                "licence, so only aggregates are redistributed",
            }
        ],
        "citation": "American Enterprise Institute, China Global Investment Tracker, "
        "https://www.aei.org/china-global-investment-tracker/ (energy, chemicals and metals "
        "deals, 2006-2021); totals by the course.",
        "primaryKey": ["iso3", "year", "sector"],
        "sort": ["iso3", "year", "sector"],
        "fields": [
            _iso3(),
            _country(),
            _year("year of the deal"),
            _f(
                "sector",
                "string",
                "CGIT sector",
                constraints={"required": True, "enum": ["Chemicals", "Energy", "Metals"]},
            ),
            _f("deals", "integer", "number of deals (each US$100 million or more)"),
            _f("value_musd", "number", "summed deal value, millions of US dollars", decimals=1),
        ],
    },
    "regime_indices": {
        "title": "V-Dem regime indices for Mali, Burkina Faso and Niger, 2018-2025",
        "description": (
            "One row per country (MLI, BFA, NER) and year (2018-2025): V-Dem v16 indices, renamed "
            "readably (V-Dem variable in brackets in each description). Democracy indices run "
            "from 0 (least) to 1 (most). The three civil-society structure shares (v2csstruc_*) "
            "are left out."
        ),
        "sources": [
            _src(
                "V-Dem Country-Year Dataset v16 (extract)",
                "https://v-dem.net/data/",
                "V-Dem Institute, University of Gothenburg",
                "v16; extract from GitHub siwookim1114/POLI3148-Assignment1 commit 46700d16",
            ),
        ],
        "licenses": [
            {
                "name": "CC-BY-SA-4.0",
                "path": "https://creativecommons.org/licenses/by-sa/4.0/",
                "title": "Creative Commons Attribution-ShareAlike 4.0",
            }
        ],
        "citation": "Coppedge, Michael, John Gerring, Carl Henrik Knutsen, et al. V-Dem "
        "[Country-Year] Dataset v16. Varieties of Democracy (V-Dem) Project.",
        "primaryKey": ["iso3", "year"],
        "sort": ["iso3", "year"],
        "fields": [
            _iso3(),
            _year(),
            _f(
                "electoral_democracy",
                "number",
                "electoral democracy index, 0-1 (v2x_polyarchy)",
                decimals=3,
            ),
            _f(
                "liberal_democracy",
                "number",
                "liberal democracy index, 0-1 (v2x_libdem)",
                decimals=3,
            ),
            _f(
                "participatory_democracy",
                "number",
                "participatory democracy index, 0-1 (v2x_partipdem)",
                decimals=3,
            ),
            _f(
                "deliberative_democracy",
                "number",
                "deliberative democracy index, 0-1 (v2x_delibdem)",
                decimals=3,
            ),
            _f(
                "egalitarian_democracy",
                "number",
                "egalitarian democracy index, 0-1 (v2x_egaldem)",
                decimals=3,
            ),
            _f(
                "regime_type",
                "integer",
                "Regimes of the World: 0 closed autocracy, 1 electoral "
                "autocracy, 2 electoral democracy, 3 liberal democracy (v2x_regime)",
                constraints={"minimum": 0, "maximum": 3},
            ),
            _f(
                "regime_type_ambiguous",
                "integer",
                "Regimes of the World with ambiguous categories, 0-9 (v2x_regime_amb)",
            ),
            _f("civil_liberties", "number", "civil liberties index, 0-1 (v2x_civlib)", decimals=3),
            _f(
                "equality_before_law_liberty",
                "number",
                "equality before the law and individual liberty index, 0-1 (v2xcl_rol)",
                decimals=3,
            ),
            _f("rule_of_law", "number", "rule of law index, 0-1 (v2x_rule)", decimals=3),
            _f(
                "cso_consultation",
                "number",
                "CSO consultation, model estimate (higher = more consulted) (v2cscnsult)",
                decimals=3,
            ),
            _f(
                "cso_participatory_environment",
                "number",
                "CSO participatory environment, model estimate (v2csprtcpt)",
                decimals=3,
            ),
            _f(
                "judicial_constraints",
                "number",
                "judicial constraints on the executive index, 0-1 (v2x_jucon)",
                decimals=3,
            ),
            _f(
                "neopatrimonialism",
                "number",
                "neopatrimonial rule index, 0-1 (higher = more neopatrimonial) (v2x_neopat)",
                decimals=3,
            ),
            _f(
                "political_violence",
                "number",
                "political violence by non-state actors, model "
                "estimate (higher = less violence) (v2caviol)",
                decimals=3,
            ),
        ],
    },
    "trade_russia_ukraine": {
        "title": "African imports from Russia and Ukraine, 2018-2020 average",
        "description": (
            "One row per African importing country and exporter (Russia or Ukraine): the value of "
            "goods imported, thousands of US$, averaged over 2018-2020, from CEPII BACI (HS17, "
            "V202201) as processed by the ONE Campaign."
        ),
        "sources": [
            _src(
                "CEPII BACI via ONE Campaign DataDive_Ukraine",
                "https://github.com/ONEcampaign/DataDive_Ukraine",
                "CEPII; ONE Campaign",
                "BACI V202201; ONEcampaign/DataDive_Ukraine commit 098846af",
            ),
        ],
        "licenses": [
            {
                "name": "etalab-2.0",
                "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
                "title": "Licence Ouverte / Open Licence 2.0 (CEPII BACI); the ONE "
                "repository states no licence",
            }
        ],
        "citation": "Gaulier, G. and Zignago, S. (2010). BACI: International Trade Database at "
        "the Product-Level, CEPII Working Paper 2010-23 (BACI HS17 V202201), as processed by the "
        "ONE Campaign (DataDive_Ukraine).",
        "primaryKey": ["importer_iso3", "exporter_iso3"],
        "sort": ["importer_iso3", "exporter_iso3"],
        "fields": [
            _iso3("importer_iso3", "importing country"),
            _f("importer", "string", "importer name as in the source"),
            _iso3("exporter_iso3", "exporting country (RUS or UKR)"),
            _f("exporter", "string", "Russia or Ukraine"),
            _f(
                "value_thousand_usd",
                "number",
                "imports, thousands of US dollars, 2018-2020 average",
                decimals=1,
            ),
        ],
    },
    "events": {
        "title": "Timeline of events (curated)",
        "description": (
            "One row per dated event in the course's story (coups, deployments, withdrawals, "
            "agreements, regional organisations, sanctions, attacks, ...), written by the course "
            "authors in their own words. Every row cites a public source. Merged from "
            "scripts/curated/events_*.csv."
        ),
        "sources": [CURATED_SOURCE],
        "licenses": [COURSE_LICENCE],
        "primaryKey": ["event_id"],
        "sort": ["date", "event_id"],
        "fields": [
            _f(
                "event_id",
                "string",
                "stable slug YYYY-MM-DD-short-name",
                constraints={
                    "required": True,
                    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9-]+$",
                },
            ),
            _f("date", "date", "date of the event", constraints={"required": True}),
            _precision("date_precision"),
            _f("title", "string", "short title", constraints={"required": True}),
            _f(
                "description",
                "string",
                "one or two sentences; contested claims attributed",
                constraints={"required": True},
            ),
            _f(
                "countries",
                "string",
                "ISO3 codes of the countries concerned, ';'-separated",
                constraints={"required": True},
                iso3=True,
            ),
            _f("actors", "string", "short names of the actors, ';'-separated (see CONTRIBUTING)"),
            _f(
                "category",
                "string",
                "kind of event",
                constraints={"required": True, "enum": EVENT_CATEGORIES},
            ),
            *_sources(),
        ],
    },
    "memberships": {
        "title": "Memberships of regional organisations (curated)",
        "description": (
            "One row per organisation, member country and membership spell (ECOWAS, UEMOA, G5 "
            "Sahel, AES, MNJTF, Liptako-Gourma Authority); 'left' is empty while a member. "
            "Copied from scripts/curated/memberships.csv after checks."
        ),
        "sources": [CURATED_SOURCE],
        "licenses": [COURSE_LICENCE],
        "primaryKey": ["organisation", "iso3", "joined"],
        "sort": ["organisation", "iso3", "joined"],
        "date_order": [("joined", "left")],
        "fields": [
            _f(
                "organisation",
                "string",
                "organisation code",
                constraints={
                    "required": True,
                    "enum": ["ECOWAS", "UEMOA", "G5S", "AES", "MNJTF", "LGA"],
                },
            ),
            _f(
                "organisation_name",
                "string",
                "full name of the organisation",
                constraints={"required": True},
            ),
            _f(
                "iso3",
                "string",
                "ISO3 code of the member",
                constraints={"required": True, "pattern": "^[A-Z]{3}$"},
                iso3=True,
            ),
            _f("joined", "date", "date membership began", constraints={"required": True}),
            _precision("joined_precision"),
            _f("left", "date", "date membership ended; empty while a member"),
            _precision("left_precision", required=False),
            _f("note", "string", "remarks, e.g. suspensions"),
            *_sources(),
        ],
    },
    "foreign_presence": {
        "title": "Foreign forces and bases in the region (curated)",
        "description": (
            "One row per foreign force, operation or base in a host country, with start and end "
            "dates and, only where the cited source gives one, a maximum troop figure. Copied from "
            "scripts/curated/foreign_presence.csv after checks."
        ),
        "sources": [CURATED_SOURCE],
        "licenses": [COURSE_LICENCE],
        "primaryKey": ["presence_id"],
        "sort": ["host_iso3", "start", "presence_id"],
        "date_order": [("start", "end")],
        "fields": [
            _f("presence_id", "string", "stable slug", constraints={"required": True}),
            _f(
                "host_iso3",
                "string",
                "ISO3 code of the host country",
                constraints={"required": True, "pattern": "^[A-Z]{3}$"},
                iso3=True,
            ),
            _f(
                "actor",
                "string",
                "foreign actor (France, United States, UN, EU, Russia, ...)",
                constraints={"required": True},
            ),
            _f(
                "actor_type",
                "string",
                "kind of actor",
                constraints={"required": True, "enum": ["state", "un", "eu", "private_military"]},
            ),
            _f(
                "operation",
                "string",
                "operation, mission or base name",
                constraints={"required": True},
            ),
            _f("start", "date", "start of the presence", constraints={"required": True}),
            _precision("start_precision"),
            _f("end", "date", "end of the presence; empty if ongoing"),
            _precision("end_precision", required=False),
            _f(
                "troops_max",
                "integer",
                "largest troop number the source gives (people); empty if none",
                constraints={"minimum": 0},
            ),
            _f("troops_note", "string", "what the troop figure refers to"),
            *_sources(),
        ],
    },
    "resource_projects": {
        "title": "Mines, oil fields and pipelines (curated)",
        "description": (
            "One row per mine, oil field or pipeline discussed in the course, with its operator "
            "and latest status. Copied from scripts/curated/resource_projects.csv after checks."
        ),
        "sources": [CURATED_SOURCE],
        "licenses": [COURSE_LICENCE],
        "primaryKey": ["project_id"],
        "sort": ["iso3", "project_id"],
        "fields": [
            _f("project_id", "string", "stable slug", constraints={"required": True}),
            _f("project", "string", "project name", constraints={"required": True}),
            _f(
                "iso3",
                "string",
                "ISO3 code(s) of the host country, ';'-separated for cross-border pipelines",
                constraints={"required": True},
                iso3=True,
            ),
            _f(
                "commodity",
                "string",
                "main commodity (gold, uranium, oil, lithium, ...)",
                constraints={"required": True},
            ),
            _f("operator", "string", "operating company"),
            _f(
                "operator_country",
                "string",
                "ISO3 code(s) of the operator's home country",
                iso3=True,
            ),
            _f("start_year", "integer", "year production or operation began"),
            _f("status", "string", "latest status", constraints={"required": True}),
            _f("status_date", "date", "date of the latest status"),
            _precision("status_precision", required=False),
            _f("status_note", "string", "what happened, in a sentence"),
            *_sources(),
        ],
    },
}

TOPOLOGY = {
    "name": "africa_topology",
    "path": "africa_topology.json",
    "format": "json",
    "mediatype": "application/json",
    "title": "Map topology of Africa (TopoJSON)",
    "description": (
        "Country outlines of Africa as TopoJSON, feature ids ISO 3166-1 numeric (see "
        "countries.iso_numeric). Derived by scripts/build_topology.py from Natural Earth 4.1.0 "
        "via world-atlas 2.0.2. Borders follow Natural Earth's de-facto depiction."
    ),
    "sources": [
        _src(
            "Natural Earth Admin 0 countries, via the world-atlas npm package",
            "https://www.naturalearthdata.com/",
            "Natural Earth",
            "4.1.0 (world-atlas 2.0.2)",
        ),
    ],
    "licenses": [
        {
            "name": "other-pd",
            "path": "https://www.naturalearthdata.com/about/terms-of-use/",
            "title": "Public domain (Natural Earth); world-atlas packaging ISC",
        }
    ],
}

BUILD_ONLY_KEYS = ("decimals", "iso3")


def build_catalogue() -> dict:
    """The Frictionless Data Package descriptor for every shipped file."""
    resources = []
    for name, spec in TABLES.items():
        fields = []
        for field in copy.deepcopy(spec["fields"]):
            for key in BUILD_ONLY_KEYS:
                field.pop(key, None)
            fields.append(field)
        schema: dict = {"fields": fields, "missingValues": [""]}
        if "primaryKey" in spec:
            schema["primaryKey"] = spec["primaryKey"]
        resource = {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": spec["title"],
            "description": spec["description"],
            "sources": spec["sources"],
            "licenses": spec["licenses"],
            "schema": schema,
        }
        if "citation" in spec:
            resource["citation"] = spec["citation"]
        resources.append(resource)
    resources.append(copy.deepcopy(TOPOLOGY))
    return {
        "profile": "data-package",
        "name": "sahel-course-data",
        "title": "Sahel Realignment course data",
        "description": (
            "Small tidy tables for the Sahel Realignment course, derived from public datasets "
            "by scripts/build_data.py (provenance of the raw files: ../shared/data/PROVENANCE.md) "
            "and hand-curated, sourced rows from scripts/curated/."
        ),
        "created": f"{DATA_AS_OF}T00:00:00Z",
        "data_as_of": DATA_AS_OF,
        "licenses": [COURSE_LICENCE],
        "resources": resources,
    }
