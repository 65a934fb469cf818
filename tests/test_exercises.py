"""The graded exercises, graded for real with ``sahel-course`` on a copy of the course.

One class of students hands in ex01: the instructor solution, a blank copy, partial answers,
and every kind of broken or malicious submission the grader must survive. ex02 and ex03 are
graded for a solution, a blank and a partial copy. Everything runs in a temporary copy of
``exercises/``, so the repository is never written to.
"""

from __future__ import annotations

import copy
import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from sahel_course import cli

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
ASSIGNMENTS = sorted(p.name for p in (EXERCISES / "source").iterdir() if p.is_dir())
EX01 = "ex01-sahel-states"
CELL_TIMEOUT = 10

pytestmark = pytest.mark.slow


def _sahel_course(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in a process of its own, the way an instructor would."""
    command = [sys.executable, "-m", "sahel_course.cli", "--course", str(course), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def _in_process(course: Path, *args: str) -> None:
    """Run a quick verb in this process (nbgrader is imported once for the whole module)."""
    assert cli.main(["--course", str(course), *args]) == 0


def _solutions(course: Path, assignment: str) -> dict[str, str]:
    """The instructor's answer for every solution cell, without the nbgrader markers."""
    source = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    answers = {}
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            lines = [ln for ln in cell.source.splitlines() if "### BEGIN" not in ln
                     and "### END" not in ln]
            answers[meta["grade_id"]] = "\n".join(lines)
    return answers


def _hand_in(course: Path, assignment: str, student: str, answers: dict[str, str],
             drop: tuple[str, ...] = (), replace: dict[str, str] | None = None) -> Path:
    """Write a submission: the student version with ``answers`` typed into solution cells,
    the cells in ``drop`` deleted and the cells in ``replace`` overwritten."""
    release = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    notebook = copy.deepcopy(release)
    edits = {**answers, **(replace or {})}
    cells = []
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in drop:
            continue
        if grade_id in edits:
            cell.source = edits[grade_id]
        cells.append(cell)
    notebook.cells = cells
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    nbformat.write(notebook, path)
    return path


def _copy_course(target: Path) -> Path:
    course = target / "course"
    course.mkdir()
    shutil.copy(EXERCISES / "nbgrader_config.py", course)
    shutil.copytree(EXERCISES / "source", course / "source")
    return course


def _gradebook(course: Path, assignment: str) -> dict[str, dict[str, str]]:
    output = course / f"{assignment}.csv"
    _in_process(course, "gradebook", assignment, "-o", str(output))
    with output.open(encoding="utf-8") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def _lines(stdout: str) -> dict[str, str]:
    """Map each student to their progress line."""
    found = {}
    for line in stdout.splitlines():
        match = re.match(r"\[\s*\d+\] (\S+)\s", line)
        if match:
            found[match.group(1)] = line
    return found


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = _copy_course(tmp_path_factory.mktemp("exercises"))
    _in_process(course, "generate")
    return course


@pytest.fixture(scope="module")
def ex01(course: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, dict[str, str]]]:
    """Grade a whole class of ex01 submissions, good and bad, in one batch."""
    good = _solutions(course, EX01)
    _hand_in(course, EX01, "solution", good)
    _hand_in(course, EX01, "blank", {})
    _hand_in(course, EX01, "partial", {k: good[k] for k in ("q1-answer", "q2-answer")})
    _hand_in(course, EX01, "loop", {**good, "q1-answer": "while True:\n    pass"})
    _hand_in(course, EX01, "exception", {**good, "q3-answer": "raise ValueError('oops')"})
    _hand_in(course, EX01, "deleted_test", good, drop=("q1-test",))
    _hand_in(course, EX01, "edited_test", {**good, "q2-answer": "poorest_aes = 'Ghana'"},
             replace={"q2-test": "pass"})
    _hand_in(course, EX01, "exits", {**good, "q4-answer": "import sys\nsys.exit(0)"})
    _hand_in(course, EX01, "chatty",
             {**good, "q1-answer": "for i in range(20000):\n    print(i)\n" + good["q1-answer"]})
    rigged = "class Anything:\n    def __eq__(self, other):\n        return True\n\n"
    _hand_in(course, EX01, "always_equal",
             {**good, "q2-answer": rigged + "poorest_aes = Anything()"})
    _hand_in(course, EX01, "hidden_wrong", {**good, "q3-answer": "aes_population_share = 0.5"})
    broken = _hand_in(course, EX01, "not_json", good)
    broken.write_text(broken.read_text(encoding="utf-8")[:500], encoding="utf-8")
    result = _sahel_course(course, "grade", EX01, "--jobs", "2", "--timeout", str(CELL_TIMEOUT))
    return result, _gradebook(course, EX01)


def test_committed_student_versions_match_generation(course: Path) -> None:
    for assignment in ASSIGNMENTS:
        name = f"{assignment}/{assignment}.ipynb"
        generated = json.loads((course / "release" / name).read_text(encoding="utf-8"))
        committed = json.loads((EXERCISES / "release" / name).read_text(encoding="utf-8"))
        assert committed == generated, f"{name}: run `sahel-course generate` and commit release/"


def test_student_versions_hide_solutions_and_hidden_tests(course: Path) -> None:
    for assignment in ASSIGNMENTS:
        text = (course / "release" / assignment / f"{assignment}.ipynb").read_text("utf-8")
        assert "HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
        assert "YOUR CODE HERE" in text and "YOUR ANSWER HERE" in text


def test_every_assignment_has_autograded_and_free_response_questions(course: Path) -> None:
    for assignment in ASSIGNMENTS:
        notebook = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", 4)
        meta = [c.metadata.get("nbgrader", {}) for c in notebook.cells]
        tests = [m for m in meta if m.get("grade") and not m.get("solution")]
        free = [c for c, m in zip(notebook.cells, meta, strict=True)
                if m.get("grade") and m.get("solution") and c.cell_type == "markdown"]
        assert 3 <= len(tests) <= 5 and free, assignment
        hidden = [c for c in notebook.cells if "BEGIN HIDDEN TESTS" in c.source]
        assert len(hidden) >= 3, assignment
        for cell in notebook.cells:
            if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
                assert "import sahel_course.checks as _chk" in cell.source, cell.source[:60]


def test_the_batch_continues_past_bad_submissions(ex01: tuple) -> None:
    result, grades = ex01
    assert result.returncode == 1, result.stdout + result.stderr  # one notebook is unreadable
    assert "Traceback" not in result.stdout + result.stderr
    lines = _lines(result.stdout)
    assert len(lines) == 12
    assert "11 of 12 submissions graded." in result.stdout
    assert set(grades) == set(lines) - {"not_json"}


def test_solution_earns_full_marks_and_blank_earns_zero(ex01: tuple) -> None:
    _, grades = ex01
    assert grades["solution"]["score"] == "6"
    assert grades["solution"]["max_score"] == "8"
    assert grades["solution"]["needs_manual_grade"] == "yes"  # the free-response answer
    assert grades["blank"]["score"] == "0"
    assert grades["partial"]["score"] == "3"
    assert [grades["partial"][q] for q in ("q1-test", "q2-test", "q3-test", "q4-test")] == [
        "2", "1", "0", "0"]


def test_each_bad_submission_gets_a_clear_result(ex01: tuple) -> None:
    result, grades = ex01
    lines = _lines(result.stdout)
    assert "time limit" in lines["loop"] and grades["loop"]["q1-test"] == "0"
    assert grades["loop"]["q4-test"] == "1"  # cells after the loop still ran
    assert "q3-answer raised ValueError" in lines["exception"]
    assert grades["exception"]["score"] == "4"
    assert "q1-test was deleted (restored" in lines["deleted_test"]
    assert grades["deleted_test"]["score"] == "6"
    assert "q2-test was edited (restored" in lines["edited_test"]
    assert grades["edited_test"]["q2-test"] == "0"
    assert "sys.exit" in lines["exits"] and grades["exits"]["q4-test"] == "0"
    assert "output truncated" in lines["chatty"] and grades["chatty"]["score"] == "6"
    assert "invalid" in lines["not_json"] and "not valid JSON" in lines["not_json"]


def test_an_object_equal_to_everything_is_rejected(ex01: tuple) -> None:
    result, grades = ex01
    assert grades["always_equal"]["q2-test"] == "0"
    assert "review q2-answer by hand: it mentions __eq__" in _lines(result.stdout)["always_equal"]


def test_hidden_tests_catch_an_answer_that_passes_the_visible_ones(ex01: tuple) -> None:
    _, grades = ex01
    assert grades["hidden_wrong"]["q3-test"] == "0"
    assert grades["hidden_wrong"]["score"] == "4"


def test_feedback_does_not_show_hidden_tests(course: Path, ex01: tuple) -> None:
    autograded = course / "autograded" / "hidden_wrong" / EX01 / f"{EX01}.ipynb"
    assert "BEGIN HIDDEN TESTS" in autograded.read_text("utf-8")  # there is something to hide
    _in_process(course, "feedback", EX01, "--student", "hidden_wrong", "--student", "blank")
    for student in ("hidden_wrong", "blank"):
        page = (course / "feedback" / student / EX01 / f"{EX01}.html").read_text("utf-8")
        assert "HIDDEN TESTS" not in page
        assert "_load_economy" not in page and "_expected" not in page
    page = (course / "feedback" / "hidden_wrong" / EX01 / f"{EX01}.html").read_text("utf-8")
    assert "does not have the expected value yet (checked by a hidden test)" in page


@pytest.mark.parametrize("assignment", [a for a in ASSIGNMENTS if a != EX01])
def test_other_assignments_grade_solution_blank_and_partial(course: Path, assignment: str) -> None:
    good = _solutions(course, assignment)
    _hand_in(course, assignment, "solution", good)
    _hand_in(course, assignment, "blank", {})
    _hand_in(course, assignment, "partial", {"q1-answer": good["q1-answer"]})
    result = _sahel_course(course, "grade", assignment, "--timeout", str(CELL_TIMEOUT))
    assert result.returncode == 0, result.stdout + result.stderr
    grades = _gradebook(course, assignment)
    assert grades["solution"]["score"] == "6" and grades["solution"]["max_score"] == "8"
    assert grades["blank"]["score"] == "0"
    assert grades["partial"]["score"] == "2"
    assert "raised" not in result.stdout  # the solution runs without errors
