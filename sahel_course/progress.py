"""The student's quiz progress: one JSON file, safe to write from several notebooks at once.

Where it lives
    ``SAHEL_COURSE_PROGRESS`` (a file path) if set, else ``~/.sahel_course/progress.json``.
    :func:`location` returns the path in use.

Who the student is
    ``SAHEL_COURSE_STUDENT`` if set, else the id saved with :func:`set_student`, else
    ``"anonymous"`` (:func:`student_id`).

Safety
    Every change happens under a file lock (``progress.json.lock`` next to the file) and is
    written to a temporary file in the same folder, then moved over the old one with
    ``os.replace``, so two kernels saving at once lose nothing and a crash never leaves half a
    file. A file that is not valid progress JSON is moved aside to
    ``progress.corrupt-<timestamp>.json`` with a warning saying where, and a fresh file is started.

File format (``format`` 1)::

    {"format": 1, "student": "amina",
     "answers": {"l00-aes-members": {"lesson": "00-start-here",
                                     "attempts": [{"time": "2026-11-29T12:00:00+00:00",
                                                   "answer": ["bfa", "mli", "ner"],
                                                   "score": 1.0, "correct": true}]}}}

Hand-in
    :func:`export_report` writes the report a student hands in; :func:`collect_reports` reads
    a class's reports into one gradebook table (one row per student, one column per question).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from sahel_course.quiz.grading import Result

FORMAT = 1
REPORT_KIND = "sahel-course-report"
DEFAULT_STUDENT = "anonymous"
LOCK_TIMEOUT_S = 30


def location() -> Path:
    """The progress file: ``$SAHEL_COURSE_PROGRESS`` or ``~/.sahel_course/progress.json``."""
    configured = os.environ.get("SAHEL_COURSE_PROGRESS", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".sahel_course" / "progress.json"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _empty() -> dict[str, Any]:
    return {"format": FORMAT, "answers": {}}


def _is_attempt(attempt: Any) -> bool:
    return (
        isinstance(attempt, dict)
        and isinstance(attempt.get("time"), str)
        and isinstance(attempt.get("score"), (int, float))
        and isinstance(attempt.get("correct"), bool)
    )


def _has_shape(data: Any) -> bool:
    """True if ``data`` looks like a progress file of our format."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return False
    if not isinstance(data.get("student", ""), str) or not isinstance(data.get("answers"), dict):
        return False
    return all(
        isinstance(entry, dict)
        and isinstance(entry.get("lesson"), str)
        and isinstance(entry.get("attempts"), list)
        and all(_is_attempt(a) for a in entry["attempts"])
        for entry in data["answers"].values()
    )


def _read(path: Path) -> dict[str, Any]:
    """Read the progress file; move a corrupt one aside (with a warning) and start afresh."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _empty()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        data = None
    if _has_shape(data):
        return data
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    aside = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    os.replace(path, aside)
    warnings.warn(
        f"The quiz progress file {path} was damaged; it was kept as {aside} and a new one started.",
        stacklevel=3,
    )
    return _empty()


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder, then replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, sort_keys=True, ensure_ascii=False)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked() -> Iterator[Path]:
    from filelock import FileLock

    path = location()
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT_S):
        yield path


def load() -> dict[str, Any]:
    """The whole progress file as a dict (an empty progress record if there is none yet)."""
    with _locked() as path:
        return _read(path)


def _jsonable(value: Any) -> Any:
    """A JSON-friendly copy of an answer: sets become sorted lists, keys become strings."""
    if isinstance(value, (set, frozenset)):
        return sorted((_jsonable(v) for v in value), key=str)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return _jsonable(value.item())
    return repr(value)


def record(question_id: str, lesson: str, answer: Any, result: Result) -> None:
    """Append one graded attempt (``result`` from ``sahel_course.quiz.grade``) to the file."""
    attempt = {
        "time": _now(),
        "answer": _jsonable(answer),
        "score": float(result.score),
        "correct": bool(result.correct),
    }
    with _locked() as path:
        data = _read(path)
        entry = data["answers"].setdefault(question_id, {"lesson": lesson, "attempts": []})
        entry["lesson"] = lesson
        entry["attempts"].append(attempt)
        _write_json(path, data)


def student_id() -> str:
    """``$SAHEL_COURSE_STUDENT``, else the id saved by :func:`set_student`, else "anonymous"."""
    configured = os.environ.get("SAHEL_COURSE_STUDENT", "").strip()
    if configured:
        return configured
    return load().get("student") or DEFAULT_STUDENT


def set_student(student_id: str) -> None:
    """Save the student's id (as given by the instructor) in the progress file."""
    if not isinstance(student_id, str) or not student_id.strip():
        raise ValueError("the student id must be a non-empty string, e.g. 'amina.traore'")
    with _locked() as path:
        data = _read(path)
        data["student"] = student_id.strip()
        _write_json(path, data)


def question_stats(data: Mapping[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """Per question id: lesson, attempts, best_score, correct, first/last attempt, last_answer."""
    answers = (load() if data is None else data)["answers"]
    stats = {}
    for qid, entry in sorted(answers.items()):
        attempts = entry["attempts"]
        if not attempts:
            continue
        stats[qid] = {
            "lesson": entry["lesson"],
            "attempts": len(attempts),
            "best_score": max(float(a["score"]) for a in attempts),
            "correct": any(a["correct"] for a in attempts),
            "first_attempt": attempts[0]["time"],
            "last_attempt": attempts[-1]["time"],
            "last_answer": attempts[-1].get("answer"),
        }
    return stats


def summary() -> pd.DataFrame:
    """One row per lesson: ``answered`` questions, ``correct`` ones, ``score`` (sum of best scores).

    Partial credit counts in ``score``: two questions with best scores 1 and 0.5 give 1.5.
    """
    import pandas as pd

    rows = [
        {"lesson": s["lesson"], "answered": 1, "correct": int(s["correct"]),
         "score": s["best_score"]}
        for s in question_stats().values()
    ]
    frame = pd.DataFrame(rows, columns=["lesson", "answered", "correct", "score"])
    frame = frame.astype({"answered": "int64", "correct": "int64", "score": "float64"})
    return frame.groupby("lesson").sum().sort_index()


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or DEFAULT_STUDENT


def export_report(path: str | Path | None = None) -> Path:
    """Write the hand-in report and return its path.

    Default path: ``sahel-course-report-<student>.json`` in the current folder. The report holds
    the student id, the course version, the export time and, per question id: lesson, attempts,
    best score, whether it was ever answered correctly, first and last attempt times and the last
    answer. Keys are sorted, so the same progress gives the same file apart from ``exported_at``.
    """
    from sahel_course import __version__

    student = student_id()
    target = Path(path) if path is not None else Path.cwd() / (
        f"sahel-course-report-{_safe_name(student)}.json"
    )
    report = {
        "kind": REPORT_KIND,
        "format": FORMAT,
        "student": student,
        "course_version": __version__,
        "exported_at": _now(),
        "questions": question_stats(),
    }
    _write_json(target, report)
    return target


def _read_report(path: Path) -> tuple[str, dict[str, float]]:
    """Student id and best score per question of one report; ``ValueError`` says what is wrong."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read it as JSON ({exc})") from exc
    if not isinstance(report, dict) or report.get("kind") != REPORT_KIND:
        raise ValueError("it is not a Sahel course report (no \"kind\": \"sahel-course-report\")")
    student = report.get("student")
    questions = report.get("questions")
    if not isinstance(student, str) or not student.strip():
        raise ValueError("it has no student id")
    if not isinstance(questions, dict):
        raise ValueError("it has no \"questions\" table")
    scores = {}
    for qid, entry in questions.items():
        best = entry.get("best_score") if isinstance(entry, dict) else None
        if isinstance(best, bool) or not isinstance(best, (int, float)) or not 0 <= best <= 1:
            raise ValueError(f"question {qid!r} has no best_score between 0 and 1")
        scores[qid] = float(best)
    return student.strip(), scores


def collect_reports(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Gradebook from students' reports: one row per student, one column per question id.

    Cells hold the best score (0 to 1); NaN where the student never answered. Several reports
    from one student are merged, keeping the best score per question. A file that cannot be read
    or is not a report is skipped with a warning naming it and the reason; the skipped files are
    also listed in ``frame.attrs["skipped"]`` as ``{"path": ..., "reason": ...}``.
    """
    import pandas as pd

    best: dict[str, dict[str, float]] = {}
    skipped = []
    for raw in paths:
        path = Path(raw)
        try:
            student, scores = _read_report(path)
        except ValueError as exc:
            skipped.append({"path": str(path), "reason": str(exc)})
            warnings.warn(f"Skipped {path}: {exc}", stacklevel=2)
            continue
        merged = best.setdefault(student, {})
        for qid, score in scores.items():
            merged[qid] = max(score, merged.get(qid, 0.0))
    columns = sorted({qid for scores in best.values() for qid in scores})
    students = sorted(best)
    frame = pd.DataFrame(
        [best[s] for s in students],
        index=pd.Index(students, name="student", dtype="object"),
        columns=columns,
        dtype="float64",
    )
    frame.attrs["skipped"] = skipped
    return frame
