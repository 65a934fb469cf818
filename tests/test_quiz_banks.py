"""Question banks: every shipped bank validates; broken banks give errors naming file and id."""

from __future__ import annotations

import json
import textwrap
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from sahel_course.quiz import (
    BankError,
    get_question,
    grade,
    lesson_questions,
    load_bank,
    load_banks,
)
from sahel_course.quiz.bank import bank_dir

GOOD = """\
lesson: 99-test
title: Test
questions:
  - id: t99-one
    type: single
    prompt: Which year?
    options:
      - {id: a, text: "1958", feedback: "Too early."}
      - {id: b, text: "1960", correct: true}
    explanation: In 1960.
    source: {title: A source, url: "https://example.org/a"}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_schema_is_shipped_and_is_a_valid_json_schema() -> None:
    text = (resources.files("sahel_course.quiz") / "schema.json").read_text(encoding="utf-8")
    jsonschema.Draft202012Validator.check_schema(json.loads(text))


def test_every_shipped_bank_validates_with_unique_ids() -> None:
    """Runs over the lesson writers' banks too, so their mistakes show up here."""
    banks = load_banks()
    assert "00-start-here" in banks
    files = sorted(p.stem for p in bank_dir().glob("*.yaml"))
    assert sorted(banks) == files
    ids = [q["id"] for bank in banks.values() for q in bank["questions"]]
    assert len(ids) == len(set(ids))


def test_every_shipped_question_grades_its_own_answer_as_correct() -> None:
    for bank in load_banks().values():
        for question in bank["questions"]:
            kind = question["type"]
            if kind == "single":
                answer = next(o["id"] for o in question["options"] if o.get("correct"))
            elif kind == "multiple":
                answer = [o["id"] for o in question["options"] if o.get("correct")]
            elif kind == "numeric":
                answer = question["answer"]
            elif kind == "order":
                answer = [item["id"] for item in question["items"]]
            elif kind == "match":
                answer = {n: n for n in range(len(question["pairs"]))}
            else:
                accepted = question["accepted"][0]
                answer = accepted if isinstance(accepted, str) else accepted["en"]
            assert grade(question, answer).correct, question["id"]


def test_lesson_00_has_one_question_of_each_type() -> None:
    questions = lesson_questions("00-start-here")
    assert 4 <= len(questions) <= 6
    assert {q["type"] for q in questions} == {
        "single", "multiple", "numeric", "order", "match", "text"
    }
    assert get_question("l00-aes-founders")["lesson"] == "00-start-here"
    with pytest.raises(KeyError, match="no question 'nope'"):
        get_question("nope")
    with pytest.raises(KeyError, match="no question bank"):
        lesson_questions("42-nothing")


def test_good_bank_loads(tmp_path: Path) -> None:
    bank = load_bank(write(tmp_path, "99-test.yaml", GOOD))
    assert bank["questions"][0]["id"] == "t99-one"


BROKEN = {
    "two correct options": (
        GOOD.replace('feedback: "Too early."', "correct: true"),
        "needs one correct option, has 2",
    ),
    "wrong option without feedback": (
        GOOD.replace(', feedback: "Too early."', ""),
        "wrong option 'a' has no feedback",
    ),
    "no source": (GOOD.replace('    source: {title: A source, url: "https://example.org/a"}\n', ""),
                  "'source' is a required property"),
    "source url not http": (GOOD.replace("https://example.org/a", "example.org/a"),
                            "'example.org/a' is not an http(s) URL"),
    "no explanation": (GOOD.replace("    explanation: In 1960.\n", ""),
                       "'explanation' is a required property"),
    "unquoted number as text": (GOOD.replace('text: "1960"', "text: 1960"),
                                "must be text (quote numbers)"),
    "misspelt key": (GOOD.replace("correct: true", "corect: true"),
                     "Additional properties are not allowed"),
    "unknown type": (GOOD.replace("type: single", "type: essay"), "is not one of"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_bank_error_names_file_and_question(tmp_path: Path, case: str) -> None:
    text, expected = BROKEN[case]
    path = write(tmp_path, "99-test.yaml", text)
    with pytest.raises(BankError) as info:
        load_bank(path)
    message = str(info.value)
    assert message.startswith("99-test.yaml: question 't99-one'"), message
    assert expected in message


NUMERIC = """\
lesson: 98-numbers
title: Numbers
questions:
  - id: t98-n
    type: numeric
    prompt: How many?
    answer: 15
    {extra}
    feedback_wrong: No.
    explanation: Fifteen.
    source: {{title: S, url: "http://example.org"}}
"""


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("range: [20, 30]", "answer 15 lies outside range [20, 30]"),
        ("range: [30, 20]", "must have low < high"),
        ("tolerance: -1", "less than the minimum of 0"),
        ("tolerance: .inf", "tolerance must be a finite number"),
        ("unit: states", "needs exactly one of 'tolerance' or 'range'"),
        ("tolerance: 1\n    range: [10, 20]", "needs exactly one of 'tolerance' or 'range'"),
    ],
)
def test_numeric_sanity(tmp_path: Path, extra: str, expected: str) -> None:
    path = write(tmp_path, "98-numbers.yaml", NUMERIC.format(extra=extra))
    with pytest.raises(BankError, match=r"98-numbers\.yaml: question 't98-n'") as info:
        load_bank(path)
    assert expected in str(info.value)


def test_lesson_must_match_file_name(tmp_path: Path) -> None:
    with pytest.raises(BankError, match="differs from the file name '97-other'"):
        load_bank(write(tmp_path, "97-other.yaml", GOOD))


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(BankError, match=r"^99-test.yaml: cannot read the bank"):
        load_bank(write(tmp_path, "99-test.yaml", "lesson: [unclosed\n"))


def test_ids_unique_across_banks_and_all_problems_reported(tmp_path: Path) -> None:
    write(tmp_path, "99-test.yaml", GOOD)
    write(tmp_path, "96-copy.yaml", GOOD.replace("99-test", "96-copy"))
    write(tmp_path, "95-bad.yaml", GOOD.replace("99-test", "95-bad").replace("t99-one", "t95")
          .replace(', feedback: "Too early."', ""))
    with pytest.raises(BankError) as info:
        load_banks(tmp_path)
    problems = info.value.problems
    assert "95-bad.yaml: question 't95': wrong option 'a' has no feedback" in problems
    assert "99-test.yaml: question 't99-one': id already used in 96-copy.yaml" in problems


def test_order_and_match_rules(tmp_path: Path) -> None:
    text = """\
    lesson: 94-kinds
    title: Kinds
    questions:
      - id: t94-order
        type: order
        prompt: Order.
        shuffle: false
        items: [{id: a, text: A}, {id: a, text: B}]
        feedback_wrong: No.
        explanation: E.
        source: {title: S, url: "https://example.org"}
      - id: t94-match
        type: match
        prompt: Match.
        pairs: [{left: A, right: X}, {left: B, right: X}]
        feedback_wrong: No.
        explanation: E.
        source: {title: S, url: "https://example.org"}
    """
    path = write(tmp_path, "94-kinds.yaml", text)
    with pytest.raises(BankError) as info:
        load_bank(path)
    assert "question 't94-order' (questions[0]): Additional properties" in str(info.value)
    path.write_text(textwrap.dedent(text).replace("    shuffle: false\n", ""), encoding="utf-8")
    with pytest.raises(BankError) as info:
        load_bank(path)
    assert info.value.problems == [
        "94-kinds.yaml: question 't94-order': item ids repeat: ['a', 'a']",
        "94-kinds.yaml: question 't94-match': 'right' texts repeat: ['X', 'X']",
    ]
