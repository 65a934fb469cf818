"""The ``sahel-course`` command: verbs, clear errors for user mistakes, quiz gradebook.

Grading itself (kernels, bad submissions, feedback) is tested in ``test_exercises.py``; these
tests need no kernel and run in seconds.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sahel_course import cli

ROOT = Path(__file__).resolve().parents[1]
EX01 = "ex01-sahel-states"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A copy of the course with nothing generated yet."""
    target = tmp_path / "course"
    target.mkdir()
    shutil.copy(ROOT / "exercises" / "nbgrader_config.py", target)
    shutil.copytree(ROOT / "exercises" / "source", target / "source")
    return target


@pytest.fixture
def generated(course: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, err = _run(capsys, "--course", str(course), "generate", EX01)
    assert code == 0, err
    assert f"{EX01}: student version in" in out
    return course


def _report(path: Path, student: str, scores: dict[str, float]) -> Path:
    questions = {qid: {"best_score": score} for qid, score in scores.items()}
    path.write_text(json.dumps({"kind": "sahel-course-report", "student": student,
                                "questions": questions}), encoding="utf-8")
    return path


def test_console_script_is_declared_and_shows_every_verb() -> None:
    result = subprocess.run([sys.executable, "-m", "sahel_course.cli", "--help"],
                            capture_output=True, text=True, check=True)
    for verb in ("generate", "grade", "gradebook", "feedback", "quiz-gradebook"):
        assert verb in result.stdout
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'sahel-course = "sahel_course.cli:main"' in pyproject


def test_no_verb_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main([])
    assert info.value.code == 2
    assert "COMMAND" in capsys.readouterr().err


def test_missing_course_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "--course", str(tmp_path / "nowhere"), "generate")
    assert code == 2
    assert err.startswith("sahel-course: error: no nbgrader course found")
    assert "Traceback" not in err


def test_unknown_assignment_lists_the_known_ones(
    course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "--course", str(course), "grade", "ex99")
    assert code == 2
    assert "unknown assignment 'ex99'" in err and EX01 in err


def test_grading_before_generating_says_what_to_run(
    course: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "--course", str(course), "grade", EX01)
    assert code == 2
    assert f"run `sahel-course generate {EX01}` first" in err


def test_generate_writes_student_versions_without_solutions(generated: Path) -> None:
    text = (generated / "release" / EX01 / f"{EX01}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
    assert (generated / "gradebook.db").exists()


def test_grade_without_submissions_is_a_clear_error(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "--course", str(generated), "grade", EX01)
    assert code == 2 and "submissions folder not found" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = _run(capsys, "--course", str(generated), "grade", EX01,
                        "--submissions", str(empty))
    assert code == 2 and f"no submissions of {EX01}" in err


def test_grade_rejects_bad_numbers(generated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (generated / "submitted" / "amina" / EX01).mkdir(parents=True)
    code, _, err = _run(capsys, "--course", str(generated), "grade", EX01, "--jobs", "0")
    assert code == 2 and "--jobs must be at least 1" in err
    code, _, err = _run(capsys, "--course", str(generated), "grade", EX01, "--timeout", "0")
    assert code == 2 and "--timeout must be at least 1" in err
    code, _, err = _run(capsys, "--course", str(generated), "grade", EX01, "--student", "zoe")
    assert code == 2 and "['zoe']" in err


def test_a_missing_notebook_is_reported_without_running_a_kernel(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = generated / "submitted" / "amina" / EX01
    folder.mkdir(parents=True)
    (folder / "my-copy.ipynb").write_text("{}", encoding="utf-8")
    code, out, _ = _run(capsys, "--course", str(generated), "grade", EX01)
    assert code == 1
    assert f"{EX01}.ipynb is missing (found: my-copy.ipynb)" in out
    assert "0 of 1 submissions graded." in out


def test_gradebook_and_feedback_before_grading(
    generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "--course", str(generated), "feedback", EX01)
    assert code == 2 and "nothing graded" in err
    output = tmp_path / "grades.csv"
    code, out, _ = _run(capsys, "--course", str(generated), "gradebook", EX01, "-o", str(output))
    assert code == 0 and "wrote" in out
    header = output.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:4] == ["student_id", "first_name", "last_name", "email"]
    assert header[4:9] == ["q1-test", "q2-test", "q3-test", "q4-test", "q5-answer"]
    assert header[-3:] == ["score", "max_score", "needs_manual_grade"]


def test_gradebook_without_a_database(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--course", str(course), "gradebook", EX01, "-o", "x.csv")
    assert code == 2 and "no gradebook" in err


def test_quiz_gradebook_merges_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _report(tmp_path / "a.json", "amina", {"l01-q1": 1.0, "l01-q2": 0.5})
    second = _report(tmp_path / "b.json", "bakary", {"l01-q1": 0.0})
    junk = tmp_path / "junk.json"
    junk.write_text("not json", encoding="utf-8")
    output = tmp_path / "quiz.csv"
    code, out, err = _run(capsys, "quiz-gradebook", str(first), str(second), str(junk),
                          "-o", str(output))
    assert code == 0, err
    assert "2 students, 2 questions" in out and "skipped" in err and "junk.json" in err
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert [r["student"] for r in rows] == ["amina", "bakary"]
    assert rows[0]["l01-q2"] == "0.5" and rows[1]["l01-q2"] == ""


def test_quiz_gradebook_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "quiz-gradebook", str(tmp_path / "none.json"), "-o", "q.csv")
    assert code == 2 and "not found" in err
    junk = tmp_path / "junk.json"
    junk.write_text("[]", encoding="utf-8")
    code, _, err = _run(capsys, "quiz-gradebook", str(junk), "-o", str(tmp_path / "q.csv"))
    assert code == 2 and "none of the files is a readable quiz report" in err


def test_a_stuck_worker_is_killed_with_the_kernel_it_started(tmp_path: Path) -> None:
    """The hard time limit kills the worker and its kernel, which runs in its own session."""
    import psutil

    from sahel_course.grading.batch import _kill_tree

    pid_file = tmp_path / "kernel.pid"
    script = (
        "import subprocess, sys, time\n"
        "kernel = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'],"
        " start_new_session=True)\n"
        f"open({str(pid_file)!r}, 'w').write(str(kernel.pid))\n"
        "time.sleep(600)\n"
    )
    worker = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    kernel = psutil.Process(int(pid_file.read_text()))
    _kill_tree(worker.pid)
    assert worker.wait(timeout=10) != 0
    while time.monotonic() < deadline and _alive(kernel):
        time.sleep(0.05)
    assert not _alive(kernel)


def _alive(process: object) -> bool:
    """Whether a process still runs (a killed, unreaped process is a zombie, not alive)."""
    import psutil

    try:
        return process.status() != psutil.STATUS_ZOMBIE  # type: ignore[attr-defined]
    except psutil.NoSuchProcess:
        return False
