"""Grade a folder of submissions in parallel with nbgrader's own autograder.

Design
------
nbgrader's ``autograde`` grades students one after another in one process. Most of the time
per student is spent starting a kernel and running the notebook, so this module runs
nbgrader's ``Autograde`` converter (through ``NbGraderAPI.autograde``) for several students at
once, each in its own **forked** worker process:

* the parent imports nbgrader, nbconvert and jupyter_client once; a forked worker starts in
  milliseconds and needs no imports (``spawn`` would pay them for every student);
* every student is isolated: a submission that crashes, hangs or floods its output affects
  only its own worker, which the parent kills (with the kernel it started) after a hard
  time limit, and the batch goes on;
* a worker stops its kernel at once when the notebook has run (``shutdown_kernel =
  "immediate"``) instead of waiting for a graceful exit (about 0.7 s per student here);
* each worker writes its own scores to the course's SQLite gradebook as nbgrader normally
  does (short transactions; SQLite serialises writers and a busy writer waits). A grade is
  committed as soon as its student is done, so stopping the batch loses nothing already graded.

Before forking, the parent reads every submitted notebook; one that is not valid JSON or not
a valid notebook is reported and skipped, because nbgrader would only log a traceback.
After a worker ends, :mod:`sahel_course.grading.report` turns the gradebook and the notebooks
into a one-line result per student.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sahel_course.grading.course import CourseError, check_assignment, load_config
from sahel_course.grading.report import (
    StudentResult,
    execution_notes,
    read_notebook_json,
    score_notes,
    tampering_notes,
)

#: Extra seconds a worker gets beyond its cells' time limits (kernel start, saving).
GRACE_SECONDS = 60
LOG_DIR = ".sahel-course-logs"


def default_jobs() -> int:
    """One worker per CPU plus one: each student's kernel spends part of its life waiting
    (starting up, handshaking with the worker), and an extra worker fills those gaps. On two
    cores, three workers graded 30 submissions 2.05-2.38x faster than plain
    ``nbgrader autograde``; two workers 1.86-1.99x (``benchmarks/bench_grading.py``)."""
    return (os.cpu_count() or 1) + 1


def find_students(submitted: Path, assignment: str) -> list[str]:
    """Return the students with a ``<submitted>/<student>/<assignment>/`` folder, sorted."""
    if not submitted.is_dir():
        raise CourseError(f"submissions folder not found: {submitted}")
    return sorted(
        p.name for p in submitted.iterdir()
        if (p / assignment).is_dir() and not p.name.startswith(".")
    )


def _release_notebooks(course_dir: Path, assignment: str) -> dict[str, dict[str, Any]]:
    """Return the student versions of an assignment's notebooks, by file name."""
    import nbformat

    release = course_dir / "release" / assignment
    return {p.name: nbformat.read(str(p), as_version=4) for p in sorted(release.glob("*.ipynb"))}


def _check_generated(course_dir: Path, assignment: str) -> None:
    """Raise CourseError unless the assignment is in the gradebook and has a release copy."""
    from nbgrader.api import Gradebook, MissingEntry

    config = load_config(course_dir)
    db = course_dir / "gradebook.db"
    hint = f"run `sahel-course generate {assignment}` first"
    if not db.exists() or not (course_dir / "release" / assignment).is_dir():
        raise CourseError(f"{assignment} has not been generated yet: {hint}")
    with Gradebook(f"sqlite:///{db}", config.CourseDirectory.course_id) as gradebook:
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry:
            raise CourseError(f"{assignment} is not in the gradebook: {hint}") from None


def _worker(course_dir: Path, submitted: Path, assignment: str, student: str,
            timeout: int, log: Path) -> None:
    """Autograde one student in this (forked) process, then exit 0 on success, 1 on failure."""
    status = 1
    try:
        with log.open("w", encoding="utf-8") as handle:
            os.dup2(handle.fileno(), 1)
            os.dup2(handle.fileno(), 2)
        from nbgrader.apps import NbGraderAPI

        config = load_config(
            course_dir,
            Execute={"timeout": timeout, "shutdown_kernel": "immediate"},
            CourseDirectory={"submitted_directory": str(submitted)},
        )
        os.chdir(course_dir)
        result = NbGraderAPI(config=config).autograde(assignment, student, force=True, create=True)
        print(result.get("log", ""), result.get("error", ""), sep="\n", flush=True)
        status = 0 if result["success"] else 1
    finally:
        sys.stdout.flush()
        os._exit(status)


def _kill_tree(pid: int) -> None:
    """Kill a worker and everything it started (its kernel runs in a session of its own)."""
    import psutil

    with contextlib.suppress(psutil.NoSuchProcess):
        parent = psutil.Process(pid)
        for child in parent.children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()
        parent.kill()


def _count_code_cells(notebooks: dict[str, dict[str, Any]]) -> int:
    return sum(1 for nb in notebooks.values() for c in nb["cells"] if c["cell_type"] == "code")


#: Phrases in nbgrader's log and what they mean for the instructor.
FAILURES = {
    "DeadKernelError": "the Python kernel died (os._exit(), a crash or out of memory)",
    "UnresponsiveKernelError": "the kernel stopped responding and could not be interrupted",
    "database is locked": "the gradebook was busy",
}


def _failure_reason(log: Path) -> str:
    """Return why nbgrader could not grade a submission, from its log."""
    text = log.read_text(encoding="utf-8", errors="replace")
    for phrase, meaning in FAILURES.items():
        if phrase in text:
            return meaning
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    errors = [ln for ln in lines if "Error" in ln and "see the" not in ln]
    return (errors or lines or ["no log"])[-1][:200]


class _Batch:
    """The state of one grading run: queue, running workers and finished results."""

    def __init__(self, course_dir: Path, assignment: str, submitted: Path, timeout: int,
                 on_result: Callable[[StudentResult], None] | None) -> None:
        self.course_dir = course_dir
        self.assignment = assignment
        self.submitted = submitted
        self.timeout = timeout
        self.on_result = on_result
        self.release = _release_notebooks(course_dir, assignment)
        self.hard_limit = timeout * (_count_code_cells(self.release) + 1) + GRACE_SECONDS
        self.logs = course_dir / "autograded" / LOG_DIR / assignment
        self.logs.mkdir(parents=True, exist_ok=True)
        self.results: list[StudentResult] = []
        self.missing: dict[str, list[str]] = {}

    def finish(self, result: StudentResult) -> None:
        self.results.append(result)
        if self.on_result is not None:
            self.on_result(result)

    def precheck(self, student: str) -> StudentResult | None:
        """Return a result for a submission that cannot be graded, else None."""
        folder = self.submitted / student / self.assignment
        problems = []
        for name in self.release:
            path = folder / name
            if not path.exists():
                found = ", ".join(p.name for p in folder.glob("*.ipynb")) or "no notebook"
                problems.append(f"{name} is missing (found: {found}); scored 0")
                continue
            notebook = read_notebook_json(path)
            if isinstance(notebook, str):
                return StudentResult(student, "invalid", notes=[notebook])
        if problems and len(problems) == len(self.release):
            return StudentResult(student, "invalid", notes=problems)
        self.missing[student] = problems
        return None

    def start(self, student: str) -> tuple[Any, float]:
        """Fork a worker for ``student``; return the process and its start time."""
        import multiprocessing

        context = multiprocessing.get_context("fork")
        log = self.logs / f"{student}.log"
        process = context.Process(
            target=_worker,
            args=(self.course_dir, self.submitted, self.assignment, student, self.timeout, log),
            daemon=False,
        )
        process.start()
        return process, time.monotonic()

    def collect(self, student: str, exitcode: int | None, seconds: float) -> StudentResult:
        """Build a student's result once the worker has ended (exit code None: killed)."""
        import nbformat
        from nbgrader.api import Gradebook

        log = self.logs / f"{student}.log"
        if exitcode is None:
            shutil.rmtree(self.course_dir / "autograded" / student / self.assignment,
                          ignore_errors=True)
            note = f"stopped after {seconds:.0f} s (hard limit); not graded"
            return StudentResult(student, "timeout", notes=[note], seconds=seconds, log=log)
        if exitcode != 0:
            note = f"not graded: {_failure_reason(log)}; see {log.name}"
            return StudentResult(student, "failed", notes=[note], seconds=seconds, log=log)
        db_url = f"sqlite:///{self.course_dir / 'gradebook.db'}"
        with Gradebook(db_url) as gradebook:
            score, max_score, notes = score_notes(gradebook, self.assignment, student)
        notes = self.missing.get(student, []) + notes
        graded = self.course_dir / "autograded" / student / self.assignment
        submitted = self.submitted / student / self.assignment
        for name, release in self.release.items():
            if (graded / name).exists():
                notes += execution_notes(nbformat.read(str(graded / name), as_version=4))
            if (submitted / name).exists():
                notes += tampering_notes(nbformat.read(str(submitted / name), as_version=4),
                                         release)
        return StudentResult(student, "graded", score, max_score, notes, seconds, log)

    def run(self, students: list[str], jobs: int) -> list[StudentResult]:
        """Grade ``students`` with at most ``jobs`` workers at a time."""
        queue = list(reversed(students))
        running: dict[str, tuple[Any, float]] = {}
        try:
            while queue or running:
                while queue and len(running) < jobs:
                    student = queue.pop()
                    skipped = self.precheck(student)
                    if skipped is not None:
                        self.finish(skipped)
                    else:
                        running[student] = self.start(student)
                time.sleep(0.02)
                for student, (process, started) in list(running.items()):
                    elapsed = time.monotonic() - started
                    if process.exitcode is None and elapsed > self.hard_limit:
                        _kill_tree(process.pid)
                        process.join()
                        del running[student]
                        self.finish(self.collect(student, None, elapsed))
                    elif process.exitcode is not None:
                        process.join()
                        del running[student]
                        self.finish(self.collect(student, process.exitcode, elapsed))
        finally:
            for process, _ in running.values():
                _kill_tree(process.pid)
        return self.results


def grade(
    course_dir: Path,
    assignment: str,
    *,
    submissions: Path | None = None,
    jobs: int | None = None,
    timeout: int = 60,
    students: list[str] | None = None,
    on_result: Callable[[StudentResult], None] | None = None,
) -> list[StudentResult]:
    """Autograde every submission of ``assignment``; return one result per student.

    ``submissions`` is a folder laid out as ``<student>/<assignment>/*.ipynb`` (default: the
    course's ``submitted/``). ``jobs`` workers run at once (default: :func:`default_jobs`).
    ``timeout`` is the time in seconds a cell may run before it is stopped. ``on_result`` is
    called as each student finishes (for progress lines).
    """
    check_assignment(course_dir, assignment)
    _check_generated(course_dir, assignment)
    submitted = (submissions or course_dir / "submitted").resolve()
    found = find_students(submitted, assignment)
    if students:
        unknown = sorted(set(students) - set(found))
        if unknown:
            raise CourseError(f"no submission of {assignment} in {submitted} for {unknown}")
        found = [s for s in found if s in students]
    if not found:
        raise CourseError(f"no submissions of {assignment} in {submitted}")
    if jobs is not None and jobs < 1:
        raise CourseError("--jobs must be at least 1")
    # Import what the workers need once, before forking.
    import nbclient  # noqa: F401
    import nbgrader.apps  # noqa: F401

    batch = _Batch(course_dir, assignment, submitted, timeout, on_result)
    return batch.run(found, jobs or default_jobs())
