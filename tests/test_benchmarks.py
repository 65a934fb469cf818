"""Smoke tests of the benchmark measuring functions and the report arithmetic.

Benchmarks are measurements, not timed tests: nothing here asserts on speed. The notebooks
are tiny ones written to ``tmp_path``; each execution starts a real kernel (a few seconds).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import nbformat
import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str) -> ModuleType:
    """Import ``benchmarks/<name>.py`` (the folder is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


bench_lessons = _load("bench_lessons")
bench_import = _load("bench_import")
bench_server = _load("bench_server")
report = _load("report")
_before = set(sys.modules)
sys.path.insert(0, str(BENCHMARKS))  # run.py imports its sibling scripts by name
try:
    runner = _load("run")
finally:
    sys.path.remove(str(BENCHMARKS))
    for _name in {"bench_import", "bench_lessons", "bench_server", "report"} - _before:
        sys.modules.pop(_name, None)  # keep generic names such as "report" free


def _notebook(*sources: str) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return notebook


@pytest.mark.slow
def test_run_once_measures_kernel_memory_and_removes_the_probe(tmp_path: Path) -> None:
    """A kernel that holds 150 MiB reports at least that peak; the saved copy has no probe."""
    notebook = _notebook(
        "import time\ntime.sleep(0.5)",
        "blob = b'x' * (150 * 2**20)",
        "from IPython.display import display\ndisplay({'application/x-bench': 'x'}, raw=True)",
        "print('tiny lesson done')",
    )
    saved = tmp_path / "executed.ipynb"
    result = bench_lessons.run_once(notebook, tmp_path, save_to=saved)

    assert 150 <= result.peak_rss_mib < 4096  # MiB, not KiB or bytes
    assert 0 < result.final_rss_mib <= result.peak_rss_mib + 1
    assert result.cpu_s > 0 and result.wall_s > 0
    executed = nbformat.read(saved, as_version=4)
    assert len(executed.cells) == 4
    assert executed.cells[-1].outputs[0]["text"] == "tiny lesson done\n"
    assert "VmHWM" not in saved.read_text(encoding="utf-8")
    assert result.ipynb_bytes == len(nbformat.writes(executed).encode("utf-8"))
    assert result.widget_state_bytes == 0
    assert result.html_bytes > result.ipynb_bytes  # the HTML carries the page template
    assert result.html_missing_outputs == 1  # the custom MIME type has no HTML form
    assert len(notebook.cells) == 4  # the caller's notebook is left as it was
    assert len(result.cell_s) == 4 and result.cell_s[0] >= 0.5
    slowest = bench_lessons.slowest_cells(notebook, [result], count=1)
    assert [(cell.index, cell.first_line) for cell in slowest] == [(0, "import time")]


@pytest.mark.slow
def test_kernel_peak_excludes_the_runners_memory(tmp_path: Path) -> None:
    """A kernel that allocates nothing reports far less than a runner holding 400 MiB."""
    ballast = b"x" * (400 * 2**20)  # the runner's own memory, touched so it is resident
    result = bench_lessons.run_once(_notebook("x = 1"), tmp_path)

    assert len(ballast) and result.peak_rss_mib < 300


@pytest.mark.slow
def test_failing_notebook_is_a_result_with_its_error(tmp_path: Path) -> None:
    """A cell that raises ends the runs and is reported, not raised."""
    notebook = _notebook("x = 1", "raise ValueError('boom in cell two')")
    result = bench_lessons.measure_notebook("broken", notebook, tmp_path, repeats=3)

    assert not result.ok
    assert result.runs == []
    assert result.error == "ValueError: boom in cell two"
    assert result.to_dict()["median"] == {}


def test_unreadable_lesson_file_is_a_result(tmp_path: Path) -> None:
    """A lesson file that is not a notebook is reported as failed without starting a kernel."""
    path = tmp_path / "99-broken.ipynb"
    path.write_text("{not json", encoding="utf-8")
    result = bench_lessons.measure_lesson(path, repeats=1)

    assert result.name == "99-broken"
    assert not result.ok
    assert result.error


def test_time_import_reports_what_was_loaded() -> None:
    """Importing json loads none of the heavy libraries; a missing module is an error."""
    result = bench_import.time_import(["json"], repeats=2)

    assert len(result.runs_s) == 2
    assert result.median_s >= 0 and result.median_cpu_s >= 0
    assert result.loaded == []
    assert result.label == "json"
    with pytest.raises(bench_import.MeasurementError, match="no_such_module_for_bench"):
        bench_import.time_import(["no_such_module_for_bench"], repeats=1)


def test_time_loaders_covers_every_loader() -> None:
    """Every ``datasets.load_*`` is timed once and returns rows."""
    from sahel_course import datasets

    results = bench_import.time_loaders(repeats=1)

    expected = sorted(name for name in dir(datasets) if name.startswith("load_"))
    assert [item.loader for item in results] == expected
    assert all(item.rows > 0 for item in results)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_read_rss_of_this_process() -> None:
    """The current resident memory is positive and never above its high-water mark."""
    rss, peak = bench_server.read_rss_mib(os.getpid())
    assert 0 < rss <= peak


def test_capacity_arithmetic() -> None:
    """Memory and CPU bounds follow the documented formulas."""
    server = report.ServerSpec("test", cores=2, ram_gib=24.0)
    assumptions = report.CapacityAssumptions(
        reserve_gib=2.0, kernels_per_student=2, busy_share=0.25, wait_target_s=30.0
    )
    result = report.capacity(server, 200.0, 100.0, 3.0, assumptions)

    assert result.per_student_mib == 500.0
    assert result.memory_students == 45  # 22 GiB = 22,528 MiB / 500
    assert result.cpu_students_all == 20  # 2 cores x 30 s / 3 s
    assert result.cpu_students_share == 80
    assert result.students == 45


def _results(lessons: list[dict[str, object]], server: dict[str, object]) -> dict[str, object]:
    floor_run = {"wall_s": 1.0, "cpu_s": 0.5, "peak_rss_mib": 100.0, "final_rss_mib": 100.0,
                 "ipynb_bytes": 2048, "widget_state_bytes": 0, "html_bytes": 4096,
                 "html_missing_outputs": 0}
    return {
        "machine": {"date": "2026-01-01 00:00", "cpu_model": "Test CPU", "cores": 2,
                    "ram_gib": 4.0, "os": "Test OS", "python": "3.11", "packages": {},
                    "load": "0 / 0", "revision": "abc"},
        "settings": {"repeats": 1, "import_repeats": 1, "quick": True},
        "floor": {"name": "floor", "ok": True, "error": None, "median": floor_run,
                  "runs": [floor_run]},
        "lessons": lessons,
        "imports": {"package": [], "dependencies": []},
        "loaders": {"not_measured": "test"},
        "server": server,
        "grading": {"not_measured": "`benchmarks/bench_grading.py` does not exist yet."},
        "slider": {"source": "slider.json", "data": {"median_ms": 42}},
    }


def test_report_keeps_failed_lessons_and_unmeasured_parts() -> None:
    """A failed lesson is a row with its error; missing parts say so; no estimate without data."""
    failed = {"name": "03-broken", "ok": False, "error": "KeyError: 'x' | y", "median": {},
              "runs": [], "slowest_cells": []}
    page = report.render(_results([failed], {"rss_mib": 120.0}))

    assert "| `03-broken` | **failed**: KeyError: 'x' \\| y |" in page
    assert "**Not measured:** `benchmarks/bench_grading.py` does not exist yet." in page
    assert "| `median_ms` | 42 |" in page
    assert "Cannot estimate: no lesson executed." in page
    assert "- 0 of 1 lessons executed without error." in page
    assert "- Not measured in this run: class grading." in page
    assert "No lesson ran, so there are no cell timings." in page


def test_report_estimates_from_the_heaviest_lesson() -> None:
    """The estimate uses the highest peak kernel memory and shows its arithmetic."""
    def lesson(name: str, peak: float) -> dict[str, object]:
        run = {"wall_s": 5.0, "cpu_s": 3.0, "peak_rss_mib": peak, "final_rss_mib": peak - 50,
               "ipynb_bytes": 10_240, "widget_state_bytes": 1024, "html_bytes": 20_480,
               "html_missing_outputs": 2}
        slow = [{"index": 3, "seconds": peak / 100, "first_line": "figures.plot_x()"}]
        return {"name": name, "ok": True, "error": None, "median": run, "runs": [run],
                "slowest_cells": slow}

    page = report.render(_results([lesson("01-a", 150.0), lesson("02-b", 200.0)],
                                  {"rss_mib": 100.0}))

    assert "heaviest kernel: `02-b`, peak **200 MiB**" in page
    assert "- 2 of 2 lessons executed without error." in page
    assert "3.0-3.0 s of kernel CPU (an empty notebook importing the libraries: 0.5 s)" in page
    assert "- Students per server: about **45** with 2 cores and 24 GiB," in page
    assert "Per student: 100 + 2 x 200 = **500 MiB**." in page
    assert "| small: 2 cores, 24 GiB | (24 - 2) GiB = 22,528 MiB / 500 = **45** |" in page
    assert page.index("| `02-b` | 3 | 2.00 | `figures.plot_x()` |") < page.index("| `01-a` | 3 |")
    row = "| `02-b` | ok | 5.0 (+4.0) | 3.0 | 200 (+100) | 150 | 10 KiB | 1 KiB | 20 KiB | 2 |"
    assert row in page


def test_external_output_keeps_markdown_tables() -> None:
    """Markdown tables stay Markdown; nested JSON and plain text go into a code block."""
    table = report.render_external({"source": "g.py", "text": "Intro\n\n| a |\n|---|\n| 1 |\n"})
    plain = report.render_external({"source": "g.py", "text": "42 students graded\n"})

    nested = report.render_external({"source": "s.json", "data": {"runs": [0.3, 0.4]}})

    assert table == "Source: `g.py`\n\nIntro\n\n| a |\n|---|\n| 1 |"
    assert plain == "Source: `g.py`\n\n```\n42 students graded\n```"
    assert nested.startswith("Source: `s.json`\n\n```\n{") and '"runs": [' in nested


def test_failed_imports_and_loaders_are_rows() -> None:
    """One failing import or loader is a row with its error; the rest still render."""
    results = _results([], {"not_measured": "no server"})
    results["imports"] = {
        "package": [{"label": "sahel_course.figures", "median_s": None, "median_cpu_s": None,
                     "loaded": [], "error": "ModuleNotFoundError: No module named 'x'"}],
        "dependencies": [{"label": "pandas", "median_s": 0.2, "median_cpu_s": 0.15,
                          "loaded": ["numpy", "pandas"], "error": None}],
    }
    results["loaders"] = {"items": [
        {"loader": "load_a", "median_s": None, "rows": 0, "error": "ValueError: bad"},
        {"loader": "load_b", "median_s": 0.01, "rows": 7, "error": None},
    ]}
    page = report.render(results)

    assert "| `import sahel_course.figures` | **failed** |  | ModuleNotFoundError:" in page
    assert "| `import pandas` | 150 ms | 200 ms | numpy, pandas |" in page
    assert "| `datasets.load_a()` |  | **failed**: ValueError: bad |" in page
    assert "| **tables that loaded** | 7 | 10 ms |" in page
    assert "Cannot estimate: no server." in page


FAKE_GRADING = """\
import sys
if "--help" in sys.argv:
    print("usage: bench_grading.py [--quick]")
    sys.exit(0)
students = 6 if "--quick" in sys.argv else 30
print("| students | s |")
print("|---|---|")
print(f"| {students} | 9 |")
"""


def test_grading_benchmark_is_called_or_reported_missing(tmp_path: Path) -> None:
    """The grading script's output is kept; a missing or failing script is "not measured"."""
    script = tmp_path / "bench_grading.py"
    assert "does not exist yet" in runner.measure_grading(False, False, script)["not_measured"]

    script.write_text(FAKE_GRADING, encoding="utf-8")
    quick = runner.measure_grading(False, True, script)
    assert quick["text"] == "| students | s |\n|---|---|\n| 6 | 9 |\n"
    assert quick["source"].endswith("bench_grading.py --quick")
    assert "skipped" in runner.measure_grading(True, False, script)["not_measured"]

    script.write_text("raise SystemExit('grading broke')\n", encoding="utf-8")
    failed = runner.measure_grading(False, False, script)["not_measured"]
    assert "failed (exit 1): grading broke" in failed


def test_slider_timing_file_is_read_or_reported(tmp_path: Path) -> None:
    """The browser tests' JSON is passed on; a missing or broken file is "not measured"."""
    path = tmp_path / "slider_timing.json"
    assert "is missing" in runner.read_slider_timing(path)["not_measured"]
    path.write_text("{broken", encoding="utf-8")
    assert "is unreadable" in runner.read_slider_timing(path)["not_measured"]
    path.write_text('{"slider_to_redraw_s": 0.32}', encoding="utf-8")
    assert runner.read_slider_timing(path)["data"] == {"slider_to_redraw_s": 0.32}


def test_machine_info_describes_this_machine() -> None:
    """Cores, versions and the course revision are filled in."""
    info = runner.machine_info(0.0)
    assert info["cores"] == os.cpu_count()
    assert info["packages"]["nbclient"] != "not installed"
    assert info["revision"] != "unknown"
