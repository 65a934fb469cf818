"""Importing the package is cheap and changes nothing global."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import plotly.io as pio
before = (pio.renderers.default, pio.templates.default)
import sahel_course
after = (pio.renderers.default, pio.templates.default)
print(json.dumps({"same": before == after}))
"""

HEAVY = ["pandas", "plotly", "ipywidgets", "numpy", "yaml", "nbgrader"]


def _run(code: str) -> str:
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return result.stdout


def test_import_does_not_change_plotly_renderer_or_template() -> None:
    assert json.loads(_run(PROBE)) == {"same": True}


def test_import_loads_no_heavy_dependency() -> None:
    code = (
        "import sys, json, sahel_course\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    assert json.loads(_run(code)) == []
