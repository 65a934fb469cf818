"""Maps of the region (memberships, foreign forces) and of UN General Assembly votes.

Every map uses the shipped topology through :mod:`sahel_course.geo` and is returned as an
:class:`~sahel_course.figures.OfflineFigure`, so it draws without network access. Categories
are shown by colour *and* by a text label or marker symbol on the map.

The regional map is built as a fixed set of traces (:func:`region_map_skeleton`) that
:func:`region_map_updates` fills for one year; ``MapExplorer`` reuses both to update a
``FigureWidget`` in place.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from sahel_course.datasets import country_names
from sahel_course.figures._common import as_codes, new_figure, region_countries, set_titles, wrap
from sahel_course.geo import country_centroids, geo_layout
from sahel_course.palette import GREY, LIGHT_GREY, OKABE_ITO, styles_for

if TYPE_CHECKING:
    from sahel_course.figures._offline import OfflineFigure

LAYERS = ("membership", "presence")
ORGANISATIONS = ("ECOWAS", "G5S", "AES")
ORGANISATION_NAMES = {"ECOWAS": "ECOWAS", "G5S": "G5 Sahel", "AES": "AES"}
NONE_LABEL = "None of these"
#: Colours of membership combinations that occur in the region (others use the cycle).
MEMBERSHIP_COLORS = {
    "ECOWAS": OKABE_ITO["sky_blue"],
    "ECOWAS + G5 Sahel": OKABE_ITO["bluish_green"],
    "ECOWAS + AES": OKABE_ITO["orange"],
    "ECOWAS + G5 Sahel + AES": OKABE_ITO["reddish_purple"],
    "G5 Sahel": OKABE_ITO["yellow"],
    "AES": OKABE_ITO["vermillion"],
    NONE_LABEL: LIGHT_GREY,
}
VOTES = ("yes", "no", "abstain", "non_voting")
VOTE_STYLE = {
    "yes": (OKABE_ITO["blue"], "Y", "Yes"),
    "no": (OKABE_ITO["vermillion"], "N", "No"),
    "abstain": (OKABE_ITO["orange"], "A", "Abstained"),
    "non_voting": (LIGHT_GREY, "–", "Did not vote"),
}
AFRICA_LON = (-26.0, 60.0)
AFRICA_LAT = (-36.0, 38.0)


# --------------------------------------------------------------------------- membership


def _memberships(memberships: pd.DataFrame | None) -> pd.DataFrame:
    if memberships is None:
        from sahel_course.datasets import load_memberships

        return load_memberships()
    return memberships


def membership_label(organisations: Iterable[str]) -> str:
    """``"ECOWAS + AES"``-style label of a set of organisation codes (fixed order)."""
    chosen = [ORGANISATION_NAMES[o] for o in ORGANISATIONS if o in set(organisations)]
    return " + ".join(chosen) or NONE_LABEL


def membership_table(
    year: int,
    *,
    memberships: pd.DataFrame | None = None,
    countries: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Membership of ECOWAS, G5 Sahel and AES at the end of ``year`` (31 December).

    One row per country (default: West Africa plus Chad and Sudan) with ``iso3``, ``name``,
    one boolean column per organisation code (``ECOWAS``, ``G5S``, ``AES``) and ``status``
    (the combined label drawn on the map). A member is counted until its ``left`` date.
    """
    frame = _memberships(memberships)
    codes = as_codes(countries) or region_countries()
    names = country_names()
    when = pd.Timestamp(year=year, month=12, day=31)
    joined = pd.to_datetime(frame["joined"])
    left = pd.to_datetime(frame["left"])
    active = frame[(joined <= when) & (left.isna() | (left > when))]
    rows = []
    for iso3 in codes:
        orgs = set(active.loc[active["iso3"] == iso3, "organisation"].astype("string"))
        row: dict[str, Any] = {"iso3": iso3, "name": names.get(iso3, iso3)}
        row.update({org: org in orgs for org in ORGANISATIONS})
        row["status"] = membership_label(orgs)
        rows.append(row)
    return pd.DataFrame(rows, columns=["iso3", "name", *ORGANISATIONS, "status"])


def membership_categories(
    *, memberships: pd.DataFrame | None = None, countries: Iterable[str] | None = None
) -> list[str]:
    """Every membership label any of ``countries`` has in any year of the table, in a fixed order.

    This fixes the map's traces once, so a year change only moves countries between them.
    """
    frame = _memberships(memberships)
    dates = pd.concat([pd.to_datetime(frame["joined"]), pd.to_datetime(frame["left"])]).dropna()
    years = sorted({d.year for d in dates} | {d.year - 1 for d in dates})
    found = {NONE_LABEL}
    for year in years:
        found |= set(membership_table(year, memberships=frame, countries=countries)["status"])
    order = list(MEMBERSHIP_COLORS)
    return sorted(found, key=lambda label: (order.index(label) if label in order else 99, label))


# --------------------------------------------------------------------------- presence


def _presence(presence: pd.DataFrame | None) -> pd.DataFrame:
    if presence is None:
        from sahel_course.datasets import load_foreign_presence

        return load_foreign_presence()
    return presence


def presence_table(
    year: int,
    *,
    presence: pd.DataFrame | None = None,
    countries: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Foreign forces present in ``countries`` at any time during ``year``.

    Columns: ``host_iso3``, ``host``, ``actor``, ``operation``, ``start``, ``end``,
    ``troops_max``, ``source_title``, ``source_url``; sorted by host then actor.
    """
    frame = _presence(presence)
    codes = as_codes(countries) or region_countries()
    first, last = pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)
    start, end = pd.to_datetime(frame["start"]), pd.to_datetime(frame["end"])
    rows = frame[frame["host_iso3"].isin(codes) & (start <= last) & (end.isna() | (end >= first))]
    names = country_names()
    table = rows.assign(host=rows["host_iso3"].map(lambda c: names.get(c, c)))
    columns = ["host_iso3", "host", "actor", "operation", "start", "end", "troops_max",
               "source_title", "source_url"]  # fmt: skip
    return table[columns].sort_values(["host_iso3", "actor", "start"]).reset_index(drop=True)


def presence_actors(
    *, presence: pd.DataFrame | None = None, countries: Iterable[str] | None = None
) -> list[str]:
    """Actors with a presence in ``countries`` in any year, most frequent first (fixed traces)."""
    frame = _presence(presence)
    codes = as_codes(countries) or region_countries()
    counts = frame.loc[frame["host_iso3"].isin(codes), "actor"].astype("string").value_counts()
    return sorted(counts.index, key=lambda actor: (-counts[actor], actor))


def _offset(index: int, count: int, radius: float = 1.6) -> tuple[float, float]:
    """A fixed offset (degrees) for the ``index``-th actor so markers in one host do not overlap."""
    angle = 2 * math.pi * index / max(count, 1)
    return radius * math.cos(angle), radius * math.sin(angle)


# --------------------------------------------------------------------------- region map


def region_map_skeleton(
    *,
    layer: str = "membership",
    memberships: pd.DataFrame | None = None,
    presence: pd.DataFrame | None = None,
    countries: Iterable[str] | None = None,
) -> OfflineFigure:
    """The regional map's fixed traces, empty: one per category or actor, then the labels.

    ``membership``: one choropleth per membership label (colour + legend entry), then one text
    trace of ISO3 codes and organisation names. ``presence``: one choropleth of the countries
    shown, one marker trace per foreign actor (colour + symbol + name), then the ISO3 labels.
    """
    if layer not in LAYERS:
        raise ValueError(f"layer must be one of {LAYERS}, not {layer!r}")
    fig = new_figure()
    if layer == "membership":
        for label in membership_categories(memberships=memberships, countries=countries):
            color = MEMBERSHIP_COLORS.get(label, GREY)
            fig.add_choropleth(
                locations=[], z=[], name=label, showlegend=True, showscale=False,
                locationmode="ISO-3", colorscale=[[0, color], [1, color]], zmin=0, zmax=1,
                marker={"line": {"color": "white", "width": 0.8}}, hoverinfo="text",
            )  # fmt: skip
    else:
        fig.add_choropleth(
            locations=[], z=[], name="Countries shown", showlegend=False, showscale=False,
            locationmode="ISO-3", colorscale=[[0, "#F2F2F2"], [1, "#F2F2F2"]], zmin=0, zmax=1,
            marker={"line": {"color": GREY, "width": 0.8}}, hoverinfo="skip",
        )  # fmt: skip
        actors = presence_actors(presence=presence, countries=countries)
        styles = styles_for(actors)
        for actor in actors:
            fig.add_scattergeo(
                lon=[], lat=[], name=actor, mode="markers+text", textposition="middle right",
                marker={"size": 13, "color": styles[actor].color, "symbol": styles[actor].symbol,
                        "line": {"color": "white", "width": 1}},
                textfont={"size": 10, "color": "#222222"}, hoverinfo="text",
            )  # fmt: skip
    fig.add_scattergeo(
        lon=[], lat=[], mode="text", name="Labels", showlegend=False, hoverinfo="skip",
        textfont={"size": 10, "color": "#111111"},
    )  # fmt: skip
    fig.update_layout(
        geo=geo_layout(), height=480, margin={"l": 10, "r": 10, "t": 70, "b": 10},
        legend={"title": {"text": "Member of" if layer == "membership" else "Foreign forces"},
                "itemsizing": "constant"},
    )  # fmt: skip
    return fig


def region_map_updates(
    year: int,
    *,
    layer: str = "membership",
    memberships: pd.DataFrame | None = None,
    presence: pd.DataFrame | None = None,
    countries: Iterable[str] | None = None,
    trace_names: list[str],
) -> list[dict[str, Any]]:
    """Property updates, one dict per trace of :func:`region_map_skeleton`, for ``year``.

    ``trace_names`` are the skeleton's trace names in order (they say which category or actor
    each trace shows). Pure: the figure is not touched.
    """
    codes = as_codes(countries) or region_countries()
    centroids = country_centroids()
    located = [c for c in codes if c in centroids]
    label_trace = {
        "lon": [centroids[c][0] for c in located],
        "lat": [centroids[c][1] for c in located],
        "text": located,
    }
    updates: list[dict[str, Any]] = []
    if layer == "membership":
        table = membership_table(year, memberships=memberships, countries=located)
        for name in trace_names[:-1]:
            rows = table[table["status"] == name]
            updates.append({
                "locations": list(rows["iso3"]), "z": [1] * len(rows),
                "text": [f"{r.name}: {r.status} (end of {year})" for r in rows.itertuples()],
            })  # fmt: skip
        orgs = {r.iso3: _short_orgs(r) for r in table.itertuples()}
        label_trace["text"] = [f"<b>{c}</b><br>{orgs[c]}" if orgs[c] else f"<b>{c}</b>"
                               for c in located]  # fmt: skip
    else:
        table = presence_table(year, presence=presence, countries=located)
        updates.append({"locations": located, "z": [0] * len(located)})
        actors = trace_names[1:-1]
        for index, actor in enumerate(actors):
            rows = table[table["actor"] == actor]
            dx, dy = _offset(index, len(actors))
            updates.append({
                "lon": [centroids[h][0] + dx for h in rows["host_iso3"]],
                "lat": [centroids[h][1] + dy for h in rows["host_iso3"]],
                "text": [actor] * len(rows),
                "hovertext": [_presence_hover(r) for r in rows.itertuples()],
            })  # fmt: skip
    updates.append(label_trace)
    return updates


def _short_orgs(row: Any) -> str:
    return "·".join(org for org in ORGANISATIONS if getattr(row, org))


def _presence_hover(row: Any) -> str:
    end = "ongoing" if pd.isna(row.end) else f"{row.end:%Y-%m}"
    troops = "" if pd.isna(row.troops_max) else f"<br>Up to {int(row.troops_max):,} personnel"
    return (f"<b>{row.actor}</b> in {row.host}: {wrap(row.operation, 50)}<br>"
            f"{row.start:%Y-%m} to {end}{troops}<br><i>{wrap(row.source_title, 50)}</i>")


def region_map_table(
    year: int,
    *,
    layer: str = "membership",
    memberships: pd.DataFrame | None = None,
    presence: pd.DataFrame | None = None,
    countries: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The table behind :func:`plot_region_map`: membership or presence table for the year."""
    if layer not in LAYERS:
        raise ValueError(f"layer must be one of {LAYERS}, not {layer!r}")
    if layer == "membership":
        return membership_table(year, memberships=memberships, countries=countries)
    return presence_table(year, presence=presence, countries=countries)


def region_map_title(year: int, layer: str) -> str:
    """The regional map's title for ``year`` and ``layer``."""
    if layer == "membership":
        return f"Regional organisations at the end of {year}: ECOWAS, G5 Sahel, AES"
    return f"Foreign forces present in the region during {year}"


def plot_region_map(
    year: int,
    *,
    layer: str = "membership",
    memberships: pd.DataFrame | None = None,
    presence: pd.DataFrame | None = None,
    countries: Iterable[str] | None = None,
) -> OfflineFigure:
    """Map of West Africa, Chad and Sudan in ``year``.

    ``layer="membership"``: countries coloured by their ECOWAS / G5 Sahel / AES membership at
    the end of the year, each also labelled with its ISO3 code and organisations.
    ``layer="presence"``: one marker per foreign actor and host country (symbol, colour and
    name), hover giving the operation, dates, size and source.
    """
    fig = region_map_skeleton(
        layer=layer, memberships=memberships, presence=presence, countries=countries
    )
    updates = region_map_updates(
        year, layer=layer, memberships=memberships, presence=presence, countries=countries,
        trace_names=[trace.name for trace in fig.data],
    )  # fmt: skip
    for trace, update in zip(fig.data, updates, strict=True):
        trace.update(update)
    set_titles(fig, title=region_map_title(year, layer))
    return fig


def describe_region_map(
    year: int,
    *,
    layer: str = "membership",
    memberships: pd.DataFrame | None = None,
    presence: pd.DataFrame | None = None,
    countries: Iterable[str] | None = None,
) -> str:
    """A plain-text summary of :func:`plot_region_map` (same arguments), for screen readers."""
    if layer == "membership":
        table = membership_table(year, memberships=memberships, countries=countries)
        groups = table.groupby("status", sort=False)["name"].apply(lambda s: ", ".join(s))
        body = "; ".join(f"{status}: {names}" for status, names in groups.items())
    else:
        table = presence_table(year, presence=presence, countries=countries)
        if table.empty:
            return f"{region_map_title(year, layer)}: none recorded."
        hosts = table.groupby("host", sort=False)["actor"].apply(
            lambda actors: ", ".join(dict.fromkeys(actors))
        )
        body = "; ".join(f"{host}: {actors}" for host, actors in hosts.items())
    return f"{region_map_title(year, layer)}. {body}."


# --------------------------------------------------------------------------- UN votes


def _resolution_code(resolution: str) -> str:
    return resolution if resolution.startswith("A/RES/") else f"A/RES/{resolution}"


def un_votes_table(
    resolution: str = "ES-11/1",
    *,
    votes: pd.DataFrame | None = None,
    countries: Iterable[str] | None = None,
) -> pd.DataFrame:
    """How each African state (or each of ``countries``) voted on a General Assembly resolution.

    ``resolution`` may omit the ``A/RES/`` prefix. Columns: ``iso3``, ``country``, ``vote``
    (``yes``/``no``/``abstain``/``non_voting``), ``resolution``, ``date``, ``title``.
    """
    if votes is None:
        from sahel_course.datasets import load_un_votes

        votes = load_un_votes()
    code = _resolution_code(resolution)
    known = set(votes["resolution"].astype("string"))
    if code not in known:
        raise ValueError(f"unknown resolution {resolution!r}; the table has {sorted(known)}")
    if countries is None:
        from sahel_course.datasets import load_countries

        table_c = load_countries()
        codes = list(table_c.loc[table_c["africa"].fillna(False).astype(bool), "iso3"])
    else:
        codes = as_codes(countries) or []
    rows = votes[(votes["resolution"].astype("string") == code) & votes["iso3"].isin(codes)]
    columns = ["iso3", "country", "vote", "resolution", "date", "title"]
    table = rows[columns].astype({"vote": "string", "resolution": "string"})
    return table.sort_values("iso3").reset_index(drop=True)


def plot_un_votes_map(
    resolution: str = "ES-11/1",
    *,
    votes: pd.DataFrame | None = None,
    countries: Iterable[str] | None = None,
) -> OfflineFigure:
    """Map of African states' votes on a UN General Assembly resolution.

    One choropleth per vote (colour + legend entry) and a letter on each country
    (Y yes, N no, A abstained, – did not vote), so the map reads without colour.
    """
    table = un_votes_table(resolution, votes=votes, countries=countries)
    centroids = country_centroids()
    fig = new_figure()
    for vote in VOTES:
        color, _, label = VOTE_STYLE[vote]
        rows = table[table["vote"] == vote]
        fig.add_choropleth(
            locations=rows["iso3"], z=[1] * len(rows), name=f"{label} ({len(rows)})",
            showlegend=True, showscale=False, locationmode="ISO-3",
            colorscale=[[0, color], [1, color]], zmin=0, zmax=1,
            text=[f"{c}: {label}" for c in rows["country"]], hoverinfo="text",
            marker={"line": {"color": "white", "width": 0.8}},
        )  # fmt: skip
    located = table[table["iso3"].isin(list(centroids))]
    fig.add_scattergeo(
        lon=[centroids[c][0] for c in located["iso3"]],
        lat=[centroids[c][1] for c in located["iso3"]],
        text=[VOTE_STYLE[v][1] for v in located["vote"]], mode="text", name="Vote letters",
        showlegend=False, hoverinfo="skip", textfont={"size": 11, "color": "#111111"},
    )  # fmt: skip
    title = table["title"].iloc[0] if not table.empty else ""
    date = f"{table['date'].iloc[0]:%d %B %Y}" if not table.empty else ""
    set_titles(fig, title=f"UN General Assembly {_resolution_code(resolution)} ({date}): {title}")
    fig.update_layout(
        geo=geo_layout(lon_range=AFRICA_LON, lat_range=AFRICA_LAT), height=640,
        legend={"title": {"text": "Vote (letter on map)"}},
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
    )  # fmt: skip
    return fig


def describe_un_votes_map(
    resolution: str = "ES-11/1",
    *,
    votes: pd.DataFrame | None = None,
    countries: Iterable[str] | None = None,
) -> str:
    """A plain-text summary of :func:`plot_un_votes_map` (same arguments), for screen readers."""
    table = un_votes_table(resolution, votes=votes, countries=countries)
    parts = []
    for vote in VOTES:
        names = list(table.loc[table["vote"] == vote, "country"])
        if names:
            parts.append(f"{VOTE_STYLE[vote][2]} ({len(names)}): {', '.join(names)}")
    return f"Votes on {_resolution_code(resolution)}. " + "; ".join(parts) + "."
