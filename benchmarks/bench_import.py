"""Measure how long importing the package and loading its data tables take.

Every measurement runs in a fresh interpreter (a subprocess of this Python), so nothing is
already imported or cached; the result is the median over the repeats. The time counts the
``import`` statements only, not the interpreter's own start-up.

    .venv/bin/python benchmarks/bench_import.py --repeats 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass

# What a student's notebook imports from the course, and what the course builds on.
PACKAGE_IMPORTS: tuple[tuple[str, ...], ...] = (
    ("sahel_course",),
    ("sahel_course.datasets",),
    ("sahel_course.quiz",),
    ("sahel_course.figures",),
    ("sahel_course.explorers",),
)
DEPENDENCY_IMPORTS: tuple[tuple[str, ...], ...] = (
    ("pandas",),
    ("plotly.graph_objects",),
    ("ipywidgets",),
    ("pandas", "plotly.graph_objects", "ipywidgets"),
    # The quiz validates its banks with it; plotly's renderers import it through nbformat
    # the first time a figure is displayed.
    ("jsonschema",),
)
# Heavy libraries whose presence after an import is worth reporting.
HEAVY = ("numpy", "pandas", "plotly", "ipywidgets", "yaml", "jsonschema")

_IMPORT_SCRIPT = """\
import importlib, json, sys, time
modules = json.loads(sys.argv[1])
start, cpu_start = time.perf_counter(), time.process_time()
for name in modules:
    importlib.import_module(name)
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
heavy = json.loads(sys.argv[2])
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds,
                  "loaded": [m for m in heavy if m in sys.modules]}))
"""

_LOAD_SCRIPT = """\
import json, time
from sahel_course import datasets
import pandas
out = []
for name in sorted(n for n in dir(datasets) if n.startswith("load_")):
    start = time.perf_counter()
    try:
        frame = getattr(datasets, name)()
    except Exception as error:
        out.append({"loader": name, "error": f"{type(error).__name__}: {error}"})
        continue
    out.append({"loader": name, "seconds": time.perf_counter() - start, "rows": len(frame)})
print(json.dumps(out))
"""


class MeasurementError(RuntimeError):
    """A measuring subprocess failed; the message is the last line of its standard error."""


@dataclass
class ImportResult:
    """Median wall and CPU time of importing ``modules`` in a fresh interpreter, or the error.

    CPU time (``time.process_time``) is what the import costs; wall time adds waiting for
    the disk and for other processes, so it is the noisier of the two on a busy machine.
    """

    modules: tuple[str, ...]
    median_s: float | None
    median_cpu_s: float | None
    runs_s: list[float]
    loaded: list[str]
    error: str | None = None

    @property
    def label(self) -> str:
        """The modules joined with ``+``, as shown in the report."""
        return " + ".join(self.modules)


@dataclass
class LoadResult:
    """Median time of one ``datasets.load_*`` call, the first in a fresh interpreter."""

    loader: str
    median_s: float | None
    rows: int
    error: str | None = None


def _run_json(code: str, *args: str) -> object:
    """Run ``code`` in a fresh interpreter and return the JSON it prints last."""
    completed = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        lines = completed.stderr.strip().splitlines()
        raise MeasurementError(lines[-1] if lines else f"exit code {completed.returncode}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def time_import(modules: Sequence[str], repeats: int) -> ImportResult:
    """Import ``modules`` (in order) in ``repeats`` fresh interpreters and time it."""
    runs = [
        _run_json(_IMPORT_SCRIPT, json.dumps(list(modules)), json.dumps(HEAVY))
        for _ in range(repeats)
    ]
    seconds = [float(run["seconds"]) for run in runs]
    return ImportResult(
        modules=tuple(modules),
        median_s=statistics.median(seconds),
        median_cpu_s=statistics.median(float(run["cpu_seconds"]) for run in runs),
        runs_s=seconds,
        loaded=runs[0]["loaded"],
    )


def time_loaders(repeats: int) -> list[LoadResult]:
    """Call every ``datasets.load_*`` once per fresh interpreter, ``repeats`` times.

    pandas and the package are imported before the clock starts, so the time is reading,
    checking and converting the table. Loaders run in alphabetical order; the first one also
    pays for reading the shared catalogue. A loader that raises is reported with its error;
    the others are still timed.
    """
    runs = [_run_json(_LOAD_SCRIPT) for _ in range(repeats)]
    results = []
    for index, first in enumerate(runs[0]):
        if "error" in first:
            results.append(LoadResult(first["loader"], None, 0, first["error"]))
            continue
        seconds = [float(run[index]["seconds"]) for run in runs]
        results.append(LoadResult(first["loader"], statistics.median(seconds), first["rows"]))
    return results


def _time_or_failure(modules: Sequence[str], repeats: int) -> ImportResult:
    """Like ``time_import``, but a failing import becomes a result carrying its error."""
    try:
        return time_import(modules, repeats)
    except MeasurementError as error:
        return ImportResult(tuple(modules), None, None, [], [], str(error))


def measure_imports(repeats: int) -> dict[str, list[ImportResult]]:
    """Time the package's imports and its dependencies' imports; failures are results."""
    return {
        "package": [_time_or_failure(modules, repeats) for modules in PACKAGE_IMPORTS],
        "dependencies": [_time_or_failure(modules, repeats) for modules in DEPENDENCY_IMPORTS],
    }


def main() -> None:
    """Print import and loader timings as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    imports = measure_imports(args.repeats)
    report = {
        group: [{**asdict(result), "label": result.label} for result in results]
        for group, results in imports.items()
    }
    report["loaders"] = [asdict(result) for result in time_loaders(args.repeats)]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
