"""Run every benchmark, print the tables and write ``docs/performance.md``.

    .venv/bin/python benchmarks/run.py            # 3 runs per lesson, 7 per import
    .venv/bin/python benchmarks/run.py --quick    # 1 run per lesson, 3 per import
    .venv/bin/python benchmarks/run.py --skip-grading

A part that cannot be measured (a lesson that fails, a missing grading benchmark, no browser
timing file) is reported as such in the page; it never stops the other parts. The raw numbers
also go to ``benchmarks/results/latest.json`` (not committed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

import bench_import
import bench_lessons
import bench_server
import report

REPO = Path(__file__).resolve().parents[1]
LESSONS = REPO / "lessons"
OUTPUT = REPO / "docs" / "performance.md"
RAW_OUTPUT = REPO / "benchmarks" / "results" / "latest.json"
GRADING_SCRIPT = REPO / "benchmarks" / "bench_grading.py"
SLIDER_TIMING = REPO / "test-artifacts" / "slider_timing.json"
GRADING_TIMEOUT_S = 1800
PACKAGES = (
    "jupyterlab", "jupyter_server", "ipykernel", "nbclient", "nbconvert", "ipywidgets",
    "anywidget", "plotly", "pandas", "numpy", "jsonschema", "nbgrader",
)


def _field(path: str, key: str, separator: str = ":") -> str:
    """Return the value of the first ``key<separator>value`` line of a file, or "unknown"."""
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                name, found, value = line.partition(separator)
                if found and name.strip() == key:
                    return value.strip().strip('"')
    except OSError:
        pass
    return "unknown"


def _git(*args: str) -> str:
    completed = subprocess.run(
        ["git", *args], cwd=REPO, capture_output=True, text=True, check=False
    )
    return completed.stdout.strip()


def machine_info(load_before: float) -> dict[str, object]:
    """Describe the machine, its load, the software versions and the course revision."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    mem_kib = _field("/proc/meminfo", "MemTotal").split()[0]
    os_name = _field("/etc/os-release", "PRETTY_NAME", "=")
    dirty = _git("status", "--porcelain", "--", "lessons", "sahel_course")
    revision = _git("rev-parse", "--short", "HEAD") or "unknown"
    if dirty:
        revision += " plus uncommitted changes to lessons or package"
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M"),
        "cpu_model": _field("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "ram_gib": int(mem_kib) / 1024**2 if mem_kib.isdigit() else float("nan"),
        "os": f"{os_name} (kernel {platform.release()})",
        "python": platform.python_version(),
        "packages": versions,
        "load": f"{load_before:.2f} / {os.getloadavg()[0]:.2f}",
        "revision": revision,
    }


def measure_lessons(repeats: int) -> tuple[dict[str, object], list[dict[str, object]]]:
    """Measure the floor and every ``lessons/*.ipynb``, printing progress as it goes."""
    print(f"floor notebook x{repeats} ...", flush=True)
    floor = bench_lessons.measure_floor(LESSONS, repeats).to_dict()
    lessons = []
    for path in sorted(LESSONS.glob("*.ipynb")):
        print(f"{path.name} x{repeats} ...", flush=True)
        result = bench_lessons.measure_lesson(path, repeats).to_dict()
        result["uncommitted"] = bool(_git("status", "--porcelain", "--", str(path)))
        lessons.append(result)
    return floor, lessons


def measure_imports(repeats: int) -> tuple[dict[str, object], dict[str, object]]:
    """Measure import and loader times; failures are reported, never raised."""
    print(f"imports and loaders x{repeats} ...", flush=True)
    imports = {
        group: [{**asdict(result), "label": result.label} for result in results]
        for group, results in bench_import.measure_imports(repeats).items()
    }
    try:
        loaders = {"items": [asdict(item) for item in bench_import.time_loaders(repeats)]}
    except bench_import.MeasurementError as error:
        loaders = {"not_measured": f"the loaders could not run: {error}"}
    return imports, loaders


def measure_server() -> dict[str, object]:
    """Measure an idle JupyterLab server's memory, or say why not."""
    print("idle jupyter lab server ...", flush=True)
    try:
        return asdict(bench_server.measure_idle_lab(LESSONS))
    except (bench_server.ServerError, OSError, KeyError) as error:
        return {"not_measured": f"jupyter lab did not start or could not be read: {error}"}


def _shown(path: Path) -> str:
    """Return ``path`` relative to the repository when it is inside it."""
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def measure_grading(skip: bool, quick: bool, script: Path = GRADING_SCRIPT) -> dict[str, object]:
    """Run the class grading benchmark ``script`` (owned by the grading maintainers) if it exists.

    ``--quick`` is passed on when asked for and the script's ``--help`` offers it. Its
    standard output is the result; a failure or a time-out is reported as not measured.
    """
    source = _shown(script)
    if skip:
        return {"not_measured": "skipped with `--skip-grading`."}
    if not script.exists():
        return {"not_measured": f"`{source}` does not exist yet."}
    print("class grading (may take minutes) ...", flush=True)
    command = [sys.executable, str(script)]
    help_text = subprocess.run(
        [*command, "--help"], cwd=REPO, capture_output=True, text=True, check=False
    ).stdout
    if quick and "--quick" in help_text:
        command.append("--quick")
    try:
        completed = subprocess.run(
            command, cwd=REPO, capture_output=True, text=True, check=False,
            timeout=GRADING_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return {"not_measured": f"`{source}` did not finish in {GRADING_TIMEOUT_S} s."}
    if completed.returncode != 0:
        tail = " ".join((completed.stderr or completed.stdout).strip().splitlines()[-5:])
        return {"not_measured": f"`{source}` failed (exit {completed.returncode}): {tail}"}
    return {"source": " ".join(["python", source, *command[2:]]), "text": completed.stdout}


def read_slider_timing(path: Path = SLIDER_TIMING) -> dict[str, object]:
    """Read the browser tests' slider timing file, or say that it is missing or unreadable."""
    shown = _shown(path)
    if not path.exists():
        return {"not_measured": f"`{shown}` is missing; run the browser tests "
                                "(`pytest -m browser`) first."}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        return {"not_measured": f"`{shown}` is unreadable: {error}"}
    written = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
    return {"source": f"{shown}, written {written:%Y-%m-%d %H:%M} UTC", "data": data}


def write_page(results: dict[str, object], output: Path) -> None:
    """Render ``results``, print the page and write it to ``output``."""
    page = report.render(results)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    print(page)
    print(f"Wrote {output}.")


def main(argv: list[str] | None = None) -> None:
    """Measure everything, print the page and write it to ``docs/performance.md``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 run per lesson, 3 per import")
    parser.add_argument("--repeats", type=int, help="runs per lesson (default 3, quick 1)")
    parser.add_argument("--skip-grading", action="store_true", help="skip class grading")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the page")
    parser.add_argument("--rerender", action="store_true",
                        help=f"measure nothing: rebuild the page from {RAW_OUTPUT.name}")
    args = parser.parse_args(argv)
    if args.rerender:
        write_page(json.loads(RAW_OUTPUT.read_text(encoding="utf-8")), args.output)
        return
    repeats = args.repeats or (1 if args.quick else 3)
    import_repeats = 3 if args.quick else 7

    load_before = os.getloadavg()[0]
    floor, lessons = measure_lessons(repeats)
    imports, loaders = measure_imports(import_repeats)
    results = {
        "machine": machine_info(load_before),
        "settings": {"repeats": repeats, "import_repeats": import_repeats, "quick": args.quick},
        "floor": floor,
        "lessons": lessons,
        "imports": imports,
        "loaders": loaders,
        "server": measure_server(),
        "grading": measure_grading(args.skip_grading, args.quick),
        "slider": read_slider_timing(),
    }
    RAW_OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    RAW_OUTPUT.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"Wrote {RAW_OUTPUT}.")
    write_page(results, args.output)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted: nothing was written.")
