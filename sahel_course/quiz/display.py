"""Language choice, reproducible shuffling and the static (no-kernel) rendering of questions.

Everything here is pure: the same question, student id and language give the same output.

* Language: ``SAHEL_COURSE_LANG=fr`` picks French where a text field has a ``fr`` entry;
  English is the default and the fallback.
* Shuffling: options, order items and match choices are shuffled with a ``random.Random``
  seeded from ``sha256(question id + student id)``, never with the global ``random`` state.
  ``shuffle: false`` in a ``single``/``multiple`` question keeps the bank order (for example for
  years listed in sequence). ``order`` items are always shuffled and never shown in the answer
  order.
"""

from __future__ import annotations

import hashlib
import html
import os
import random
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

LANGUAGES = ("en", "fr")

_UI = {
    "en": {
        "single": "Choose one answer.",
        "multiple": "Tick every correct answer.",
        "numeric": "Type a number.",
        "order": "Put these in the right order (first at the top).",
        "match": "Match each item on the left with one on the right.",
        "text": "Type a short answer.",
        "static": "Open this notebook in Jupyter and run it to answer and check.",
        "check": "Check",
        "check_tooltip": "Check your answer (also with Enter or Space when focused)",
        "correct": "Correct.",
        "not_number": "Type a number using digits, for example 42 or 3.5.",
        "choose_one": "Choose one of the options.",
        "choose_some": "Tick at least one option.",
        "order_all": "Choose an item for every position, each item once.",
        "match_all": "Choose a match for every item on the left.",
        "type_text": "Type your answer in the box.",
        "unknown": "That answer is not one of this question's options.",
        "missed": "You missed {n} correct option(s).",
        "partly": "Partly right: {pct}% of the marks.",
        "attempts": "Attempts: {n}",
        "source": "Source",
        "position": "Position {n}",
        "answer": "Answer",
        "not_saved": "Progress not saved: {error}",
        "total": "Lesson {lesson}: {total:g} / {count} points",
        "columns": "Question|Attempts|Best score",
        "rerun": "Run this cell again to update it.",
        "export": "Export my report",
        "export_tooltip": "Write your quiz report to a file you can hand in or download",
        "exported": "Report saved as {path}. Download it from the file browser to keep it.",
        "export_failed": "The report could not be written: {error}",
    },
    "fr": {
        "single": "Choisissez une réponse.",
        "multiple": "Cochez toutes les bonnes réponses.",
        "numeric": "Tapez un nombre.",
        "order": "Remettez ces éléments dans le bon ordre (le premier en haut).",
        "match": "Associez chaque élément de gauche à un élément de droite.",
        "text": "Tapez une réponse courte.",
        "static": "Ouvrez ce notebook dans Jupyter et exécutez-le pour répondre.",
        "check": "Vérifier",
        "check_tooltip": "Vérifier la réponse (aussi avec Entrée ou Espace)",
        "correct": "Bonne réponse.",
        "not_number": "Tapez un nombre en chiffres, par exemple 42 ou 3,5.",
        "choose_one": "Choisissez une des réponses.",
        "choose_some": "Cochez au moins une réponse.",
        "order_all": "Choisissez un élément par position, chacun une seule fois.",
        "match_all": "Choisissez une correspondance pour chaque élément de gauche.",
        "type_text": "Tapez votre réponse dans la case.",
        "unknown": "Cette réponse ne fait pas partie des choix proposés.",
        "missed": "Il vous manque {n} bonne(s) réponse(s).",
        "partly": "En partie juste : {pct} % des points.",
        "attempts": "Essais : {n}",
        "source": "Source",
        "position": "Position {n}",
        "answer": "Réponse",
        "not_saved": "Progression non enregistrée : {error}",
        "total": "Leçon {lesson} : {total:g} / {count} points",
        "columns": "Question|Essais|Meilleur score",
        "rerun": "Exécutez à nouveau cette cellule pour la mettre à jour.",
        "export": "Exporter mon bilan",
        "export_tooltip": "Enregistrer vos réponses dans un fichier à rendre ou à télécharger",
        "exported": "Bilan enregistré dans {path}. Téléchargez-le depuis les fichiers.",
        "export_failed": "Le bilan n'a pas pu être enregistré : {error}",
    },
}


def language() -> str:
    """The display language: ``SAHEL_COURSE_LANG`` if it is a supported code, else ``"en"``."""
    lang = os.environ.get("SAHEL_COURSE_LANG", "en").strip().lower()[:2]
    return lang if lang in LANGUAGES else "en"


def localize(value: str | Mapping[str, str], lang: str | None = None) -> str:
    """Pick one language from a text field (a string, or an ``{en: ..., fr: ...}`` map)."""
    if isinstance(value, str):
        return value
    lang = lang or language()
    return value.get(lang) or value["en"]


def all_languages(value: str | Mapping[str, str]) -> list[str]:
    """Every version of a text field (used for accepted answers in any language)."""
    return [value] if isinstance(value, str) else list(value.values())


def ui(key: str, lang: str | None = None, **fields: Any) -> str:
    """A user-interface string in the display language, with ``fields`` filled in."""
    return _UI[lang or language()][key].format(**fields)


def seeded_shuffle(items: Sequence[T], question_id: str, student_id: str) -> list[T]:
    """Shuffle ``items`` the same way every time for this question and student."""
    digest = hashlib.sha256(f"{question_id}\x1f{student_id}".encode()).digest()
    shuffled = list(items)
    random.Random(int.from_bytes(digest[:8], "big")).shuffle(shuffled)
    return shuffled


def choices(question: Mapping[str, Any], student_id: str) -> list[tuple[str, Any]]:
    """The ``(label, value)`` choices a student sees, in display order.

    * ``single``/``multiple``: option text and option id (shuffled unless ``shuffle: false``);
    * ``order``: item text and item id, shuffled and never in the answer order;
    * ``match``: right-hand text and its index in ``pairs``, shuffled;
    * ``numeric``/``text``: no choices.
    """
    kind, qid = question["type"], question["id"]
    if kind in ("single", "multiple"):
        pairs = [(localize(o["text"]), o["id"]) for o in question["options"]]
        return seeded_shuffle(pairs, qid, student_id) if question.get("shuffle", True) else pairs
    if kind == "order":
        pairs = [(localize(i["text"]), i["id"]) for i in question["items"]]
        shown = seeded_shuffle(pairs, qid, student_id)
        return shown[1:] + shown[:1] if shown == pairs else shown
    if kind == "match":
        pairs = [(localize(p["right"]), n) for n, p in enumerate(question["pairs"])]
        return seeded_shuffle(pairs, qid, student_id)
    return []


def instruction(question: Mapping[str, Any]) -> str:
    """What to do, e.g. "Tick every correct answer." (with the unit for numeric questions)."""
    text = ui(question["type"])
    if question["type"] == "numeric" and "unit" in question:
        text = f"{text[:-1]} ({localize(question['unit'])})."
    return text


def render_text(question: Mapping[str, Any], student_id: str) -> str:
    """Plain-text rendering of a question without its answer, for consoles and exports."""
    lines = [localize(question["prompt"]), instruction(question)]
    if question["type"] == "match":
        lines += [f"  - {localize(p['left'])}" for p in question["pairs"]]
        lines.append("  choose from:")
    letters = "abcdefghijklmnopqrstuvwxyz"
    shown = choices(question, student_id)
    lines += [f"  {letters[n]}) {label}" for n, (label, _) in enumerate(shown)]
    lines.append(f"[{ui('static')}]")
    return "\n".join(lines)


def render_html(question: Mapping[str, Any], student_id: str) -> str:
    """Static HTML rendering of a question without its answer (nbviewer, HTML export)."""
    esc = html.escape
    parts = [
        f'<div class="sahel-quiz" data-question-id="{esc(question["id"])}">',
        f"<p><strong>{esc(localize(question['prompt']))}</strong></p>",
        f"<p><em>{esc(instruction(question))}</em></p>",
    ]
    if question["type"] == "match":
        lefts = "".join(f"<li>{esc(localize(p['left']))}</li>" for p in question["pairs"])
        parts.append(f"<ul>{lefts}</ul>")
    items = "".join(f"<li>{esc(label)}</li>" for label, _ in choices(question, student_id))
    if items:
        parts.append(f'<ol type="a">{items}</ol>')
    parts.append(f"<p><small>{esc(ui('static'))}</small></p></div>")
    return "\n".join(parts)
