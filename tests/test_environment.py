"""The conda/Binder environment and the pip package must install the same tested versions."""

from __future__ import annotations

import re

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest depends on tomli there
    import tomli as tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _split(requirement: str) -> tuple[str, str]:
    """Split 'name >=1,<2' or 'name>=1,<2' into (normalised name, specifier without spaces)."""
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
    return name, match.group(2).replace(" ", "")


def test_environment_yml_pins_the_same_runtime_dependencies_as_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_deps = dict(_split(r) for r in project["dependencies"])
    conda = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_deps = dict(_split(d) for d in conda["dependencies"] if isinstance(d, str))
    conda_deps.pop("pip", None)
    python = conda_deps.pop("python")
    assert conda_deps == pip_deps
    lowest = re.search(r">=(3\.\d+)", python)
    assert lowest and f">={lowest.group(1)}" == project["requires-python"]


def test_binder_postbuild_installs_the_package_without_touching_pinned_dependencies() -> None:
    post_build = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps" in post_build
