"""Test-session settings shared by unit tests, notebook runs (nbval) and browser tests.

Quiz answers given while the suite runs go to a throw-away progress file, never to the
tester's own ``~/.sahel_course/progress.json``. Kernels started by nbval inherit the variable.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="sahel-course-tests-"))
    os.environ["SAHEL_COURSE_PROGRESS"] = str(scratch / "progress.json")
