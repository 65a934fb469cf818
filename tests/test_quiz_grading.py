"""Pure grading: every question type with right, wrong, partial and malformed answers."""

from __future__ import annotations

import dataclasses
import math
import random

import pytest

from sahel_course.quiz import grade, normalize_text, parse_number
from sahel_course.quiz.display import choices, localize, seeded_shuffle

SOURCE = {"title": "Test source", "url": "https://example.org/source"}

SINGLE = {
    "id": "t-single",
    "type": "single",
    "prompt": "Which year?",
    "options": [
        {"id": "a", "text": "1958", "feedback": "1958 was the referendum."},
        {"id": "b", "text": "1960", "correct": True},
        {"id": "c", "text": "1962", "feedback": {"en": "Too late.", "fr": "Trop tard."}},
    ],
    "explanation": {"en": "In 1960.", "fr": "En 1960."},
    "source": SOURCE,
}
MULTIPLE = {
    "id": "t-multiple",
    "type": "multiple",
    "prompt": "Which signed?",
    "options": [
        {"id": "mli", "text": "Mali", "correct": True},
        {"id": "bfa", "text": "Burkina Faso", "correct": True},
        {"id": "ner", "text": "Niger", "correct": True},
        {"id": "tcd", "text": "Chad", "feedback": "Chad did not sign."},
    ],
    "explanation": "Three signed.",
    "source": SOURCE,
}
NUMERIC = {
    "id": "t-numeric",
    "type": "numeric",
    "prompt": "How many?",
    "answer": 15,
    "tolerance": 0,
    "feedback_wrong": "Count again.",
    "explanation": "Fifteen.",
    "source": SOURCE,
}
NUMERIC_RANGE = {**NUMERIC, "id": "t-range", "answer": 1000, "range": [900, 1200]}
del NUMERIC_RANGE["tolerance"]
ORDER = {
    "id": "t-order",
    "type": "order",
    "prompt": "Order these.",
    "items": [{"id": "w", "text": "first"}, {"id": "x", "text": "second"},
              {"id": "y", "text": "third"}, {"id": "z", "text": "fourth"}],
    "feedback_wrong": "Check the dates.",
    "explanation": "In this order.",
    "source": SOURCE,
}
MATCH = {
    "id": "t-match",
    "type": "match",
    "prompt": "Match.",
    "pairs": [{"left": "Mali", "right": "Bamako"}, {"left": "Burkina Faso", "right": "Ouagadougou"},
              {"left": "Niger", "right": "Niamey"}],
    "feedback_wrong": "Some pairs are wrong.",
    "explanation": "Capitals.",
    "source": SOURCE,
}
TEXT = {
    "id": "t-text",
    "type": "text",
    "prompt": "Which country?",
    "accepted": ["Côte d'Ivoire", {"en": "Ivory Coast", "fr": "Côte-d’Ivoire"}],
    "feedback_wrong": "Think of the coast.",
    "explanation": "Côte d'Ivoire.",
    "source": SOURCE,
}


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAHEL_COURSE_LANG", raising=False)


def test_result_is_frozen_and_carries_explanation_and_source() -> None:
    result = grade(SINGLE, "b")
    assert (result.correct, result.score, result.valid) == (True, 1.0, True)
    assert result.explanation == "In 1960."
    assert (result.source.title, result.source.url) == (SOURCE["title"], SOURCE["url"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.score = 0.5  # type: ignore[misc]


def test_single_wrong_gives_that_options_feedback() -> None:
    result = grade(SINGLE, "a")
    assert (result.correct, result.score, result.valid) == (False, 0.0, True)
    assert result.message == "1958 was the referendum."


@pytest.mark.parametrize("answer", [None, "", "z", 1, ["b"]])
def test_single_malformed(answer: object) -> None:
    result = grade(SINGLE, answer)
    assert not result.valid and not result.correct and result.score == 0.0
    assert result.message


def test_multiple_right_partial_wrong() -> None:
    assert grade(MULTIPLE, ["ner", "mli", "bfa"]).correct
    assert grade(MULTIPLE, {"ner", "mli", "bfa"}).score == 1.0
    partial = grade(MULTIPLE, ["mli", "bfa"])
    assert not partial.correct and partial.score == pytest.approx(2 / 3)
    assert "missed 1" in partial.message and "Partly right: 67%" in partial.message
    # one wrong tick cancels one right tick
    penalised = grade(MULTIPLE, ["mli", "bfa", "tcd"])
    assert penalised.score == pytest.approx(1 / 3)
    assert "Chad did not sign." in penalised.message
    assert grade(MULTIPLE, ["tcd"]).score == 0.0


@pytest.mark.parametrize("answer", [None, [], "mli", ["mli", "xxx"], [1, 2], ("mli", None)])
def test_multiple_malformed(answer: object) -> None:
    result = grade(MULTIPLE, answer)
    assert not result.valid and result.score == 0.0


def test_numeric_tolerance_and_range() -> None:
    assert grade(NUMERIC, 15).correct
    assert grade(NUMERIC, 15.0).correct
    wrong = grade(NUMERIC, 12)
    assert wrong.valid and not wrong.correct and wrong.message == "Count again."
    assert grade({**NUMERIC, "tolerance": 1}, 16).correct
    assert not grade({**NUMERIC, "tolerance": 1}, 16.5).correct
    assert grade(NUMERIC_RANGE, 900).correct and grade(NUMERIC_RANGE, 1200).correct
    assert not grade(NUMERIC_RANGE, 1201).correct


@pytest.mark.parametrize("answer", [None, "15", "", math.nan, math.inf, True, [15]])
def test_numeric_malformed(answer: object) -> None:
    result = grade(NUMERIC, answer)
    assert not result.valid
    assert result.message.startswith("Type a number")


def test_order_partial_credit_counts_pairs_in_order() -> None:
    assert grade(ORDER, ["w", "x", "y", "z"]).correct
    swapped = grade(ORDER, ["x", "w", "y", "z"])  # 5 of 6 pairs in order
    assert swapped.score == pytest.approx(5 / 6) and not swapped.correct
    assert "Check the dates." in swapped.message
    assert grade(ORDER, ["z", "y", "x", "w"]).score == 0.0


@pytest.mark.parametrize(
    "answer",
    [None, [], "wxyz", ["w", "x", "y"], ["w", "x", "y", "y"], ["w", "x", "y", "q"],
     ["w", "x", "y", None], ["w", "x", "y", "z", "z"]],
)
def test_order_malformed(answer: object) -> None:
    result = grade(ORDER, answer)
    assert not result.valid
    assert "every position" in result.message


def test_match_partial_credit_per_left_item() -> None:
    assert grade(MATCH, {0: 0, 1: 1, 2: 2}).correct
    result = grade(MATCH, {0: 1, 1: 0, 2: 2})
    assert result.score == pytest.approx(1 / 3) and result.message.endswith("Some pairs are wrong.")
    assert grade(MATCH, {0: 1, 1: 1, 2: 1}).score == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    "answer",
    [None, {}, [0, 1, 2], {0: 0, 1: 1}, {0: 0, 1: 1, 2: None}, {0: 0, 1: 1, 2: 3},
     {0: 0, 1: 1, 5: 2}, {"0": 0, "1": 1, "2": 2}, {0: True, 1: 1, 2: 2}],
)
def test_match_malformed(answer: object) -> None:
    assert not grade(MATCH, answer).valid


@pytest.mark.parametrize(
    "answer",
    ["Côte d'Ivoire", "cote d'ivoire", "  COTE   D’IVOIRE. ", "ivory-coast", "Ivory Coast"],
)
def test_text_accepts_case_accent_space_variants(answer: str) -> None:
    assert grade(TEXT, answer).correct


def test_text_wrong_and_malformed() -> None:
    wrong = grade(TEXT, "Ghana")
    assert wrong.valid and not wrong.correct and wrong.message == "Think of the coast."
    for answer in (None, "", "   ", 42):
        assert not grade(TEXT, answer).valid


def test_french_texts_with_english_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHEL_COURSE_LANG", "fr")
    assert grade(SINGLE, "b").explanation == "En 1960."
    assert grade(SINGLE, "c").message == "Trop tard."
    assert grade(SINGLE, "a").message == "1958 was the referendum."  # no French given
    assert grade(NUMERIC, "x").message.startswith("Tapez un nombre")
    monkeypatch.setenv("SAHEL_COURSE_LANG", "de")
    assert localize({"en": "yes", "fr": "oui"}) == "yes"


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1960", 1960.0), (" 1 960 ", 1960.0), ("1,960", 1960.0), ("12,000,000", 12e6),
     ("3,5", 3.5), ("3.5", 3.5), ("-2", -2.0), ("abc", None), ("", None), ("nan", None),
     ("inf", None), ("1,2,3", None)],
)
def test_parse_number(typed: str, value: float | None) -> None:
    assert parse_number(typed) == value


def test_normalize_text() -> None:
    assert normalize_text("  Ségou—Mopti  ") == "segou mopti"


def test_shuffle_is_reproducible_per_student_and_leaves_global_random_alone() -> None:
    random.seed(1234)
    expected_next = random.random()
    random.seed(1234)
    items = list(range(20))
    first = seeded_shuffle(items, "q1", "amina")
    assert random.random() == expected_next  # global state untouched
    assert first == seeded_shuffle(items, "q1", "amina")
    assert sorted(first) == items
    assert first != seeded_shuffle(items, "q1", "moussa")
    assert first != seeded_shuffle(items, "q2", "amina")


def test_order_items_are_never_shown_in_answer_order() -> None:
    two = {**ORDER, "items": ORDER["items"][:2]}
    for student in ("a", "b", "c", "d", "e", "f"):
        assert [v for _, v in choices(two, student)] == ["x", "w"]
        assert [v for _, v in choices(ORDER, student)] != ["w", "x", "y", "z"]


def test_shuffle_false_keeps_bank_order() -> None:
    kept = choices({**SINGLE, "shuffle": False}, "amina")
    assert [v for _, v in kept] == ["a", "b", "c"]
