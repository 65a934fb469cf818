"""Explain one student's graded submission in a line: score, failed tests, what went wrong.

The facts come from three places nbgrader leaves behind: the gradebook (scores), the
autograded notebook (errors, time-outs, truncated output) and the submitted notebook compared
with the student version in ``release/`` (edited or deleted test cells).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Words in an answer cell that deserve a human look: tampering with the checks or equality.
SUSPICIOUS = ("sahel_course.checks", "_chk", "__eq__", "builtins", "sys.modules")

#: Error names with a plain-language meaning for the instructor.
ERROR_MEANINGS = {
    "CellTimeoutError": "ran past the time limit and was stopped (infinite loop?)",
    "SystemExit": "called sys.exit()/exit()",
}
#: Errors that are only a consequence of another note (the interrupt sent on a time-out).
QUIET_ERRORS = ("KeyboardInterrupt", "NotImplementedError")


@dataclass
class StudentResult:
    """The outcome of grading one student's submission."""

    student: str
    status: str
    """``graded``, ``invalid`` (unreadable notebook), ``timeout`` (stopped) or ``failed``."""
    score: float | None = None
    max_score: float | None = None
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    log: Path | None = None

    @property
    def graded(self) -> bool:
        """Whether nbgrader recorded scores for this submission."""
        return self.status == "graded"

    def line(self) -> str:
        """One progress line: student, score, status, notes and time."""
        if self.score is not None and self.max_score is not None:
            score = f"{self.score:g}/{self.max_score:g}"
        else:
            score = "-"
        notes = "; ".join(self.notes)
        text = f"{self.student:<16} {score:>9}  {self.status:<8}"
        if notes:
            text += f"  {notes}"
        return f"{text}  ({self.seconds:.1f} s)"


def read_notebook_json(path: Path) -> dict[str, Any] | str:
    """Return the notebook at ``path`` as JSON, or a message saying why it cannot be graded."""
    import nbformat
    from nbformat.reader import NotJSONError

    try:
        notebook = nbformat.read(str(path), as_version=4)
        nbformat.validate(notebook)
    except (NotJSONError, json.JSONDecodeError, UnicodeDecodeError):
        return f"{path.name} is not valid JSON (damaged or cut short); ask for a fresh copy"
    except (nbformat.ValidationError, ValueError) as error:
        reason = str(error).splitlines()[0][:120]
        return f"{path.name} is not a valid notebook ({reason}); ask for a fresh copy"
    return notebook


def _grade_cells(notebook: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Map grade_id to cell for every nbgrader cell of a notebook."""
    cells = {}
    for cell in notebook.get("cells", []):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if "grade_id" in meta:
            cells[meta["grade_id"]] = cell
    return cells


def _is_test(cell: dict[str, Any]) -> bool:
    meta = cell["metadata"]["nbgrader"]
    return bool(meta.get("grade")) and not meta.get("solution") and cell["cell_type"] == "code"


def tampering_notes(submitted: dict[str, Any], release: dict[str, Any]) -> list[str]:
    """Compare a submission with the student version: edited/deleted tests, odd answers."""
    notes = []
    mine = _grade_cells(submitted)
    for grade_id, cell in _grade_cells(release).items():
        if not _is_test(cell):
            continue
        if grade_id not in mine:
            notes.append(f"test cell {grade_id} was deleted (restored from the source)")
        elif "".join(mine[grade_id]["source"]).strip() != "".join(cell["source"]).strip():
            notes.append(f"test cell {grade_id} was edited (restored from the source)")
    for grade_id, cell in mine.items():
        if cell["metadata"]["nbgrader"].get("solution") and cell["cell_type"] == "code":
            source = "".join(cell["source"])
            words = [w for w in SUSPICIOUS if w in source]
            if words:
                notes.append(f"review {grade_id} by hand: it mentions {', '.join(words)}")
    return notes


def execution_notes(autograded: dict[str, Any]) -> list[str]:
    """Describe errors in non-test cells, time-outs, kernel deaths and truncated output."""
    notes = []
    for index, cell in enumerate(autograded.get("cells", [])):
        if cell["cell_type"] != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        where = meta.get("grade_id", f"cell {index + 1}")
        is_test = bool(meta.get("grade")) and not meta.get("solution")
        for output in cell.get("outputs", []):
            if output["output_type"] == "error":
                name = output.get("ename", "")
                if name in ERROR_MEANINGS:
                    notes.append(f"{where} {ERROR_MEANINGS[name]}")
                elif not is_test and name not in QUIET_ERRORS:
                    notes.append(f"{where} raised {name}")
            elif output["output_type"] == "stream" and "... Output truncated ..." in output["text"]:
                notes.append(f"{where} printed too much (output truncated)")
    return notes


def score_notes(gradebook: Any, assignment: str, student: str) -> tuple[float, float, list[str]]:
    """Return (score, max_score, notes) for a submission recorded in an open Gradebook."""
    submission = gradebook.find_submission(assignment, student)
    failed, manual = [], []
    for notebook in submission.notebooks:
        for grade in notebook.grades:
            if grade.needs_manual_grade:
                manual.append(grade.name)
            elif grade.cell_type == "code" and (grade.score or 0) < grade.max_score:
                failed.append(grade.name)
    notes = []
    if failed:
        notes.append(f"failed {', '.join(sorted(failed))}")
    if manual:
        notes.append(f"to grade by hand: {', '.join(sorted(manual))}")
    return float(submission.score), float(submission.max_score), notes
