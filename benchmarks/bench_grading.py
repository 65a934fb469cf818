"""Compare class grading with ``sahel-course grade`` and with plain ``nbgrader autograde``.

A fresh copy of ``exercises/`` gets N synthetic submissions of one assignment (a mix of the
instructor solution, partial answers and blank copies). Each method grades the same class in
its own copy, from the same generated gradebook, and the script checks that both record the
same total per student before printing a Markdown table:

    .venv/bin/python benchmarks/bench_grading.py                 # 30 students, ex01
    .venv/bin/python benchmarks/bench_grading.py --students 60 --jobs 1 2 4
    .venv/bin/python benchmarks/bench_grading.py --quick         # 6 students

Times are wall-clock seconds for the whole command, start-up included, and the CPU seconds
(user + system) of the command and every process it started, kernels included. On a shared or
busy machine the wall-clock speed-up shrinks (parallel workers compete for the same cores);
the load average at the start is printed with the table. Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from sahel_course.grading.batch import default_jobs

REPO = Path(__file__).resolve().parents[1]
EXERCISES = REPO / "exercises"


def _solutions(course: Path, assignment: str) -> dict[str, str]:
    """The instructor's answers, keyed by grade_id, without nbgrader's markers."""
    import nbformat

    notebook = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", 4)
    answers = {}
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            lines = cell.source.splitlines()
            answers[meta["grade_id"]] = "\n".join(ln for ln in lines if "### " not in ln)
    return answers


def make_class(course: Path, assignment: str, students: int) -> None:
    """Write ``students`` submissions: solutions, first-question-only and blank, in turn."""
    import nbformat

    release = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", 4)
    good = _solutions(course, assignment)
    kinds = [good, {k: v for k, v in good.items() if k.startswith("q1")}, {}]
    for number in range(students):
        notebook = copy.deepcopy(release)
        answers = kinds[number % len(kinds)]
        for cell in notebook.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in answers:
                cell.source = answers[grade_id]
        folder = course / "submitted" / f"student{number:03d}" / assignment
        folder.mkdir(parents=True)
        nbformat.write(notebook, folder / f"{assignment}.ipynb")


def prepare(root: Path, assignment: str, students: int) -> Path:
    """Return a course copy with the assignment generated and the class handed in."""
    course = root / "template"
    course.mkdir()
    shutil.copy(EXERCISES / "nbgrader_config.py", course)
    shutil.copytree(EXERCISES / "source", course / "source")
    _run([sys.executable, "-m", "sahel_course.cli", "--course", str(course),
          "generate", assignment], course)
    make_class(course, assignment, students)
    return course


def _cpu_seconds() -> float:
    """CPU time (user + system) used so far by finished child processes and their children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command, fail loudly if it fails, return its wall-clock and CPU seconds."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    start, cpu = time.perf_counter(), _cpu_seconds()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start, _cpu_seconds() - cpu
    if done.returncode != 0:
        tail = f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        raise SystemExit(f"{' '.join(command)} failed:\n{tail}")
    return elapsed


def totals(course: Path, assignment: str) -> dict[str, float]:
    """Each student's recorded score, read from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {s.student.id: float(s.score)
                for s in gradebook.find_assignment(assignment).submissions}


def measure(template: Path, root: Path, label: str, command: list[str],
            assignment: str) -> tuple[tuple[float, float], dict[str, float]]:
    """Grade a fresh copy of the class with ``command``; return (wall, CPU) time and scores."""
    course = root / label.replace(" ", "_")
    shutil.copytree(template, course)
    seconds = _run(command, course)
    return seconds, totals(course, assignment)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30, help="class size (default 30)")
    parser.add_argument("--assignment", default="ex01-sahel-states")
    parser.add_argument("--jobs", type=int, nargs="+", default=[default_jobs()],
                        help="worker counts to try for sahel-course (default: its own default)")
    parser.add_argument("--repeats", type=int, default=1,
                        help="rounds; methods alternate within a round and the fastest run of "
                             "each is kept, which damps noise from other work on the machine")
    parser.add_argument("--quick", action="store_true", help="6 students only")
    args = parser.parse_args(argv)
    students = 6 if args.quick else args.students
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        root = Path(tmp)
        template = prepare(root, args.assignment, students)
        methods = [("nbgrader autograde", [sys.executable, "-m", "nbgrader", "autograde",
                                           args.assignment])]
        for jobs in args.jobs:
            methods.append((f"sahel-course grade --jobs {jobs}",
                            [sys.executable, "-m", "sahel_course.cli", "--course", ".",
                             "grade", args.assignment, "--jobs", str(jobs)]))
        best: dict[str, tuple[float, float]] = {}
        reference = None
        for round_number in range(max(1, args.repeats)):
            for label, command in methods:
                run_root = root / f"round{round_number}"
                run_root.mkdir(exist_ok=True)
                timing, scores = measure(template, run_root, label, command, args.assignment)
                if reference is None:
                    reference = scores
                elif scores != reference:
                    raise SystemExit(f"{label} recorded different scores from nbgrader")
                if label not in best or timing[0] < best[label][0]:
                    best[label] = timing
        rows = [(label, best[label]) for label, _ in methods]
    baseline = rows[0][1][0]
    print(f"Grading {students} submissions of {args.assignment} on {os.cpu_count()} CPUs "
          f"(load average {load:.1f} at start; fastest of {max(1, args.repeats)} run(s) per "
          "method); same scores recorded by every method.\n")
    print("| method | wall s | wall s per student | CPU s | speed-up vs nbgrader (wall) |")
    print("|---|---:|---:|---:|---:|")
    for label, (seconds, cpu) in rows:
        print(f"| `{label}` | {seconds:.1f} | {seconds / students:.2f} | {cpu:.1f} | "
              f"{baseline / seconds:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
