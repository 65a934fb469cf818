"""``OfflineFigure``: a ``go.Figure`` that always travels with the offline config."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from sahel_course.geo import offline_config


class OfflineFigure(go.Figure):
    """A ``plotly.graph_objects.Figure`` displayed and exported with ``offline_config()``.

    A plain figure's ``_repr_mimebundle_`` sends no config, so plotly.js would use its CDN
    defaults (map topology downloaded from plotly's CDN). This subclass passes the offline config to
    every path: notebook display (``_repr_mimebundle_``, ``_ipython_display_``), ``show``,
    ``to_html`` and ``write_html``. A ``config`` given by the caller is merged on top.
    Everything else is an ordinary ``go.Figure``.
    """

    def _merged_config(self, config: dict[str, Any] | None) -> dict[str, Any]:
        return offline_config(**(config or {}))

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None, validate: bool = True, **kwargs: Any
    ) -> dict[str, Any]:
        """The mime bundle of the active renderers, built with the offline config."""
        kwargs["config"] = self._merged_config(kwargs.get("config"))
        return super()._repr_mimebundle_(include, exclude, validate, **kwargs)

    def _ipython_display_(self) -> None:
        """Display through plotly's renderers with the offline config."""
        if pio.renderers.render_on_display and pio.renderers.default:
            pio.show(self, config=self._merged_config(None))
        else:
            print(repr(self))

    def show(self, *args: Any, **kwargs: Any) -> None:
        """``go.Figure.show`` with the offline config merged into ``config``."""
        kwargs["config"] = self._merged_config(kwargs.get("config"))
        pio.show(self, *args, **kwargs)

    def to_html(self, *args: Any, **kwargs: Any) -> str:
        """``go.Figure.to_html`` with the offline config merged into ``config``."""
        kwargs["config"] = self._merged_config(kwargs.get("config"))
        return super().to_html(*args, **kwargs)

    def write_html(self, *args: Any, **kwargs: Any) -> None:
        """``go.Figure.write_html`` with the offline config merged into ``config``."""
        kwargs["config"] = self._merged_config(kwargs.get("config"))
        super().write_html(*args, **kwargs)
