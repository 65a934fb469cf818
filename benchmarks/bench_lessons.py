"""Measure each lesson: run-all time, kernel memory and output sizes, against an empty floor.

Every run executes a copy of the notebook top to bottom in a fresh ``python3`` kernel through
nbclient, the same client and kernel that nbval uses with ``--nbval-current-env`` (the kernel
spec's ``python`` is replaced by this interpreter). A probe cell appended to the copy reports
the kernel's own resource usage; it is removed again before the executed notebook is measured.

    .venv/bin/python benchmarks/bench_lessons.py lessons/01-sahel-and-its-states.ipynb
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import tempfile
import threading
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

KERNEL_NAME = "python3"
CELL_TIMEOUT_S = 600
PROBE_TAG = "benchmark-probe"
# nbconvert warns with this text for each output that has no MIME type HTML can show.
HTML_MISSING_WARNING = "is not able to be represented"

# The last cell of every measured copy. VmHWM is the kernel's resident high-water mark and
# VmRSS what it still holds once the lesson is done. Not ru_maxrss: on Linux a spawned process
# starts with its parent's high-water mark, so it would report the runner's memory.
PROBE_SOURCE = """\
import json as _json, resource as _resource
_usage = _resource.getrusage(_resource.RUSAGE_SELF)
with open("/proc/self/status", encoding="ascii") as _status:
    _mem = {l.split(":")[0]: int(l.split()[1]) for l in _status if l.startswith("Vm")}
print(_json.dumps({"hwm_kib": _mem["VmHWM"], "rss_kib": _mem["VmRSS"],
                   "cpu_s": _usage.ru_utime + _usage.ru_stime}))
"""

# The floor: what any lesson pays before it does anything of its own.
FLOOR_CELLS = (
    "import pandas as pd",
    "import plotly.graph_objects as go",
    "import ipywidgets as widgets",
)


@dataclass
class RunResult:
    """One execution of one notebook in a fresh kernel."""

    wall_s: float
    cpu_s: float
    peak_rss_mib: float
    final_rss_mib: float
    ipynb_bytes: int
    widget_state_bytes: int
    html_bytes: int
    html_missing_outputs: int
    cell_s: list[float] = field(default_factory=list)  # per cell of the notebook, 0 if not code


# The RunResult fields summarised by their median.
SCALAR_FIELDS = (
    "wall_s", "cpu_s", "peak_rss_mib", "final_rss_mib", "ipynb_bytes", "widget_state_bytes",
    "html_bytes", "html_missing_outputs",
)


@dataclass
class SlowCell:
    """One of a notebook's slowest code cells: its index, median seconds and first line."""

    index: int
    seconds: float
    first_line: str


@dataclass
class LessonResult:
    """All runs of one notebook, its slowest cells, or the error that stopped it."""

    name: str
    runs: list[RunResult] = field(default_factory=list)
    error: str | None = None
    slowest_cells: list[SlowCell] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every run finished without an error."""
        return self.error is None and bool(self.runs)

    def median(self, attribute: str) -> float:
        """Return the median of one ``RunResult`` attribute over the runs."""
        return statistics.median(getattr(run, attribute) for run in self.runs)

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready summary: the medians, every run and the error if any."""
        medians = {}
        if self.runs:
            medians = {name: self.median(name) for name in SCALAR_FIELDS}
        return {
            "name": self.name,
            "ok": self.ok,
            "error": self.error,
            "median": medians,
            "runs": [asdict(run) for run in self.runs],
            "slowest_cells": [asdict(cell) for cell in self.slowest_cells],
        }


def floor_notebook() -> nbformat.NotebookNode:
    """Return a notebook that only imports pandas, plotly and ipywidgets."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in FLOOR_CELLS]
    notebook.metadata["kernelspec"] = {
        "name": KERNEL_NAME, "display_name": "Python 3", "language": "python",
    }
    return notebook


def _copy(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a deep copy of ``notebook``."""
    return nbformat.from_dict(json.loads(json.dumps(notebook)))


def _with_probe(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of ``notebook`` with the resource probe as its last cell."""
    copy = _copy(notebook)
    probe = nbformat.v4.new_code_cell(PROBE_SOURCE)
    probe.metadata["tags"] = [PROBE_TAG]
    copy.cells.append(probe)
    return copy


def _pop_probe(notebook: nbformat.NotebookNode) -> dict[str, float]:
    """Remove the probe cell from an executed notebook and return what it printed."""
    probe = notebook.cells.pop()
    if PROBE_TAG not in probe.metadata.get("tags", []):
        raise RuntimeError("the probe cell is not the last cell of the executed notebook")
    text = "".join(out.get("text", "") for out in probe.outputs if out.output_type == "stream")
    return json.loads(text.strip().splitlines()[-1])


def _error_summary(error: BaseException) -> str:
    """Return a one-line description of why a notebook failed."""
    ename = getattr(error, "ename", None)
    if ename:
        return f"{ename}: {getattr(error, 'evalue', '')}".strip()
    return f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error) else ''}"


def _size(notebook: nbformat.NotebookNode) -> int:
    """Return the size in bytes of ``notebook`` saved as an .ipynb file."""
    return len(nbformat.writes(notebook).encode("utf-8"))


def _execute_interruptibly(client: NotebookClient, env: dict[str, str]) -> None:
    """Run ``client.execute`` in a worker thread so that Ctrl-C stops the whole benchmark.

    In the main thread nbclient replaces the SIGINT and SIGTERM handlers with one that only
    shuts the kernel down, so the runner would carry on with the next lesson. Outside the
    main thread it installs no handlers; an abandoned kernel exits when its parent does.
    """
    failure: list[BaseException] = []

    def target() -> None:
        try:
            client.execute(env=env)
        except BaseException as error:  # handed to the main thread below
            failure.append(error)

    worker = threading.Thread(target=target, name="nbclient", daemon=True)
    worker.start()
    worker.join()
    if failure:
        raise failure[0]


def run_once(
    notebook: nbformat.NotebookNode, workdir: Path, save_to: Path | None = None
) -> RunResult:
    """Execute ``notebook`` once in a fresh kernel started in ``workdir`` and measure it.

    Quiz answers and progress go to a throw-away file, never to the user's own progress.
    The saved notebook keeps the widget state, as ``jupyter nbconvert --execute`` saves it;
    ``widget_state_bytes`` says how much of the file that state is; ``html_missing_outputs``
    counts outputs the HTML export leaves out (no MIME type it can show). With ``save_to``, the
    executed notebook that was measured (probe removed) is written there.
    Exceptions from a failing cell propagate (nbclient's ``CellExecutionError``).
    """
    probed = _with_probe(notebook)
    with tempfile.TemporaryDirectory(prefix="sahel-bench-") as scratch:
        env = {**os.environ, "SAHEL_COURSE_PROGRESS": str(Path(scratch) / "progress.json")}
        client = NotebookClient(
            probed,
            kernel_name=KERNEL_NAME,
            timeout=CELL_TIMEOUT_S,
            resources={"metadata": {"path": str(workdir)}},
        )
        start = time.perf_counter()
        _execute_interruptibly(client, env)
        wall = time.perf_counter() - start
    usage = _pop_probe(probed)
    ipynb_bytes = _size(probed)
    without_widgets = _copy(probed)
    without_widgets.metadata.pop("widgets", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        html, _ = HTMLExporter().from_notebook_node(probed)
    missing = sum(HTML_MISSING_WARNING in str(warning.message) for warning in caught)
    if save_to is not None:
        nbformat.write(probed, save_to)
    return RunResult(
        wall_s=wall,
        cpu_s=float(usage["cpu_s"]),
        peak_rss_mib=usage["hwm_kib"] / 1024,
        final_rss_mib=usage["rss_kib"] / 1024,
        ipynb_bytes=ipynb_bytes,
        widget_state_bytes=ipynb_bytes - _size(without_widgets),
        html_bytes=len(html.encode("utf-8")),
        html_missing_outputs=missing,
        cell_s=[_cell_seconds(cell) for cell in probed.cells],
    )


def _cell_seconds(cell: nbformat.NotebookNode) -> float:
    """Return how long a cell took, from the timestamps nbclient records (0 if none)."""
    timing = cell.metadata.get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not (start and end):
        return 0.0
    elapsed = dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)
    return elapsed.total_seconds()


def slowest_cells(
    notebook: nbformat.NotebookNode, runs: list[RunResult], count: int = 3
) -> list[SlowCell]:
    """Return the ``count`` code cells of ``notebook`` with the highest median time."""
    medians = [
        (statistics.median(run.cell_s[index] for run in runs), index)
        for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
    ]
    top = sorted(medians, reverse=True)[:count]
    return [
        SlowCell(index, seconds, notebook.cells[index].source.strip().splitlines()[0][:80])
        for seconds, index in top if notebook.cells[index].source.strip()
    ]


def measure_notebook(
    name: str, notebook: nbformat.NotebookNode, workdir: Path, repeats: int
) -> LessonResult:
    """Run ``notebook`` ``repeats`` times; a failure is recorded in the result, not raised."""
    result = LessonResult(name)
    for _ in range(repeats):
        try:
            result.runs.append(run_once(notebook, workdir))
        except Exception as error:  # a broken lesson is a row in the report, not a crash
            result.error = _error_summary(error)
            break
    if result.ok:
        result.slowest_cells = slowest_cells(notebook, result.runs)
    return result


def measure_floor(workdir: Path, repeats: int) -> LessonResult:
    """Measure the floor notebook (imports only) in the same way as a lesson."""
    return measure_notebook("floor (imports only)", floor_notebook(), workdir, repeats)


def measure_lesson(path: Path, repeats: int) -> LessonResult:
    """Measure one lesson file, executing it from its own folder like nbval does."""
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as error:  # unreadable JSON is reported like a failing cell
        return LessonResult(path.stem, error=_error_summary(error))
    return measure_notebook(path.stem, notebook, path.parent, repeats)


def main() -> None:
    """Measure the floor and the given lessons and print the results as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="+", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    results = [measure_floor(args.lessons[0].parent, args.repeats)]
    results += [measure_lesson(path, args.repeats) for path in args.lessons]
    print(json.dumps([result.to_dict() for result in results], indent=2))


if __name__ == "__main__":
    main()
