"""Students click the course's widgets in a real JupyterLab: quizzes, the map and the timeline.

Each test writes a two-cell notebook into ``test-artifacts/scratch-notebooks/`` (served by the
test server, ignored by git), runs it from the Run menu and then clicks like a student. The
expected texts come from the package's pure functions, so the tests follow the data.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
import pytest
from browser_servers import ARTIFACTS, REPO, LocalServer
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
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTIFACTS / "screenshots"
SLIDER_TIMING = ARTIFACTS / "slider_timing.json"
REDRAW_TIMEOUT_MS = 20_000
TIMING_STEPS = 5  # one-year slider steps timed for test-artifacts/slider_timing.json
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

# The map as the browser holds it: plotly's graph div keeps the drawn traces in ``.data``.
_MAP_STATE_JS = """(output) => {
  const plot = output.querySelector('.js-plotly-plot');
  if (!plot || !plot.data) return null;
  const title = output.querySelector('.gtitle');
  const fills = [...output.querySelectorAll('.choroplethlocation, .scattergeo path')]
    .map(path => path.style.fill + ' ' + (path.getAttribute('d') || '').length);
  return JSON.stringify({
    title: title ? title.textContent : '',
    traces: plot.data.map(t => [t.name, t.locations, t.z, t.lon, t.lat, t.text, t.visible]),
    fills: fills,
  });
}"""


def _write_notebook(folder: Path, name: str, cells: list[str]) -> str:
    """Write a notebook of code ``cells`` and return its path relative to the repository."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = KERNELSPEC
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    path = folder / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path.relative_to(REPO).as_posix()


def _run_scratch(page: Page, lab: LocalServer, relative: str) -> None:
    """Open a scratch notebook, run it, and fail on any error or unrendered widget."""
    open_notebook(page, lab.url(f"/lab/tree/{relative}"))
    run_all_cells(page)
    problems = notebook_problems(page) + wait_for_widgets(page)
    assert not problems, f"{relative}:\n" + "\n".join(problems)


def _output_with(page: Page, selector: str) -> Locator:
    """The single cell output that contains ``selector``."""
    outputs = page.locator(".jp-OutputArea-output").filter(has=page.locator(selector))
    assert outputs.count() == 1, f"expected one output with {selector}, found {outputs.count()}"
    return outputs.first


def _words(text: str) -> str:
    """``text`` with every run of white space (non-breaking too) made one space."""
    return " ".join(text.split())


def _first_question(kind: str) -> dict[str, Any]:
    """The first question of type ``kind`` in the course banks (lesson 00 first)."""
    from sahel_course.quiz import load_banks

    banks = sorted(load_banks().values(), key=lambda bank: str(bank["lesson"]))
    for bank in banks:
        for question in bank["questions"]:
            if question["type"] == kind:
                return dict(question, lesson=bank["lesson"])
    raise AssertionError(f"no {kind!r} question in the banks")


def _feedback_after(quiz: Locator, expected: str) -> str:
    """Click Check and return the feedback once it shows ``expected``."""
    # The accessible name also holds the icon font's glyph, so match the end of it.
    quiz.get_by_role("button", name=re.compile(r"\bCheck$")).click()
    status = quiz.get_by_role("status").filter(has_text=expected)
    status.wait_for(state="visible", timeout=REDRAW_TIMEOUT_MS)
    return status.inner_text()


def test_quiz_answered_by_clicking_gives_feedback_and_is_saved(
    lab: LocalServer,
    page: Page,
    request_log: RequestLog,
    scratch_dir: Path,
    progress_file: Path,
) -> None:
    """A wrong choice shows its own feedback, the right one "Correct", and both are saved."""
    from sahel_course.quiz import grade
    from sahel_course.quiz.display import localize

    single = _first_question("single")
    multiple = _first_question("multiple")
    relative = _write_notebook(
        scratch_dir,
        "quiz-clicks",
        [f"from sahel_course.quiz import ask\nask({single['id']!r})", f"ask({multiple['id']!r})"],
    )
    _run_scratch(page, lab, relative)
    quizzes = page.locator(".sahel-quiz")
    assert quizzes.count() == 2, "each ask() shows one quiz widget"

    single_quiz = quizzes.nth(0)
    wrong = next(o for o in single["options"] if not o.get("correct"))
    right = next(o for o in single["options"] if o.get("correct"))
    single_quiz.get_by_role("radio", name=localize(wrong["text"]), exact=True).check()
    wrong_message = grade(single, wrong["id"]).message
    assert wrong_message in _feedback_after(single_quiz, wrong_message)
    single_quiz.get_by_role("radio", name=localize(right["text"]), exact=True).check()
    right_message = grade(single, right["id"]).message
    assert "✔" in _feedback_after(single_quiz, right_message)

    multiple_quiz = quizzes.nth(1)
    correct_ids = [o["id"] for o in multiple["options"] if o.get("correct")]
    for option in multiple["options"]:
        if option.get("correct"):
            multiple_quiz.get_by_role("checkbox", name=localize(option["text"]), exact=True).check()
    assert "✔" in _feedback_after(multiple_quiz, grade(multiple, correct_ids).message)
    full_screenshot(page, SCREENSHOTS / "widgets-quiz.png")

    saved = json.loads(progress_file.read_text(encoding="utf-8"))["answers"]
    attempts = saved[single["id"]]["attempts"]
    assert [a["correct"] for a in attempts[-2:]] == [False, True]
    assert saved[multiple["id"]]["attempts"][-1]["correct"] is True
    assert_only_local(request_log)


def _changing_years() -> tuple[int, int]:
    """Two neighbouring years whose membership maps differ (found with the package itself)."""
    from sahel_course.explorers import FIRST_MAP_YEAR, LAST_MAP_YEAR, MapExplorer

    explorer = MapExplorer(FIRST_MAP_YEAR, layer="membership")

    def traces() -> str:
        return json.dumps([t.to_plotly_json() for t in explorer.figure.data], default=str)

    before = traces()
    for year in range(FIRST_MAP_YEAR + 1, LAST_MAP_YEAR + 1):
        explorer.show_year(year)
        after = traces()
        if after != before:
            return year - 1, year
        before = after
    raise AssertionError("the membership map is the same in every year")


def test_map_slider_redraws_the_map_in_place(
    lab: LocalServer, page: Page, request_log: RequestLog, scratch_dir: Path
) -> None:
    """Moving the year slider redraws the same plot for the new year; the time is recorded."""
    from sahel_course.explorers import LAST_MAP_YEAR
    from sahel_course.figures.maps import region_map_title

    start, target = _changing_years()
    relative = _write_notebook(
        scratch_dir,
        "map-slider",
        [
            "from sahel_course.explorers import MapExplorer\n"
            f"MapExplorer({start}, layer='membership')"
        ],
    )
    _run_scratch(page, lab, relative)
    explorer = _output_with(page, ".js-plotly-plot")
    # Tag the drawn plot, to see afterwards that it was updated rather than replaced.
    explorer.locator(".js-plotly-plot").evaluate("plot => { plot.dataset.sahelTag = 'first'; }")
    before = explorer.evaluate(_MAP_STATE_JS)
    assert before and region_map_title(start, "membership") in before

    handle = explorer.get_by_role("slider").first
    handle.focus()
    seconds = [_step_and_time(page, explorer, handle)]
    page.wait_for_function(
        "([output, title]) => output.innerText.includes(title)",
        arg=[explorer.element_handle(), region_map_title(target, "membership")],
        timeout=REDRAW_TIMEOUT_MS,
    )
    after = explorer.evaluate(_MAP_STATE_JS)
    full_screenshot(page, SCREENSHOTS / "widgets-map-slider.png")

    assert json.loads(after)["traces"] != json.loads(before)["traces"], "map data did not change"
    tag = explorer.locator(".js-plotly-plot").get_attribute("data-sahel-tag")
    assert tag == "first", "the slider replaced the plot instead of updating it"

    steps = min(TIMING_STEPS, LAST_MAP_YEAR - start)
    seconds += [_step_and_time(page, explorer, handle) for _ in range(steps - 1)]
    timing = {
        "from_year": start,
        "to_year": start + steps,
        "steps": steps,
        "median_s": round(statistics.median(seconds), 3),
        "max_s": round(max(seconds), 3),
        "first_step_s": round(seconds[0], 3),
    }
    SLIDER_TIMING.parent.mkdir(parents=True, exist_ok=True)
    SLIDER_TIMING.write_text(json.dumps(timing, indent=2) + "\n", encoding="utf-8")
    print(f"map slider, one-year steps: {timing}")
    assert_only_local(request_log)


def _step_and_time(page: Page, explorer: Locator, handle: Locator) -> float:
    """Press the right arrow on the slider; return the seconds until the drawn map changed."""
    before = explorer.evaluate(_MAP_STATE_JS)
    started = time.monotonic()
    handle.press("ArrowRight")
    page.wait_for_function(
        f"([output, before]) => ({_MAP_STATE_JS})(output) !== before",
        arg=[explorer.element_handle(), before],
        timeout=REDRAW_TIMEOUT_MS,
        polling="raf",
    )
    return time.monotonic() - started


def test_timeline_filter_updates_list_and_summary(
    lab: LocalServer, page: Page, request_log: RequestLog, scratch_dir: Path
) -> None:
    """Choosing a country in the timeline's filter narrows the event list and the summary."""
    from sahel_course.datasets import country_names, load_events
    from sahel_course.explorers import event_options
    from sahel_course.figures.timeline import describe_timeline, timeline_table

    events = timeline_table(load_events())
    expected = timeline_table(events, countries=["NER"])
    summary_text = describe_timeline(expected)
    relative = _write_notebook(
        scratch_dir,
        "timeline-filter",
        ["from sahel_course.explorers import TimelineExplorer\nTimelineExplorer()"],
    )
    _run_scratch(page, lab, relative)
    explorer = _output_with(page, ".js-plotly-plot")
    listbox = explorer.locator(".widget-select-multiple").filter(has_text="Countries")
    listbox.locator("select").select_option(label=f"{country_names().get('NER', 'NER')} (NER)")

    explorer.get_by_role("status").filter(has_text=summary_text).wait_for(
        state="visible", timeout=REDRAW_TIMEOUT_MS
    )
    event_list = explorer.locator(".widget-select").filter(has_text="Events").locator("select")
    shown = event_list.locator("option").all_inner_texts()
    full_screenshot(page, SCREENSHOTS / "widgets-timeline-filter.png")
    assert len(shown) == len(expected) < len(events)
    labels = [_words(label) for label, _ in event_options(expected)]
    assert [_words(text) for text in shown] == labels
    assert_only_local(request_log)


def test_harness_reports_a_failing_cell_and_a_traceback(
    lab: LocalServer, page: Page, scratch_dir: Path
) -> None:
    """The checks the lesson tests rely on do see an exception and the cells it stopped."""
    relative = _write_notebook(
        scratch_dir, "failing-cell", ["print('first')", "1 / 0", "print('never runs')"]
    )
    open_notebook(page, lab.url(f"/lab/tree/{relative}"))
    run_all_cells(page)
    problems = notebook_problems(page)
    assert problems[0] == "cell 2 raised ZeroDivisionError: division by zero"
    assert problems[1].startswith("cell 2 printed a traceback")
    assert problems[2:] == ["cell 3 did not run"]
