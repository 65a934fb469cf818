"""An nbgrader export plugin writing one CSV row per student and one column per question.

nbgrader's own ``CsvExportPlugin`` writes one total per student and assignment. Learning
platforms import a CSV with one row per student and one column per grade item, so this
plugin adds a column per graded cell. Use it from the ``sahel-course gradebook`` command or
straight from nbgrader::

    nbgrader export --exporter=sahel_course.grading.export.QuestionCsvExport \\
        --ExportPlugin.assignment=ex01-sahel-states --to=grades.csv

Columns, in order:

``student_id``
    nbgrader's student id (the folder name under ``submitted/``). Use the learning platform's
    login names as folder names so rows can be matched on import (in Moodle's CSV grade import,
    "Identify user by" maps this column to the username, or ``email`` to the email address).
``first_name``, ``last_name``, ``email``
    as stored in the gradebook (empty unless added with ``nbgrader db student add``).
``<grade_id>``, one per graded cell, sorted by id with numbers in numeric order (the course
    names cells ``q1-...``, ``q2-...``; ``<notebook>/<grade_id>`` when an assignment has several
    notebooks)
    points for that question; empty when not submitted or still to be graded by hand.
``score``
    total after any late penalty (0 when nothing was submitted).
``max_score``
    the most points available.
``needs_manual_grade``
    ``yes`` while a free-response answer still has to be graded by hand, else ``no``.
"""

from __future__ import annotations

import csv
import re
from typing import Any

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin

IDENTITY = ["student_id", "first_name", "last_name", "email"]
TOTALS = ["score", "max_score", "needs_manual_grade"]


def natural_key(name: str) -> list[int | str]:
    """Sort key putting ``q2`` before ``q10``."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def question_columns(assignment: Any) -> list[tuple[str, str, str]]:
    """Return (column, notebook, grade_id) for every graded cell of an assignment."""
    notebooks = sorted(assignment.notebooks, key=lambda nb: nb.name)
    several = len(notebooks) > 1
    columns = []
    for notebook in notebooks:
        for cell in sorted(notebook.grade_cells, key=lambda c: natural_key(c.name)):
            label = f"{notebook.name}/{cell.name}" if several else cell.name
            columns.append((label, notebook.name, cell.name))
    return columns


def student_row(
    gradebook: Gradebook, assignment: Any, student: Any, columns: list[tuple[str, str, str]]
) -> dict[str, str]:
    """Return one CSV row (column -> text) for a student."""
    row = {
        "student_id": student.id,
        "first_name": student.first_name or "",
        "last_name": student.last_name or "",
        "email": student.email or "",
        "max_score": f"{assignment.max_score:g}",
    }
    try:
        submission = gradebook.find_submission(assignment.name, student.id)
    except MissingEntry:
        row.update({label: "" for label, _, _ in columns})
        row.update(score="0", needs_manual_grade="no")
        return row
    for label, notebook, grade_id in columns:
        grade = gradebook.find_grade(grade_id, notebook, assignment.name, student.id)
        row[label] = "" if grade.needs_manual_grade or grade.score is None else f"{grade.score:g}"
    penalty = submission.late_submission_penalty or 0.0
    row["score"] = f"{max(0.0, submission.score - penalty):g}"
    row["needs_manual_grade"] = "yes" if submission.needs_manual_grade else "no"
    return row


class QuestionCsvExport(ExportPlugin):
    """Export one row per student and one column per graded cell (see the module docstring)."""

    def export(self, gradebook: Gradebook) -> None:
        """Write the CSV to ``self.to`` (default ``grades.csv``) for the chosen assignments."""
        destination = self.to or "grades.csv"
        wanted = [str(a) for a in self.assignment]
        students = {str(s) for s in self.student}
        assignments = [a for a in gradebook.assignments if not wanted or a.name in wanted]
        if len(assignments) != 1:
            names = [a.name for a in gradebook.assignments]
            raise ValueError(f"choose exactly one assignment to export (the gradebook has {names})")
        assignment = assignments[0]
        columns = question_columns(assignment)
        header = IDENTITY + [label for label, _, _ in columns] + TOTALS
        with open(destination, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            for student in sorted(gradebook.students, key=lambda s: s.id):
                if not students or student.id in students:
                    writer.writerow(student_row(gradebook, assignment, student, columns))
        self.log.info("Exported %s grades of %s to %s", len(gradebook.students), assignment.name,
                      destination)
