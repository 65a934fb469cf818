"""Figure builders of the course: each returns a plotly figure and never calls ``.show()``.

Convention: every builder ``plot_<thing>(data=None, *, options)`` has two companions taking
the same arguments: ``<thing>_table(...)`` returns the tidy table that is drawn, and
``describe_<thing>(...)`` returns a short plain-text summary for screen readers and printed
handouts. ``data=None`` loads the course table. Figures are :class:`OfflineFigure` instances,
so they display without any network access (see ``sahel_course.geo``).

Importing this package imports plotly and pandas (lessons import it explicitly).
"""

from sahel_course.figures._offline import OfflineFigure
from sahel_course.figures.arms import arms_imports_table, describe_arms_imports, plot_arms_imports
from sahel_course.figures.coups import (
    coups_by_decade_table,
    describe_coups_by_decade,
    plot_coups_by_decade,
)
from sahel_course.figures.diplomacy import (
    describe_un_agreement,
    plot_un_agreement,
    un_agreement_table,
)
from sahel_course.figures.economy import (
    china_finance_table,
    describe_china_finance,
    describe_economy,
    economy_table,
    plot_china_finance,
    plot_economy,
)
from sahel_course.figures.investment import (
    china_investment_table,
    describe_china_investment,
    plot_china_investment,
)
from sahel_course.figures.maps import (
    describe_region_map,
    describe_un_votes_map,
    membership_table,
    plot_region_map,
    plot_un_votes_map,
    presence_table,
    region_map_table,
    un_votes_table,
)
from sahel_course.figures.regime import (
    describe_regime_indices,
    plot_regime_indices,
    regime_indices_table,
)
from sahel_course.figures.resources import (
    describe_resource_projects,
    plot_resource_projects,
    resource_projects_table,
)
from sahel_course.figures.timeline import describe_timeline, plot_timeline, timeline_table
from sahel_course.figures.violence import describe_fatalities, fatalities_table, plot_fatalities

__all__ = [
    "OfflineFigure",
    "arms_imports_table",
    "china_finance_table",
    "china_investment_table",
    "coups_by_decade_table",
    "describe_arms_imports",
    "describe_china_finance",
    "describe_china_investment",
    "describe_coups_by_decade",
    "describe_economy",
    "describe_fatalities",
    "describe_regime_indices",
    "describe_region_map",
    "describe_resource_projects",
    "describe_timeline",
    "describe_un_agreement",
    "describe_un_votes_map",
    "economy_table",
    "fatalities_table",
    "membership_table",
    "plot_arms_imports",
    "plot_china_finance",
    "plot_china_investment",
    "plot_coups_by_decade",
    "plot_economy",
    "plot_fatalities",
    "plot_regime_indices",
    "plot_region_map",
    "plot_resource_projects",
    "plot_timeline",
    "plot_un_agreement",
    "plot_un_votes_map",
    "presence_table",
    "regime_indices_table",
    "region_map_table",
    "resource_projects_table",
    "timeline_table",
    "un_agreement_table",
    "un_votes_table",
]
