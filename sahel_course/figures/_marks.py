"""Labelled lines and captions shared by the line and bar builders.

Lines differ by colour, dash *and* marker symbol, and each is named at its last point, so the
legend is not needed to tell them apart. End labels are spread apart vertically so close lines
do not print their names on top of each other. Captions sit under the x-axis title at a fixed
pixel offset, with the bottom margin grown to fit them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sahel_course.figures._common import wrap

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from sahel_course.palette import Style

#: Pixels between the bottom of the plot area and the caption (tick labels and axis title).
CAPTION_OFFSET = 64
CAPTION_LINE = 16


def add_line(
    fig: go.Figure,
    x: Sequence[Any],
    y: Sequence[Any],
    *,
    name: str,
    style: Style,
    hovertemplate: str,
    customdata: Sequence[Any] | None = None,
    marker_size: int = 7,
) -> None:
    """Add one line trace drawn with the colour, dash and marker symbol of ``style``."""
    fig.add_scatter(
        x=list(x), y=list(y), name=name, mode="lines+markers", customdata=customdata,
        line={"color": style.color, "dash": style.dash, "width": 2.5},
        marker={"symbol": style.symbol, "size": marker_size, "color": style.color},
        hovertemplate=hovertemplate,
    )  # fmt: skip


def spread(values: Sequence[float], gap: float) -> list[float]:
    """``values`` moved up as little as needed so that sorted neighbours are ``gap`` apart.

    Returned in the input order. Used for end-of-line labels on a fixed-range axis.
    """
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = list(values)
    floor = None
    for i in order:
        placed[i] = values[i] if floor is None else max(values[i], floor + gap)
        floor = placed[i]
    return placed


def label_line_ends(fig: go.Figure, ends: Sequence[tuple[str, Any, float]], *, gap: float) -> None:
    """Write each line's name right of its last point: ``ends`` holds ``(name, x, y)``.

    Labels closer than ``gap`` (in y-axis units) are pushed apart; the margin keeps room.
    """
    heights = spread([end[2] for end in ends], gap)
    for (name, x, _), y in zip(ends, heights, strict=True):
        fig.add_annotation(
            x=x, y=y, text=name, showarrow=False, xanchor="left", xshift=8,
            font={"size": 13}, bgcolor="rgba(255,255,255,0.8)",
        )  # fmt: skip


def add_caption(fig: go.Figure, text: str, *, width: int = 110) -> None:
    """A small-print caption under the x axis (wrapped at ``width`` characters)."""
    lines = wrap(text, width)
    fig.add_annotation(
        text=lines, xref="paper", yref="paper", x=0, y=0, yshift=-CAPTION_OFFSET,
        xanchor="left", yanchor="top", align="left", showarrow=False, font={"size": 12},
    )  # fmt: skip
    fig.update_layout(margin={"b": CAPTION_OFFSET + 16 + CAPTION_LINE * (lines.count("<br>") + 1)})


def legend_on_top(fig: go.Figure, title: str) -> None:
    """A horizontal legend between the title and the plot (the right margin holds end labels)."""
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom",
                "title": {"text": title}},
        margin={"t": 110, "r": 150},
    )  # fmt: skip
