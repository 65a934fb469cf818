"""Load and validate the question banks in ``sahel_course/quizbanks/NN-slug.yaml``.

A bank is checked twice: against the JSON Schema shipped as ``sahel_course/quiz/schema.json``
(shape and types), then by :func:`semantic_problems` (rules a schema cannot express: one correct
option for ``single``, feedback on every wrong option, sane tolerances, unique ids...). Every
problem is reported as a :class:`BankError` that names the file and the question id.

Question ids are unique across all banks, so ``get_question("l01-independence-year")`` needs no
lesson name.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .display import localize

QuestionDict = dict[str, Any]


class BankError(ValueError):
    """A question bank that does not load or validate.

    ``problems`` lists one message per problem, each starting with the file name and, where
    there is one, the question id.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def bank_dir() -> Path:
    """Folder holding the banks shipped with the package."""
    return Path(str(resources.files("sahel_course") / "quizbanks"))


@functools.cache
def _schema() -> dict[str, Any]:
    text = (resources.files("sahel_course.quiz") / "schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _where(bank: Mapping[str, Any], path: list[Any]) -> str:
    """Describe a JSON path as ``question 'id' (questions[3].options[1].text)``."""
    dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        questions = bank.get("questions") or []
        question = questions[path[1]] if path[1] < len(questions) else {}
        qid = question.get("id") if isinstance(question, Mapping) else None
        return f"question {qid!r} ({dotted})" if qid else dotted
    return dotted or "top level"


def _readable(error: Any) -> str:
    """A friendlier message for the schema errors bank authors meet most."""
    first = (error.schema.get("oneOf") or [{}])[0] if error.validator == "oneOf" else {}
    if first.get("type") == "string":
        return f"{error.instance!r} must be text (quote numbers) or an {{en:, fr:}} map"
    if first.get("required") == ["tolerance"]:
        return "a numeric question needs exactly one of 'tolerance' or 'range'"
    if error.validator == "pattern" and list(error.path)[-1:] == ["url"]:
        return f"{error.instance!r} is not an http(s) URL"
    return error.message


def schema_problems(bank: Any) -> list[str]:
    """Return the schema violations of a loaded bank as readable messages (empty if valid)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    problems = []
    for error in sorted(validator.iter_errors(bank), key=lambda e: list(map(str, e.path))):
        where = _where(bank, list(error.path)) if isinstance(bank, Mapping) else "top level"
        problems.append(f"{where}: {_readable(error)}")
    return problems


def _question_problems(question: Mapping[str, Any]) -> list[str]:
    """Rules the schema cannot express, for one schema-valid question."""
    kind = question["type"]
    problems: list[str] = []
    if kind in ("single", "multiple"):
        options = question["options"]
        ids = [o["id"] for o in options]
        if len(set(ids)) != len(ids):
            problems.append(f"option ids repeat: {ids}")
        n_correct = sum(bool(o.get("correct")) for o in options)
        if kind == "single" and n_correct != 1:
            problems.append(f"a 'single' question needs one correct option, has {n_correct}")
        if kind == "multiple" and n_correct < 1:
            problems.append("a 'multiple' question needs at least one correct option")
        problems += [
            f"wrong option {o['id']!r} has no feedback"
            for o in options
            if not o.get("correct") and "feedback" not in o
        ]
    elif kind == "numeric":
        answer = question["answer"]
        if not math.isfinite(answer):
            problems.append("answer must be a finite number")
        if "tolerance" in question and not math.isfinite(question["tolerance"]):
            problems.append("tolerance must be a finite number")
        if "range" in question:
            low, high = question["range"]
            if not low < high:
                problems.append(f"range [{low}, {high}] must have low < high")
            elif not low <= answer <= high:
                problems.append(f"answer {answer} lies outside range [{low}, {high}]")
    elif kind == "order":
        ids = [item["id"] for item in question["items"]]
        if len(set(ids)) != len(ids):
            problems.append(f"item ids repeat: {ids}")
    elif kind == "match":
        for side in ("left", "right"):
            texts = [localize(pair[side], "en") for pair in question["pairs"]]
            if len(set(texts)) != len(texts):
                problems.append(f"'{side}' texts repeat: {texts}")
    return problems


def semantic_problems(bank: Mapping[str, Any], name: str = "") -> list[str]:
    """Return the semantic problems of a schema-valid bank (empty if none).

    ``name`` is the file stem; when given, the bank's ``lesson`` must equal it.
    """
    problems = []
    if name and bank["lesson"] != name:
        problems.append(f"top level: lesson {bank['lesson']!r} differs from the file name {name!r}")
    seen: set[str] = set()
    for question in bank["questions"]:
        qid = question["id"]
        if qid in seen:
            problems.append(f"question {qid!r}: id used twice in this bank")
        seen.add(qid)
        problems += [f"question {qid!r}: {p}" for p in _question_problems(question)]
    return problems


def load_bank(path: str | Path) -> dict[str, Any]:
    """Read and validate one bank file; raise :class:`BankError` naming the file if it is bad."""
    path = Path(path)
    try:
        bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BankError([f"{path.name}: cannot read the bank: {exc}"]) from exc
    problems = schema_problems(bank)
    if not problems:
        problems = semantic_problems(bank, path.stem)
    if problems:
        raise BankError([f"{path.name}: {p}" for p in problems])
    return bank


def load_banks(directory: str | Path | None = None) -> dict[str, dict[str, Any]]:
    """Load every ``*.yaml`` bank in ``directory`` (default: the package's), keyed by lesson.

    All problems in all files are collected before raising one :class:`BankError`; question ids
    must be unique across the banks.
    """
    folder = bank_dir() if directory is None else Path(directory)
    banks: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    owner: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            bank = load_bank(path)
        except BankError as exc:
            problems += exc.problems
            continue
        banks[bank["lesson"]] = bank
        for question in bank["questions"]:
            qid = question["id"]
            if qid in owner and owner[qid] != path.name:
                problems.append(f"{path.name}: question {qid!r}: id already used in {owner[qid]}")
            owner.setdefault(qid, path.name)
    if problems:
        raise BankError(problems)
    return banks


@functools.cache
def _package_questions() -> dict[str, QuestionDict]:
    return index_questions(load_banks().values())


def index_questions(banks: Iterable[Mapping[str, Any]]) -> dict[str, QuestionDict]:
    """Map question id to a copy of the question with its bank's ``lesson`` added."""
    return {
        question["id"]: {**question, "lesson": bank["lesson"]}
        for bank in banks
        for question in bank["questions"]
    }


def get_question(question_id: str) -> QuestionDict:
    """Return a question of the shipped banks (with its ``lesson``); ``KeyError`` if unknown."""
    questions = _package_questions()
    if question_id not in questions:
        raise KeyError(f"no question {question_id!r} in the course banks")
    return questions[question_id]


def lesson_questions(lesson: str) -> list[QuestionDict]:
    """Questions of one lesson (e.g. ``"00-start-here"``) in bank order; ``KeyError`` if none."""
    found = [q for q in _package_questions().values() if q["lesson"] == lesson]
    if not found:
        raise KeyError(f"no question bank for lesson {lesson!r}")
    return found

