"""Quizzes graded in the kernel: question banks, pure grading and ipywidgets.

>>> from sahel_course.quiz import ask
>>> ask("l00-aes-members")          # doctest: +SKIP

Public API (imported lazily, so ``import sahel_course.quiz`` stays cheap):

* ``ask(question_id) -> QuestionWidget``, ``quiz_summary(lesson) -> QuizSummary`` and
  ``report_button() -> ReportExport`` (widgets);
* ``grade(question, answer) -> Result``, ``Result``, ``Source``, ``parse_number``,
  ``normalize_text`` (pure grading);
* ``get_question(question_id)``, ``lesson_questions(lesson)``, ``load_bank(path)``,
  ``load_banks(directory=None)``, ``BankError`` (banks).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ask": "widgets",
    "quiz_summary": "widgets",
    "QuestionWidget": "widgets",
    "QuizSummary": "widgets",
    "report_button": "widgets",
    "ReportExport": "widgets",
    "grade": "grading",
    "Result": "grading",
    "Source": "grading",
    "parse_number": "grading",
    "normalize_text": "grading",
    "get_question": "bank",
    "lesson_questions": "bank",
    "load_bank": "bank",
    "load_banks": "bank",
    "BankError": "bank",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
