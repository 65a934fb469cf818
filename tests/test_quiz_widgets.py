"""Quiz widgets driven from Python: set a value, click Check, read the feedback."""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as widgets
import pytest

from sahel_course.quiz import (
    QuestionWidget,
    ask,
    get_question,
    load_banks,
    quiz_summary,
    report_button,
)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(autouse=True)
def progress_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv("SAHEL_COURSE_PROGRESS", str(path))
    monkeypatch.setenv("SAHEL_COURSE_STUDENT", "amina")
    monkeypatch.delenv("SAHEL_COURSE_LANG", raising=False)
    return path


def saved(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["answers"]


def test_single_wrong_then_right_counts_attempts_and_saves(progress_file: Path) -> None:
    w = ask("l00-liptako-gourma")
    assert isinstance(w, widgets.VBox)
    radio = w.controls[0]
    assert isinstance(radio, widgets.RadioButtons) and radio.description == "Answer"
    assert w.check_button.description == "Check" and w.check_button.tooltip
    radio.value = "lake-chad"
    w.check_button.click()
    assert "Not there." in w.feedback.value
    assert w.attempts == 1 and w.attempts_label.value == "Attempts: 1"
    assert "vanguardngr.com" in w.explanation.value  # source link shown after an attempt
    radio.value = "border"
    w.check_button.click()
    assert "Correct." in w.feedback.value and w.attempts == 2
    entry = saved(progress_file)["l00-liptako-gourma"]
    assert entry["lesson"] == "00-start-here"
    assert [(a["answer"], a["correct"]) for a in entry["attempts"]] == [
        ("lake-chad", False), ("border", True)
    ]


def test_malformed_answer_is_explained_not_counted_not_saved(progress_file: Path) -> None:
    w = ask("l00-liptako-gourma")
    w.check_button.click()
    assert "Choose one of the options." in w.feedback.value
    assert w.attempts == 0 and w.explanation.value == ""
    assert not progress_file.exists()


def test_multiple_partial_then_full() -> None:
    w = ask("l00-aes-founders")
    boxes = {box.description: box for box in w.controls}
    assert set(boxes) == {"Mali", "Burkina Faso", "Niger", "Chad", "Guinea"}
    boxes["Mali"].value = boxes["Chad"].value = True
    result = w.check()
    assert result.score == 0.0 and "Chad did not sign" in w.feedback.value
    boxes["Chad"].value = False
    boxes["Niger"].value = boxes["Burkina Faso"].value = True
    w.check_button.click()
    assert "Correct." in w.feedback.value and w.attempts == 2


def test_numeric_reads_typed_text() -> None:
    w = ask("l00-ecowas-members")
    box = w.controls[0]
    assert isinstance(box, widgets.Text) and box.placeholder == "member states"
    box.value = "fifteen"
    w.check_button.click()
    assert "Type a number" in w.feedback.value and w.attempts == 0
    box.value = "12"
    w.check_button.click()
    assert "Count the whole bloc" in w.feedback.value and w.attempts == 1
    box.value = " 15 "
    w.check_button.click()
    assert "Correct." in w.feedback.value


def test_order_dropdowns_partial_and_full() -> None:
    w = ask("l00-road-to-exit")
    right = [item["id"] for item in get_question("l00-road-to-exit")["items"]]
    assert [d.description for d in w.controls] == [f"Position {n}" for n in range(1, 5)]
    assert all(d.value is None for d in w.controls)
    for dropdown, item_id in zip(w.controls, [right[1], right[0], *right[2:]], strict=True):
        dropdown.value = item_id
    w.check_button.click()
    assert "Partly right: 83%" in w.feedback.value
    for dropdown, item_id in zip(w.controls, right, strict=True):
        dropdown.value = item_id
    w.check_button.click()
    assert "Correct." in w.feedback.value


def test_match_dropdowns_per_left_item() -> None:
    w = ask("l00-aes-leaders")
    assert [d.description for d in w.controls] == ["Mali", "Burkina Faso", "Niger"]
    w.controls[0].value = 0
    w.check_button.click()
    assert "Choose a match for every item" in w.feedback.value and w.attempts == 0
    for n, dropdown in enumerate(w.controls):
        dropdown.value = n
    w.check_button.click()
    assert "Correct." in w.feedback.value


def test_text_answer_is_case_and_accent_insensitive() -> None:
    w = ask("l00-niamey-river")
    w.controls[0].value = "  the NIGER "
    w.check_button.click()
    assert "Correct." in w.feedback.value
    w.controls[0].value = "Volta"
    w.check_button.click()
    assert "shares its name" in w.feedback.value


def test_attempts_resume_from_progress_file() -> None:
    first = ask("l00-niamey-river")
    first.controls[0].value = "Niger"
    first.check_button.click()
    assert ask("l00-niamey-river").attempts == 1


def test_static_fallback_shows_question_but_not_answer() -> None:
    w = ask("l00-aes-founders")
    bundle = w._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    html, text = bundle["text/html"], bundle["text/plain"]
    for shown in ("Liptako-Gourma Charter", "Chad", "Guinea", "Tick every correct answer"):
        assert shown in html and shown in text
    question = get_question("l00-aes-founders")
    assert question["explanation"]["en"][:40] not in html + text
    assert "true" not in html.lower() and "did not sign" not in html
    assert ask("l00-aes-founders")._repr_mimebundle_()["text/html"] == html  # deterministic


def test_every_bank_question_gets_a_widget_and_static_view() -> None:
    for qid in (q["id"] for bank in load_banks().values() for q in bank["questions"]):
        w = ask(qid)
        assert isinstance(w, QuestionWidget) and w.controls
        assert f'data-question-id="{qid}"' in w._repr_mimebundle_()["text/html"]


def test_same_student_same_order_other_student_may_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    order = [d for _, d in ask("l00-road-to-exit").controls[0].options]
    assert [d for _, d in ask("l00-road-to-exit").controls[0].options] == order
    orders = set()
    for student in ("s1", "s2", "s3", "s4", "s5", "s6"):
        monkeypatch.setenv("SAHEL_COURSE_STUDENT", student)
        orders.add(tuple(d for _, d in ask("l00-road-to-exit").controls[0].options))
    assert len(orders) > 1


def test_french_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHEL_COURSE_LANG", "fr")
    w = ask("l00-liptako-gourma")
    assert w.check_button.description == "Vérifier"
    assert "Où se trouve-t-elle" in w._repr_mimebundle_()["text/plain"]


def test_unsaveable_progress_does_not_crash(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("SAHEL_COURSE_PROGRESS", str(blocker / "progress.json"))
    monkeypatch.delenv("SAHEL_COURSE_STUDENT")
    w = ask("l00-niamey-river")
    w.controls[0].value = "Niger"
    w.check_button.click()
    assert "Correct." in w.feedback.value and "Progress not saved" in w.feedback.value


def test_quiz_summary_scores_the_lesson() -> None:
    w = ask("l00-aes-founders")
    for box in w.controls[:]:
        box.value = box.description in ("Mali", "Burkina Faso")
    w.check_button.click()  # 2 of 3: score 2/3
    river = ask("l00-niamey-river")
    river.controls[0].value = "Niger"
    river.check_button.click()
    summary = quiz_summary("00-start-here")
    bundle = summary._repr_mimebundle_()
    assert bundle["text/plain"] == "Lesson 00-start-here: 1.66667 / 6 points"
    assert bundle["text/html"].count("<tr>") == 7  # header + 6 questions
    assert "<td>0.67</td>" in bundle["text/html"] and "<td>-</td>" in bundle["text/html"]


def test_report_button_writes_the_hand_in_report_where_the_student_works(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    river = ask("l00-niamey-river")
    river.controls[0].value = "Niger"
    river.check_button.click()
    lesson_folder = tmp_path / "lessons"
    lesson_folder.mkdir()
    monkeypatch.chdir(lesson_folder)
    button = report_button()
    assert button.button.description == "Export my report" and button.button.tooltip
    button.button.click()
    report = lesson_folder / "sahel-course-report-amina.json"
    assert json.loads(report.read_text(encoding="utf-8"))["questions"]["l00-niamey-river"][
        "best_score"
    ] == 1.0
    assert report.name in button.status.value


def test_report_button_says_why_when_the_folder_is_read_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(path: object = None) -> Path:
        raise PermissionError("read-only folder")

    monkeypatch.setattr("sahel_course.progress.export_report", refuse)
    button = report_button()
    button.button.click()
    assert "could not be written" in button.status.value and "read-only" in button.status.value
