"""Every lesson, opened and run by a student in a real browser, shows no error and stays offline.

Each lesson runs in JupyterLab (Run menu, "Run All Cells"); the first lesson also runs in
Notebook 7, and one lesson is rendered by Voila. A full-page screenshot of each run goes to
``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_servers import ARTIFACTS, REPO, LocalServer, start_voila
from labdriver import (
    RequestLog,
    assert_only_local,
    full_screenshot,
    notebook_problems,
    open_notebook,
    run_all_cells,
    wait_for_widgets,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

LESSONS = sorted((REPO / "lessons").glob("*.ipynb"))
FIRST_LESSON = REPO / "lessons" / "00-start-here.ipynb"
SCREENSHOTS = ARTIFACTS / "screenshots"
# Notebook 7.6 raises the first one on every notebook page (a settings schema read before it
# loads). The second one appears once JupyterLab has been opened on the same server, even
# with a fresh browser profile and no saved layout (measured here); Notebook 7 has no file
# browser on a notebook page. Neither changes what the student sees. Every other page error
# fails the test.
NOTEBOOK7_KNOWN_ERRORS = frozenset(
    {
        "Cannot read properties of undefined (reading 'schema')",
        "Command 'filebrowser:open-path' not registered.",
    }
)
# Upstream Voila 0.5.13 problems, not the course's. Voila bundles JupyterLab 4.2 components,
# with which the plotly 7 renderer throws after drawing each figure (it cannot store the PNG
# snapshot), and anywidget (plotly's FigureWidget) sometimes fails to set up a model, so an
# explorer may show an empty map. The Voila test reports them as an expected failure and fails
# on anything else. (Its "lab" template also links Font Awesome from a CDN; the course's own
# `sahel-offline` template removes those links, so any outside request fails the test.)
VOILA_KNOWN_ERRORS = frozenset(
    {"r.setData is not a function", "[anywidget] Failed to initialize model."}
)
VOILA_TIMEOUT_MS = 180_000


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _voila_lesson() -> Path:
    """The lesson Voila renders: the first one with a map explorer, else the first lesson."""
    for lesson in LESSONS:
        if "MapExplorer(" in lesson.read_text(encoding="utf-8"):
            return lesson
    return FIRST_LESSON


@pytest.mark.parametrize("lesson", LESSONS, ids=[path.stem for path in LESSONS])
def test_lesson_runs_cleanly_in_jupyterlab(
    lesson: Path, lab: LocalServer, page: Page, request_log: RequestLog
) -> None:
    """Run All Cells gives no error, every widget renders, the file stays untouched."""
    before = _digest(lesson)
    open_notebook(page, lab.url(f"/lab/tree/lessons/{lesson.name}"))
    seconds = run_all_cells(page)
    problems = notebook_problems(page) + wait_for_widgets(page)
    full_screenshot(page, SCREENSHOTS / f"lab-{lesson.stem}.png")
    print(f"{lesson.name}: all cells ran in {seconds:.1f} s")
    assert not problems, f"{lesson.name} in JupyterLab:\n" + "\n".join(problems)
    assert_only_local(request_log)
    assert _digest(lesson) == before, f"running {lesson.name} rewrote the file"


@pytest.mark.skipif(not FIRST_LESSON.exists(), reason="lessons/00-start-here.ipynb not written yet")
def test_first_lesson_runs_cleanly_in_notebook7(
    lab: LocalServer, page: Page, request_log: RequestLog, page_errors: list[str]
) -> None:
    """The classic-style Notebook 7 interface runs the first lesson just as cleanly."""
    open_notebook(page, lab.url(f"/notebooks/lessons/{FIRST_LESSON.name}"))
    run_all_cells(page)
    problems = notebook_problems(page) + wait_for_widgets(page)
    full_screenshot(page, SCREENSHOTS / f"notebook7-{FIRST_LESSON.stem}.png")
    assert not problems, "Notebook 7:\n" + "\n".join(problems)
    unexpected = [error for error in page_errors if error not in NOTEBOOK7_KNOWN_ERRORS]
    assert not unexpected, "page errors in Notebook 7:\n" + "\n".join(unexpected)
    assert_only_local(request_log)


@pytest.fixture
def voila_server(
    browser_requirements: None, server_env: dict[str, str], browser_home: Path
) -> Iterator[LocalServer]:
    """Voila rendering one lesson, on its own port."""
    server = start_voila(_voila_lesson(), server_env, browser_home / "logs")
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.skipif(not LESSONS, reason="no lesson written yet")
def test_lesson_renders_in_voila(
    voila_server: LocalServer, page: Page, request_log: RequestLog, page_errors: list[str]
) -> None:
    """Voila shows the lesson's outputs and widgets with no error and no outside request."""
    page.goto(voila_server.url("/"), timeout=VOILA_TIMEOUT_MS, wait_until="domcontentloaded")
    page.locator("#rendered_cells").wait_for(state="visible", timeout=VOILA_TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.getElementById('loading')"
        " && !document.body.innerText.includes('Loading widget')",
        timeout=VOILA_TIMEOUT_MS,
    )
    full_screenshot(page, SCREENSHOTS / f"voila-{_voila_lesson().stem}.png")
    text = page.locator("#rendered_cells").inner_text()
    problems = [
        marker
        for marker in ("Traceback", "Error displaying widget", "There was an error when executing")
        if marker in text
    ]
    assert not problems, f"Voila page shows {problems}; log:\n{voila_server.log()[-3000:]}"
    assert page.locator("#rendered_cells .jp-OutputArea-output").count() > 0, "no outputs shown"
    assert_only_local(request_log)
    errors = set(page_errors)
    unexpected = sorted(errors - VOILA_KNOWN_ERRORS)
    assert not unexpected, "Voila page errors:\n" + "\n".join(unexpected)
    if errors:
        pytest.xfail(f"known upstream Voila 0.5.13 problems: {sorted(errors)}")
