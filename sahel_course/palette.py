"""Colours, marker symbols, dash styles and the plotly template of every course figure.

One place for the visual vocabulary. Nothing here is installed as a global default: builders
pass ``template=course_template()`` and the colours below explicitly. Colours follow the
Okabe-Ito palette, which stays distinguishable for the common colour-vision deficiencies, and
every category also gets a marker symbol or a dash style, so no meaning is carried by colour
alone.

Importing this module is cheap: plotly is imported only inside :func:`course_template`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import plotly.graph_objects as go

#: Okabe & Ito (2008), "Color Universal Design", https://jfly.uni-koeln.de/color/
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
GREY = "#999999"
LIGHT_GREY = "#E5E5E5"
WATER = "#EAF4FB"

#: Order used when categories have no fixed style (yellow last: weak contrast on white).
QUALITATIVE: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["orange"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["black"],
    OKABE_ITO["yellow"],
)
SYMBOLS: tuple[str, ...] = (
    "circle", "square", "diamond", "triangle-up", "x", "star", "triangle-down", "cross",
    "pentagon", "hexagram", "hourglass", "bowtie", "circle-open", "square-open",
)  # fmt: skip
DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
PATTERNS: tuple[str, ...] = ("", "/", ".", "x", "\\", "+", "-", "|")


class Style(NamedTuple):
    """How one category is drawn: colour plus a non-colour cue for each trace kind."""

    color: str
    symbol: str
    dash: str
    pattern: str


def style_at(index: int) -> Style:
    """The ``index``-th style of the default cycle (wraps around)."""
    return Style(
        QUALITATIVE[index % len(QUALITATIVE)],
        SYMBOLS[index % len(SYMBOLS)],
        DASHES[index % len(DASHES)],
        PATTERNS[index % len(PATTERNS)],
    )


def styles_for(keys: list[str] | tuple[str, ...]) -> dict[str, Style]:
    """Assign a style to each key: fixed styles for known keys, the cycle for the rest."""
    styles: dict[str, Style] = {}
    free = (style_at(i) for i in range(len(QUALITATIVE) * len(SYMBOLS)))
    used = {FIXED[k].color for k in keys if k in FIXED}
    for key in keys:
        if key in FIXED:
            styles[key] = FIXED[key]
            continue
        style = next(free)
        while style.color in used and len(used) < len(QUALITATIVE):
            style = next(free)
        used.add(style.color)
        styles[key] = style
    return styles


#: Fixed styles for categories that recur across figures, so a reader learns them once.
FIXED: dict[str, Style] = {
    # foreign actors
    "France": Style(OKABE_ITO["blue"], "square", "solid", "/"),
    "Russia": Style(OKABE_ITO["vermillion"], "diamond", "dash", "x"),
    "Wagner": Style(OKABE_ITO["vermillion"], "x", "dashdot", "\\"),
    "Africa Corps": Style(OKABE_ITO["vermillion"], "triangle-down", "longdash", "|"),
    "United States": Style(OKABE_ITO["sky_blue"], "triangle-up", "dot", "."),
    "China": Style(OKABE_ITO["reddish_purple"], "star", "dashdot", "+"),
    "UN": Style(OKABE_ITO["bluish_green"], "circle", "longdash", "\\"),
    "EU": Style(OKABE_ITO["orange"], "pentagon", "longdashdot", "-"),
    "Turkiye": Style(OKABE_ITO["black"], "cross", "solid", "|"),
    # violence types (UCDP)
    "state_based": Style(OKABE_ITO["blue"], "square", "solid", ""),
    "non_state": Style(OKABE_ITO["orange"], "diamond", "dash", "/"),
    "one_sided": Style(OKABE_ITO["vermillion"], "x", "dot", "x"),
    # regional organisations
    "ECOWAS": Style(OKABE_ITO["sky_blue"], "circle", "solid", ""),
    "G5 Sahel": Style(OKABE_ITO["bluish_green"], "square", "dash", "/"),
    "AES": Style(OKABE_ITO["vermillion"], "diamond", "dot", "x"),
    # the three AES states
    "MLI": Style(OKABE_ITO["bluish_green"], "circle", "solid", ""),
    "BFA": Style(OKABE_ITO["vermillion"], "square", "dash", "/"),
    "NER": Style(OKABE_ITO["orange"], "diamond", "dot", "x"),
}

FONT_FAMILY = "Arial, Helvetica, sans-serif"  # system fonts only: nothing fetched


def course_template() -> go.layout.Template:
    """The plotly template of every course figure (pass it explicitly; never a global default).

    Plain white background, light grid, readable 14 px system font, Okabe-Ito colourway and a
    hover label with enough contrast.
    """
    import plotly.graph_objects as go

    return go.layout.Template(
        layout=go.Layout(
            font={"family": FONT_FAMILY, "size": 14, "color": "#222222"},
            colorway=list(QUALITATIVE),
            paper_bgcolor="white",
            plot_bgcolor="white",
            xaxis={"gridcolor": LIGHT_GREY, "linecolor": GREY, "zeroline": False,
                   "automargin": True},
            yaxis={"gridcolor": LIGHT_GREY, "linecolor": GREY, "zeroline": False,
                   "automargin": True},
            hoverlabel={"bgcolor": "white", "font": {"family": FONT_FAMILY, "size": 13}},
            legend={"bgcolor": "rgba(255,255,255,0.85)"},
            margin={"l": 70, "r": 30, "t": 80, "b": 60},
        )
    )
