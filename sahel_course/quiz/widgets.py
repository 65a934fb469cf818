"""Quiz widgets: they display a bank question, collect the answer and show the grade.

Grading is :func:`sahel_course.quiz.grading.grade` (in the kernel, so answers never reach the
browser); saving is :func:`sahel_course.progress.record`. Each widget also carries a static
``text/plain`` and ``text/html`` rendering (prompt and choices, never the answer) for places
where no kernel runs, such as nbviewer or an HTML export.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from sahel_course import progress

from .bank import get_question, lesson_questions
from .display import choices, instruction, localize, render_html, render_text, ui
from .grading import Result, parse_number

_WIDE = {"description_width": "initial"}


class QuestionWidget(widgets.VBox):
    """One quiz question: labelled controls, a Check button, feedback and the explanation.

    Drive it from Python as a student would: set the control values (``controls``), then
    ``check_button.click()``; read ``feedback.value``, ``explanation.value``, ``attempts``.
    """

    def __init__(self, question: dict[str, Any], student: str) -> None:
        self.question = question
        self.student = student
        try:
            stats = progress.question_stats().get(question["id"], {})
        except OSError:  # an unreadable progress folder must not stop the lesson
            stats = {}
        self.attempts: int = stats.get("attempts", 0)
        self.controls: list[widgets.Widget] = self._build_controls()
        self.check_button = widgets.Button(
            description=ui("check"),
            tooltip=ui("check_tooltip"),
            icon="check",
            button_style="primary",
        )
        self.feedback = widgets.HTML()
        self.explanation = widgets.HTML()
        self.attempts_label = widgets.Label(ui("attempts", n=self.attempts))
        self.check_button.on_click(lambda _button: self.check())
        prompt = widgets.HTML(
            f"<p><strong>{html.escape(localize(question['prompt']))}</strong><br>"
            f"<em>{html.escape(instruction(question))}</em></p>"
        )
        footer = widgets.HBox([self.check_button, self.attempts_label])
        super().__init__(
            [prompt, *self.controls, footer, self.feedback, self.explanation],
            layout=widgets.Layout(border="1px solid #bbb", padding="0.5em", margin="0.5em 0"),
        )
        self.add_class("sahel-quiz")

    def _build_controls(self) -> list[widgets.Widget]:
        kind = self.question["type"]
        shown = choices(self.question, self.student)
        if kind == "single":
            return [
                widgets.RadioButtons(
                    options=shown, value=None, description=ui("answer"), style=_WIDE,
                    layout=widgets.Layout(width="auto"),
                )
            ]
        if kind == "multiple":
            return [
                widgets.Checkbox(value=False, description=label, indent=False, style=_WIDE)
                for label, _ in shown
            ]
        if kind == "order":
            return [
                widgets.Dropdown(
                    options=shown, value=None, description=ui("position", n=n + 1), style=_WIDE
                )
                for n in range(len(shown))
            ]
        if kind == "match":
            return [
                widgets.Dropdown(
                    options=shown, value=None, description=localize(pair["left"]), style=_WIDE
                )
                for pair in self.question["pairs"]
            ]
        unit = localize(self.question["unit"]) if "unit" in self.question else ""
        return [
            widgets.Text(
                value="", description=ui("answer"), placeholder=unit, style=_WIDE,
                continuous_update=False,
            )
        ]

    def answer(self) -> Any:
        """The answer currently entered, in the shape :func:`grade` expects."""
        kind = self.question["type"]
        if kind == "multiple":
            ids = [value for _, value in choices(self.question, self.student)]
            return [oid for oid, box in zip(ids, self.controls, strict=True) if box.value]
        if kind == "order":
            return [box.value for box in self.controls]
        if kind == "match":
            return {n: box.value for n, box in enumerate(self.controls)}
        value = self.controls[0].value
        return parse_number(value) if kind == "numeric" else value

    def check(self) -> Result:
        """Grade the current answer, save a valid attempt and show the feedback."""
        from .grading import grade

        answer = self.answer()
        result = grade(self.question, answer)
        if not result.valid:
            self.feedback.value = f'<p role="status">{html.escape(result.message)}</p>'
            return result
        self.attempts += 1
        self.attempts_label.value = ui("attempts", n=self.attempts)
        saved = ""
        try:
            progress.record(self.question["id"], self.question["lesson"], answer, result)
        except OSError as exc:
            saved = f" ({ui('not_saved', error=exc)})"
        mark = "✔" if result.correct else ("◐" if result.score > 0 else "✘")
        colour = "#1a7f37" if result.correct else "#9a6700" if result.score > 0 else "#cf222e"
        self.feedback.value = (
            f'<p role="status" style="color:{colour}">{mark} '
            f"{html.escape(result.message + saved)}</p>"
        )
        self.explanation.value = (
            f"<p>{html.escape(result.explanation)}<br><small>{ui('source')}: "
            f'<a href="{html.escape(result.source.url)}" target="_blank" rel="noopener">'
            f"{html.escape(result.source.title)}</a></small></p>"
        )
        return result

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = render_text(self.question, self.student)
        bundle["text/html"] = render_html(self.question, self.student)
        return bundle


def ask(question_id: str) -> QuestionWidget:
    """A quiz widget for any question of the course banks, e.g. ``ask("l00-aes-members")``."""
    try:
        student = progress.student_id()
    except OSError:
        student = progress.DEFAULT_STUDENT
    return QuestionWidget(get_question(question_id), student)


def summary_table(lesson: str) -> tuple[list[dict[str, Any]], float, int]:
    """Rows (question, attempts, best score), total score and question count for a lesson."""
    try:
        stats = progress.question_stats()
    except OSError:
        stats = {}
    rows = []
    for question in lesson_questions(lesson):
        entry = stats.get(question["id"], {})
        rows.append(
            {
                "question": localize(question["prompt"]),
                "attempts": entry.get("attempts", 0),
                "best_score": entry.get("best_score"),
            }
        )
    total = sum(row["best_score"] or 0.0 for row in rows)
    return rows, total, len(rows)


def _score_text(score: float | None) -> str:
    return "-" if score is None else f"{score:.2g}"


class QuizSummary(widgets.HTML):
    """The student's score on one lesson's questions, as an HTML table (also shown statically)."""

    def __init__(self, lesson: str) -> None:
        rows, total, count = summary_table(lesson)
        self.total, self.count = total, count
        body = "".join(
            f"<tr><td>{html.escape(r['question'])}</td><td>{r['attempts']}</td>"
            f"<td>{_score_text(r['best_score'])}</td></tr>"
            for r in rows
        )
        head = "".join(f"<th>{html.escape(c)}</th>" for c in ui("columns").split("|"))
        self.plain = ui("total", lesson=lesson, total=total, count=count)
        super().__init__(
            f'<div class="sahel-quiz-summary"><p><strong>{html.escape(self.plain)}</strong></p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<p><small>{html.escape(ui('rerun'))}</small></p></div>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.plain
        bundle["text/html"] = self.value
        return bundle


def quiz_summary(lesson: str) -> QuizSummary:
    """The student's score on a lesson's questions, e.g. ``quiz_summary("00-start-here")``."""
    return QuizSummary(lesson)


class ReportExport(widgets.VBox):
    """A labelled button that writes the student's hand-in report and says where it went.

    The report goes to the current folder (the lesson's folder in JupyterLab), where the file
    browser shows it for download; see :func:`sahel_course.progress.export_report`.
    """

    def __init__(self) -> None:
        self.button = widgets.Button(
            description=ui("export"), tooltip=ui("export_tooltip"), icon="download",
            layout=widgets.Layout(width="auto"),
        )
        self.status = widgets.HTML()
        self.button.on_click(self._export)
        super().__init__([self.button, self.status])

    def _export(self, _button: widgets.Button | None = None) -> None:
        try:
            path = progress.export_report()
        except OSError as error:
            self.status.value = html.escape(ui("export_failed", error=error))
            return
        self.status.value = html.escape(ui("exported", path=path.name))

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = ui("export")
        return bundle


def report_button() -> ReportExport:
    """A button that exports the student's quiz report (``progress.export_report()``)."""
    return ReportExport()
