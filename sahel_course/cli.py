"""The ``sahel-course`` command for instructors: one function per verb.

    sahel-course generate [ASSIGNMENT]            student versions into exercises/release/
    sahel-course grade ASSIGNMENT [--jobs N]      autograde submitted/<student>/<assignment>/
    sahel-course gradebook ASSIGNMENT -o F.csv    one row per student, one column per question
    sahel-course feedback ASSIGNMENT              HTML feedback per student, hidden tests removed
    sahel-course quiz-gradebook REPORT... -o F    quiz scores from students' hand-in reports

Every verb except ``quiz-gradebook`` works on the nbgrader course directory: ``--course DIR``,
else ``./exercises``, else the current folder. Mistakes (unknown assignment, missing folder)
print one line on stderr and exit with status 2; ``grade`` exits with status 1 when some
submissions could not be graded (each is listed), 0 when all were.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path


class UsageError(Exception):
    """A mistake the user can fix; printed without a traceback."""


def _course(args: argparse.Namespace) -> Path:
    from sahel_course.grading.course import CourseError, find_course_dir

    try:
        return find_course_dir(args.course)
    except CourseError as error:
        raise UsageError(str(error)) from None


def _ensure_tools_on_path() -> None:
    """Put this Python's scripts folder on PATH: nbgrader runs ``alembic`` for a new gradebook."""
    scripts = str(Path(sys.executable).parent)
    if shutil.which("alembic") is None:
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def _report_nbgrader(action: str, result: dict[str, object]) -> None:
    """Raise UsageError with nbgrader's last error line when an nbgrader call failed."""
    if result.get("success"):
        return
    text = str(result.get("log", "")) + "\n" + str(result.get("error", ""))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    errors = [ln for ln in lines if "ERROR" in ln or "Error" in ln] or lines or ["unknown error"]
    raise UsageError(f"{action} failed: {errors[-1]}")


def cmd_generate(args: argparse.Namespace) -> int:
    """Write the student version of one assignment (or all) with nbgrader generate_assignment."""
    from sahel_course.grading.course import check_assignment, list_assignments, nbgrader_api

    course = _course(args)
    names = [args.assignment] if args.assignment else list_assignments(course)
    if not names:
        raise UsageError(f"no assignments in {course / 'source'}")
    for name in names:
        _checked(check_assignment, course, name)
        api = nbgrader_api(course)
        _report_nbgrader(f"generating {name}", api.generate_assignment(name, force=True))
        print(f"{name}: student version in {course / 'release' / name}")
    return 0


def _checked(function: object, *args: object) -> object:
    """Call a course helper, turning its CourseError into a UsageError."""
    from sahel_course.grading.course import CourseError

    try:
        return function(*args)  # type: ignore[operator]
    except CourseError as error:
        raise UsageError(str(error)) from None


def cmd_grade(args: argparse.Namespace) -> int:
    """Autograde every submission of an assignment in parallel, one line per student."""
    from sahel_course.grading.batch import grade
    from sahel_course.grading.course import CourseError

    course = _course(args)
    total: list[int] = [0]

    def progress(result: object) -> None:
        total[0] += 1
        print(f"[{total[0]:>3}] {result.line()}", flush=True)  # type: ignore[attr-defined]

    try:
        results = grade(
            course, args.assignment, submissions=args.submissions, jobs=args.jobs,
            timeout=args.timeout, students=args.student, on_result=progress,
        )
    except CourseError as error:
        raise UsageError(str(error)) from None
    bad = [r for r in results if not r.graded]
    print(f"{len(results) - len(bad)} of {len(results)} submissions graded.")
    if bad:
        print("Not graded (see the logs in autograded/.sahel-course-logs/):")
        for result in bad:
            print(f"  {result.student}: {'; '.join(result.notes)}")
        return 1
    return 0


def cmd_gradebook(args: argparse.Namespace) -> int:
    """Write the gradebook CSV of one assignment (columns documented in grading.export)."""
    from nbgrader.api import Gradebook

    from sahel_course.grading.course import check_assignment, load_config
    from sahel_course.grading.export import QuestionCsvExport

    course = _course(args)
    _checked(check_assignment, course, args.assignment)
    if not (course / "gradebook.db").exists():
        raise UsageError(f"no gradebook in {course}: run `sahel-course grade` first")
    config = load_config(course)
    plugin = QuestionCsvExport(config=config, to=str(args.output), assignment=[args.assignment])
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        try:
            plugin.export(gradebook)
        except ValueError as error:
            raise UsageError(str(error)) from None
    print(f"wrote {args.output}")
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    """Write HTML feedback for every graded student (hidden tests are not shown)."""
    from sahel_course.grading.course import check_assignment, nbgrader_api

    course = _course(args)
    _checked(check_assignment, course, args.assignment)
    graded = course / "autograded"
    students = sorted(
        p.parent.name for p in graded.glob(f"*/{args.assignment}")
        if not p.parent.name.startswith(".")
    ) if graded.is_dir() else []
    students = [p for p in students if not args.student or p in args.student]
    if not students:
        raise UsageError(f"nothing graded for {args.assignment}: run `sahel-course grade` first")
    api = nbgrader_api(course)
    for student in students:
        _report_nbgrader(
            f"feedback for {student}", api.generate_feedback(args.assignment, student, force=True)
        )
        print(f"{student}: {course / 'feedback' / student / args.assignment}")
    return 0


def cmd_quiz_gradebook(args: argparse.Namespace) -> int:
    """Collect students' quiz hand-in reports into one CSV (one row per student).

    Columns: ``student``, then one column per question id holding the best score from 0 to 1
    (empty where the student never answered). Unreadable files are listed and skipped.
    """
    import warnings

    from sahel_course.progress import collect_reports

    missing = [str(p) for p in args.reports if not Path(p).is_file()]
    if missing:
        raise UsageError(f"report file(s) not found: {', '.join(missing)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = collect_reports([Path(p) for p in args.reports])
    for skipped in frame.attrs.get("skipped", []):
        print(f"skipped {skipped['path']}: {skipped['reason']}", file=sys.stderr)
    if len(frame.index) == 0:
        raise UsageError("none of the files is a readable quiz report")
    frame.to_csv(args.output, index=True, index_label="student")
    print(f"wrote {args.output} ({len(frame)} students, {len(frame.columns)} questions)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``sahel-course``."""
    parser = argparse.ArgumentParser(
        prog="sahel-course", description="Instructor tools for the Sahel Realignment course."
    )
    parser.add_argument("--course", help="nbgrader course folder (default: ./exercises or .)")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="COMMAND")

    generate = verbs.add_parser("generate", help="write student versions (nbgrader)")
    generate.add_argument("assignment", nargs="?", help="assignment name (default: all)")
    generate.set_defaults(func=cmd_generate)

    grade = verbs.add_parser("grade", help="autograde submitted notebooks in parallel")
    grade.add_argument("assignment")
    grade.add_argument("--submissions", type=Path,
                       help="folder of <student>/<assignment>/*.ipynb (default: submitted/)")
    grade.add_argument("--jobs", type=int, help="students graded at once (default: CPUs + 1)")
    grade.add_argument("--timeout", type=int, default=60,
                       help="seconds a cell may run before it is stopped (default: 60)")
    grade.add_argument("--student", action="append", help="grade only this student (repeat)")
    grade.set_defaults(func=cmd_grade)

    gradebook = verbs.add_parser("gradebook", help="export grades to CSV, one column per question")
    gradebook.add_argument("assignment")
    gradebook.add_argument("-o", "--output", type=Path, required=True, help="CSV file to write")
    gradebook.set_defaults(func=cmd_gradebook)

    feedback = verbs.add_parser("feedback", help="HTML feedback per student, hidden tests hidden")
    feedback.add_argument("assignment")
    feedback.add_argument("--student", action="append", help="only this student (repeat)")
    feedback.set_defaults(func=cmd_feedback)

    quiz = verbs.add_parser("quiz-gradebook", help="CSV of quiz scores from hand-in reports")
    quiz.add_argument("reports", nargs="+", help="students' report files")
    quiz.add_argument("-o", "--output", type=Path, required=True, help="CSV file to write")
    quiz.set_defaults(func=cmd_quiz_gradebook)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``sahel-course``; return the exit status."""
    args = build_parser().parse_args(argv)
    if getattr(args, "timeout", 1) < 1:
        print("sahel-course: error: --timeout must be at least 1 second", file=sys.stderr)
        return 2
    _ensure_tools_on_path()
    try:
        return args.func(args)
    except UsageError as error:
        print(f"sahel-course: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sahel-course: interrupted; grades already recorded are kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
