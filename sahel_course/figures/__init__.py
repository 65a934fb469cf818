"""Figure builders of the course: each returns a plotly figure and never calls ``.show()``.

Every builder ``plot_<thing>(...)`` has two companions with the same data arguments:
``<thing>_table(...)`` returns the tidy table drawn, and ``describe_<thing>(...)`` returns a
short plain-text summary for screen readers and printed handouts. Figures are
:class:`OfflineFigure` instances, so they display without any network access.

Importing this package imports plotly (lessons import it explicitly).
"""

from sahel_course.figures._offline import OfflineFigure

__all__ = ["OfflineFigure"]
