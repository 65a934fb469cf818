"""Sahel Realignment: helpers for the course notebooks.

Importing this package is cheap and changes nothing global: no plotly renderer, template or
pandas option is touched. Import the submodule you need, for example
``from sahel_course import datasets`` or ``from sahel_course.quiz import ask``.
"""

__version__ = "0.1.0"
