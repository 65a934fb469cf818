"""The progress file: location, concurrent writes, corrupt files, summaries, hand-in reports."""

from __future__ import annotations

import json
import math
import multiprocessing
import os
from pathlib import Path

import pandas as pd
import pytest

from sahel_course import __version__, progress
from sahel_course.quiz.grading import Result, Source

SOURCE = Source("S", "https://example.org")


def result(score: float) -> Result:
    return Result(correct=score == 1.0, score=score, message="", explanation="", source=SOURCE)


@pytest.fixture(autouse=True)
def progress_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "state" / "progress.json"
    monkeypatch.setenv("SAHEL_COURSE_PROGRESS", str(path))
    monkeypatch.delenv("SAHEL_COURSE_STUDENT", raising=False)
    return path


def test_location_from_env_or_home(monkeypatch: pytest.MonkeyPatch, progress_file: Path) -> None:
    assert progress.location() == progress_file
    monkeypatch.delenv("SAHEL_COURSE_PROGRESS")
    monkeypatch.setenv("HOME", "/home/someone")
    assert progress.location() == Path("/home/someone/.sahel_course/progress.json")
    assert "SAHEL_COURSE_PROGRESS" in (progress.__doc__ or "")


def test_record_appends_attempts_with_json_friendly_answers(progress_file: Path) -> None:
    progress.record("q1", "00-start-here", {"b", "a"}, result(0.5))
    progress.record("q1", "00-start-here", {0: 1, 1: 0}, result(1.0))
    data = json.loads(progress_file.read_text(encoding="utf-8"))
    attempts = data["answers"]["q1"]["attempts"]
    assert [a["answer"] for a in attempts] == [["a", "b"], {"0": 1, "1": 0}]
    assert [a["score"] for a in attempts] == [0.5, 1.0]
    assert [p.name for p in progress_file.parent.iterdir() if p.suffix == ".tmp"] == []


def test_student_id_from_env_file_or_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert progress.student_id() == "anonymous"
    progress.set_student("  amina.traore ")
    assert progress.student_id() == "amina.traore"
    monkeypatch.setenv("SAHEL_COURSE_STUDENT", "moussa")
    assert progress.student_id() == "moussa"
    with pytest.raises(ValueError, match="non-empty"):
        progress.set_student("   ")


def _writer(path: str, worker: int, count: int) -> None:
    os.environ["SAHEL_COURSE_PROGRESS"] = path
    for n in range(count):
        progress.record(f"w{worker}-q{n}", "00-start-here", n, result(1.0))
        progress.record("shared", "00-start-here", [worker, n], result(0.0))


@pytest.mark.slow
def test_concurrent_writers_lose_nothing(progress_file: Path) -> None:
    workers, count = 4, 15
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_writer, args=(str(progress_file), w, count)) for w in range(workers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    answers = progress.load()["answers"]
    expected = {f"w{w}-q{n}" for w in range(workers) for n in range(count)} | {"shared"}
    assert set(answers) == expected
    shared = sorted(tuple(a["answer"]) for a in answers["shared"]["attempts"])
    assert shared == sorted((w, n) for w in range(workers) for n in range(count))


@pytest.mark.parametrize(
    "content",
    ["{not json", "[1, 2]", '{"format": 1, "answers": {"q": {"lesson": 3, "attempts": []}}}',
     '{"format": 2, "answers": {}}', "\udcff"],
)
def test_corrupt_file_is_moved_aside_with_warning(progress_file: Path, content: str) -> None:
    progress_file.parent.mkdir(parents=True)
    progress_file.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.warns(UserWarning, match="damaged; it was kept as .*progress.corrupt-") as caught:
        progress.record("q1", "00-start-here", "a", result(1.0))
    kept = [p for p in progress_file.parent.iterdir() if p.name.startswith("progress.corrupt-")]
    assert len(kept) == 1 and kept[0].suffix == ".json"
    assert str(kept[0]) in str(caught[0].message)
    assert kept[0].read_bytes() == content.encode("utf-8", "surrogateescape")
    assert list(progress.load()["answers"]) == ["q1"]


def test_summary_per_lesson() -> None:
    assert list(progress.summary().columns) == ["answered", "correct", "score"]
    assert progress.summary().empty
    progress.record("a1", "01-a", "x", result(0.0))
    progress.record("a1", "01-a", "y", result(1.0))
    progress.record("a2", "01-a", "z", result(0.5))
    progress.record("b1", "02-b", "z", result(0.0))
    frame = progress.summary()
    assert frame.to_dict("index") == {
        "01-a": {"answered": 2, "correct": 1, "score": 1.5},
        "02-b": {"answered": 1, "correct": 0, "score": 0.0},
    }


def test_export_report_is_deterministic_and_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    progress.set_student("amina")
    progress.record("q2", "01-a", ["b"], result(0.5))
    progress.record("q1", "00-start-here", "a", result(0.0))
    progress.record("q1", "00-start-here", "b", result(1.0))
    monkeypatch.chdir(tmp_path)
    path = progress.export_report()
    assert path == tmp_path / "sahel-course-report-amina.json"
    report = json.loads(path.read_text(encoding="utf-8"))
    assert list(report) == sorted(report)
    assert report["student"] == "amina" and report["course_version"] == __version__
    assert list(report["questions"]) == ["q1", "q2"]
    q1 = report["questions"]["q1"]
    assert (q1["lesson"], q1["attempts"], q1["best_score"], q1["correct"]) == (
        "00-start-here", 2, 1.0, True
    )
    assert q1["last_answer"] == "b" and q1["first_attempt"] <= q1["last_attempt"]
    again = json.loads(progress.export_report(tmp_path / "again.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in report.items() if k != "exported_at"
    }


def test_collect_reports_roundtrip_and_bad_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for student, score in (("moussa", 0.5), ("amina", 1.0)):
        monkeypatch.setenv("SAHEL_COURSE_PROGRESS", str(tmp_path / student / "progress.json"))
        progress.set_student(student)
        progress.record("q1", "00-start-here", "x", result(score))
        if student == "amina":
            progress.record("q2", "00-start-here", "y", result(0.0))
        paths.append(progress.export_report(tmp_path / f"{student}.json"))
    (tmp_path / "broken.json").write_text("{oops", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"kind": "something-else"}', encoding="utf-8")
    bad_score = json.loads(paths[0].read_text(encoding="utf-8"))
    bad_score["student"] = "zoe"
    bad_score["questions"]["q1"]["best_score"] = 7
    (tmp_path / "bad-score.json").write_text(json.dumps(bad_score), encoding="utf-8")
    inputs = [*paths, tmp_path / "broken.json", str(tmp_path / "other.json"),
              tmp_path / "bad-score.json", tmp_path / "missing.json"]
    with pytest.warns(UserWarning, match="Skipped") as caught:
        frame = progress.collect_reports(inputs)
    assert len(caught) == 4
    assert frame.index.name == "student"
    assert list(frame.index) == ["amina", "moussa"] and list(frame.columns) == ["q1", "q2"]
    assert frame.loc["amina"].tolist() == [1.0, 0.0]
    assert frame.loc["moussa", "q1"] == 0.5 and math.isnan(frame.loc["moussa", "q2"])
    reasons = {Path(s["path"]).name: s["reason"] for s in frame.attrs["skipped"]}
    assert set(reasons) == {"broken.json", "other.json", "bad-score.json", "missing.json"}
    assert "not a Sahel course report" in reasons["other.json"]
    assert "best_score between 0 and 1" in reasons["bad-score.json"]


def test_collect_reports_merges_best_scores_of_one_student(tmp_path: Path) -> None:
    progress.set_student("amina")
    progress.record("q1", "00-start-here", "x", result(0.5))
    early = progress.export_report(tmp_path / "early.json")
    progress.record("q1", "00-start-here", "y", result(1.0))
    late = progress.export_report(tmp_path / "late.json")
    frame = progress.collect_reports([late, early])
    pd.testing.assert_frame_equal(
        frame,
        pd.DataFrame({"q1": [1.0]}, index=pd.Index(["amina"], name="student", dtype="object")),
    )
    assert progress.collect_reports([]).empty
