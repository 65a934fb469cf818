"""Find the nbgrader course directory and build nbgrader objects configured for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CONFIG_FILE = "nbgrader_config.py"


class CourseError(Exception):
    """A mistake the instructor can fix (wrong folder, unknown assignment ...)."""


def find_course_dir(path: str | Path | None = None) -> Path:
    """Return the course directory: ``path``, else ``./exercises``, else the current folder.

    A course directory is a folder holding ``nbgrader_config.py``.
    """
    candidates = [Path(path)] if path is not None else [Path("exercises"), Path(".")]
    for candidate in candidates:
        if (candidate / CONFIG_FILE).is_file():
            return candidate.resolve()
    where = " or ".join(str(c.resolve()) for c in candidates)
    raise CourseError(f"no nbgrader course found: {CONFIG_FILE} is not in {where} (use --course)")


def list_assignments(course_dir: Path) -> list[str]:
    """Return the assignment names found in ``source/``, sorted."""
    source = course_dir / "source"
    return sorted(p.name for p in source.iterdir() if p.is_dir()) if source.is_dir() else []


def check_assignment(course_dir: Path, assignment: str) -> None:
    """Raise CourseError unless ``source/<assignment>/`` exists."""
    known = list_assignments(course_dir)
    if assignment not in known:
        raise CourseError(
            f"unknown assignment {assignment!r}; the course has: {', '.join(known) or 'none'}"
        )


def load_config(course_dir: Path, **settings: dict[str, Any]) -> Any:
    """Return the traitlets Config of ``nbgrader_config.py`` with the root set to ``course_dir``.

    ``settings`` maps a configurable class name to extra values, for example
    ``load_config(d, Execute={"timeout": 10})``.
    """
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader(CONFIG_FILE, path=str(course_dir)).load_config()
    config.CourseDirectory.root = str(course_dir)
    for section, values in settings.items():
        for key, value in values.items():
            setattr(config[section], key, value)
    return config


def nbgrader_api(course_dir: Path, **settings: dict[str, Any]) -> Any:
    """Return an ``nbgrader.apps.NbGraderAPI`` for the course (see :func:`load_config`)."""
    from nbgrader.apps import NbGraderAPI

    return NbGraderAPI(config=load_config(course_dir, **settings))
