"""Grade an answer to a bank question: pure functions, no widgets, no files.

``grade(question, answer)`` never raises on a student's answer. Answer shapes per type:

=========  ===================================================  =================================
type       answer                                               score
=========  ===================================================  =================================
single     an option id, ``"b"``                                1 or 0
multiple   a list/tuple/set of option ids, ``["a", "c"]``       (right ticks - wrong ticks) /
                                                                correct options, floored at 0
numeric    an int or float (``parse_number`` reads typed text)  1 or 0
order      every item id once, first to last                    share of item pairs in the right
                                                                relative order (Kendall-style)
match      ``{left index: right index}`` for every pair,        share of left items matched
           indices into the bank's ``pairs`` list               correctly
text       a string                                             1 or 0
=========  ===================================================  =================================

``correct`` is true only for full marks. A malformed answer (``None``, empty, wrong type, an
unknown option id, an incomplete order or match, ``NaN``) gives ``valid=False``, score 0 and a
message saying what to do; it is not an attempt.

Text answers are compared after :func:`normalize_text`: case, accents, repeated spaces, hyphens
and surrounding punctuation do not matter ("cote d'ivoire" matches "Côte d'Ivoire").
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from .display import all_languages, localize, ui


@dataclass(frozen=True)
class Source:
    """Where the explanation comes from."""

    title: str
    url: str


@dataclass(frozen=True)
class Result:
    """The outcome of grading one answer.

    ``message`` is the feedback to show (the chosen wrong option's feedback, the question's
    ``feedback_wrong``, or what to fix when ``valid`` is false). ``explanation`` and ``source``
    are the question's, in the display language.
    """

    correct: bool
    score: float
    message: str
    explanation: str
    source: Source
    valid: bool = True


def _result(question: Mapping[str, Any], score: float, message: str, valid: bool = True) -> Result:
    source = question["source"]
    return Result(
        correct=valid and score == 1.0,
        score=score,
        message=message,
        explanation=localize(question["explanation"]),
        source=Source(source["title"], source["url"]),
        valid=valid,
    )


def _invalid(question: Mapping[str, Any], key: str) -> Result:
    return _result(question, 0.0, ui(key), valid=False)


def _wrong_message(question: Mapping[str, Any], score: float) -> str:
    general = localize(question["feedback_wrong"]) if "feedback_wrong" in question else ""
    partly = ui("partly", pct=round(score * 100)) if score > 0 else ""
    return " ".join(part for part in (partly, general) if part)


def _is_id_list(answer: Any) -> bool:
    return (
        isinstance(answer, (list, tuple, set, frozenset))
        and all(isinstance(a, str) for a in answer)
    )


def _grade_single(question: Mapping[str, Any], answer: Any) -> Result:
    options = {o["id"]: o for o in question["options"]}
    if not isinstance(answer, str) or not answer:
        return _invalid(question, "choose_one")
    if answer not in options:
        return _invalid(question, "unknown")
    option = options[answer]
    feedback = localize(option["feedback"]) if "feedback" in option else ""
    if option.get("correct"):
        return _result(question, 1.0, " ".join(filter(None, [ui("correct"), feedback])))
    return _result(question, 0.0, feedback or _wrong_message(question, 0.0))


def _grade_multiple(question: Mapping[str, Any], answer: Any) -> Result:
    options = {o["id"]: o for o in question["options"]}
    if not _is_id_list(answer) or not answer:
        return _invalid(question, "choose_some")
    ticked = set(answer)
    if not ticked <= options.keys():
        return _invalid(question, "unknown")
    right = {oid for oid, o in options.items() if o.get("correct")}
    hits, false_ticks = len(ticked & right), len(ticked - right)
    score = max(0.0, (hits - false_ticks) / len(right))
    if ticked == right:
        return _result(question, 1.0, ui("correct"))
    parts = [ui("partly", pct=round(score * 100))] if score > 0 else []
    parts += [localize(options[oid]["feedback"]) for oid in options if oid in ticked - right]
    if right - ticked:
        parts.append(ui("missed", n=len(right - ticked)))
    return _result(question, score, " ".join(parts))


def _grade_numeric(question: Mapping[str, Any], answer: Any) -> Result:
    if (
        isinstance(answer, bool)
        or not isinstance(answer, numbers.Real)
        or not math.isfinite(float(answer))
    ):
        return _invalid(question, "not_number")
    value, target = float(answer), float(question["answer"])
    if "range" in question:
        low, high = question["range"]
        ok = low <= value <= high
    else:
        ok = abs(value - target) <= question["tolerance"] + 1e-9 * max(1.0, abs(target))
    return _result(question, 1.0, ui("correct")) if ok else _result(
        question, 0.0, _wrong_message(question, 0.0)
    )


def _grade_order(question: Mapping[str, Any], answer: Any) -> Result:
    ids = [item["id"] for item in question["items"]]
    if not isinstance(answer, (list, tuple)) or not _is_id_list(answer):
        return _invalid(question, "order_all")
    if sorted(answer) != sorted(ids):
        return _invalid(question, "order_all")
    position = {item_id: n for n, item_id in enumerate(answer)}
    pairs = list(combinations(ids, 2))
    score = sum(position[a] < position[b] for a, b in pairs) / len(pairs)
    if score == 1.0:
        return _result(question, 1.0, ui("correct"))
    return _result(question, score, _wrong_message(question, score))


def _is_index(value: Any, size: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < size


def _grade_match(question: Mapping[str, Any], answer: Any) -> Result:
    size = len(question["pairs"])
    if not isinstance(answer, Mapping) or len(answer) != size:
        return _invalid(question, "match_all")
    if not all(_is_index(k, size) and _is_index(v, size) for k, v in answer.items()):
        return _invalid(question, "match_all")
    score = sum(answer[left] == left for left in range(size)) / size
    if score == 1.0:
        return _result(question, 1.0, ui("correct"))
    return _result(question, score, _wrong_message(question, score))


def normalize_text(text: str) -> str:
    """Fold case and accents, turn hyphens into spaces, squeeze spaces, trim punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    bare = bare.replace("’", "'")
    return re.sub(r"[\s\-‐‑–—_]+", " ", bare).strip(" .,;:!?\"'")


def _grade_text(question: Mapping[str, Any], answer: Any) -> Result:
    if not isinstance(answer, str) or not normalize_text(answer):
        return _invalid(question, "type_text")
    accepted = {
        normalize_text(text) for value in question["accepted"] for text in all_languages(value)
    }
    if normalize_text(answer) in accepted:
        return _result(question, 1.0, ui("correct"))
    return _result(question, 0.0, _wrong_message(question, 0.0))


_GRADERS = {
    "single": _grade_single,
    "multiple": _grade_multiple,
    "numeric": _grade_numeric,
    "order": _grade_order,
    "match": _grade_match,
    "text": _grade_text,
}


def grade(question: Mapping[str, Any], answer: Any) -> Result:
    """Grade ``answer`` to a validated bank ``question``; see the module docstring for shapes."""
    return _GRADERS[question["type"]](question, answer)


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def parse_number(text: str) -> float | None:
    """Read a typed number ("1960", "1 960", "1,960", "3,5", "3.5"); ``None`` if not a number.

    Spaces are thousands separators; a comma is a thousands separator in ``1,960`` or
    ``12,000,000`` and a decimal comma otherwise (``3,5``). Infinite and NaN values give ``None``.
    """
    cleaned = re.sub(r"[\s_\u00a0\u202f]", "", text)
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None

