"""Turn the benchmark results (a JSON-ready dict) into ``docs/performance.md``.

Everything here is pure: the results go in, Markdown comes out. The capacity estimate is
arithmetic on measured numbers plus the assumptions named in ``CapacityAssumptions``; the
report prints both the arithmetic and the assumptions.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

Results = dict[str, Any]

MIB_PER_GIB = 1024


@dataclass(frozen=True)
class ServerSpec:
    """A server a course might run on."""

    label: str
    cores: int
    ram_gib: float


@dataclass(frozen=True)
class CapacityAssumptions:
    """What the capacity estimate assumes rather than measures."""

    reserve_gib: float = 2.0  # operating system, JupyterHub, proxy, file cache
    kernels_per_student: int = 2  # a lesson plus one more notebook (an exercise) open at once
    busy_share: float = 0.25  # share of the class executing cells at the same moment
    wait_target_s: float = 30.0  # longest acceptable wait for "Run All" under contention


SERVERS = (
    ServerSpec("small: 2 cores, 24 GiB", 2, 24.0),
    ServerSpec("typical: 8 cores, 32 GiB", 8, 32.0),
)


@dataclass(frozen=True)
class Capacity:
    """Students one server can host, by memory and by CPU, with the per-student figures."""

    server: ServerSpec
    per_student_mib: float
    memory_students: int
    cpu_students_all: int
    cpu_students_share: int

    @property
    def students(self) -> int:
        """The recommended class size: the tighter of memory and typical-load CPU."""
        return min(self.memory_students, self.cpu_students_share)


def capacity(
    server: ServerSpec,
    kernel_peak_mib: float,
    server_idle_mib: float,
    cpu_s_per_lesson: float,
    assumptions: CapacityAssumptions,
) -> Capacity:
    """Estimate how many students ``server`` hosts on a JupyterHub (one Lab server each).

    Memory: every student holds an idle JupyterLab server plus ``kernels_per_student``
    kernels at the heaviest lesson's peak; ``reserve_gib`` stays for the system.
    CPU: with ``n`` students running a lesson at once, the last one waits about
    ``n * cpu_s_per_lesson / cores`` seconds; that must stay under ``wait_target_s``,
    either for the whole class at once or for ``busy_share`` of it.
    """
    per_student = server_idle_mib + assumptions.kernels_per_student * kernel_peak_mib
    usable_mib = (server.ram_gib - assumptions.reserve_gib) * MIB_PER_GIB
    memory_students = max(0, math.floor(usable_mib / per_student))
    all_at_once = math.floor(server.cores * assumptions.wait_target_s / cpu_s_per_lesson)
    share = math.floor(
        server.cores * assumptions.wait_target_s / (cpu_s_per_lesson * assumptions.busy_share)
    )
    return Capacity(server, per_student, memory_students, all_at_once, share)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Fit ``text`` into one Markdown table cell: one line, pipes escaped, at most 300 chars."""
    return " ".join(str(text).split()).replace("|", "\\|")[:300]


def _kib(size: float) -> str:
    return f"{size / 1024:,.0f} KiB"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def _not_measured(part: Results) -> str:
    return f"**Not measured:** {part['not_measured']}"


def render_machine(machine: Results, settings: Results) -> str:
    """The machine, software and settings the numbers come from."""
    rows = [
        ["date (UTC)", machine["date"]],
        ["CPU", f"{machine['cpu_model']}, {machine['cores']} cores"],
        ["RAM", f"{machine['ram_gib']:.1f} GiB"],
        ["OS", machine["os"]],
        ["Python", machine["python"]],
        ["packages", ", ".join(f"{k} {v}" for k, v in machine["packages"].items())],
        ["load average (1 min) before / after", machine["load"]],
        ["course revision", machine["revision"]],
        ["repeats", f"{settings['repeats']} per lesson, {settings['import_repeats']} per import"
                    " (medians reported)"],
    ]
    return _table(["", ""], rows)


def _lesson_row(lesson: Results, floor: Results | None) -> list[str]:
    if not lesson["ok"]:
        return [f"`{lesson['name']}`", f"**failed**: {_cell(lesson['error'])}", *[""] * 9]
    median = lesson["median"]
    base = floor["median"] if floor and floor["ok"] and floor is not lesson else None
    wall_extra = f" (+{median['wall_s'] - base['wall_s']:.1f})" if base else ""
    rss_extra = f" (+{median['peak_rss_mib'] - base['peak_rss_mib']:.0f})" if base else ""
    return [
        f"`{lesson['name']}`",
        "ok",
        f"{median['wall_s']:.1f}{wall_extra}",
        f"{median['cpu_s']:.1f}",
        f"{median['peak_rss_mib']:.0f}{rss_extra}",
        f"{median['final_rss_mib']:.0f}",
        _kib(median["ipynb_bytes"]),
        _kib(median["widget_state_bytes"]),
        _kib(median["html_bytes"]),
        str(median["html_missing_outputs"]),
        str(len(lesson["runs"])),
    ]


def render_lessons(floor: Results, lessons: list[Results]) -> str:
    """One row per lesson, the floor first; failures keep their row and show the error."""
    header = [
        "notebook", "status", "run-all wall s (+ over floor)", "kernel CPU s",
        "peak kernel RSS MiB (+ over floor)", "RSS after MiB", "executed .ipynb",
        "of which widget state", "HTML export", "outputs missing from HTML", "runs",
    ]
    rows = [_lesson_row(floor, None)] + [_lesson_row(lesson, floor) for lesson in lessons]
    return _table(header, rows)


def render_slowest_cells(lessons: list[Results], count: int = 10) -> str:
    """The ``count`` slowest code cells over all lessons: where run-all time goes."""
    cells = [
        (cell["seconds"], lesson["name"], cell)
        for lesson in lessons for cell in lesson["slowest_cells"]
    ]
    rows = [
        [f"`{name}`", str(cell["index"]), f"{seconds:.2f}", f"`{_cell(cell['first_line'])}`"]
        for seconds, name, cell in sorted(cells, key=lambda item: item[0], reverse=True)[:count]
    ]
    if not rows:
        return "No lesson ran, so there are no cell timings."
    return _table(["lesson", "cell index", "median s", "first line"], rows)


def render_imports(imports: Results) -> str:
    """Import times of the package's modules and of its dependencies."""
    rows = []
    for group in ("package", "dependencies"):
        for item in imports[group]:
            if item["error"]:
                rows.append([f"`import {item['label']}`", "**failed**", "",
                             _cell(item["error"])])
                continue
            loaded = ", ".join(item["loaded"]) or "none"
            rows.append([f"`import {item['label']}`", _ms(item["median_cpu_s"]),
                         _ms(item["median_s"]), loaded])
    header = ["import (fresh interpreter)", "CPU (median)", "wall (median)",
              "heavy libraries loaded"]
    return _table(header, rows)


def render_loaders(loaders: Results) -> str:
    """Cold time of every data loader, with the total."""
    if "not_measured" in loaders:
        return _not_measured(loaders)
    items = loaders["items"]
    rows = [
        [f"`datasets.{item['loader']}()`", "", f"**failed**: {_cell(item['error'])}"]
        if item["error"] else
        [f"`datasets.{item['loader']}()`", str(item["rows"]), _ms(item["median_s"])]
        for item in items
    ]
    loaded = [item for item in items if not item["error"]]
    label = "**all tables**" if len(loaded) == len(items) else "**tables that loaded**"
    rows.append([label, str(sum(item["rows"] for item in loaded)),
                 _ms(sum(item["median_s"] for item in loaded))])
    return _table(["loader", "rows", "median"], rows)


def render_external(part: Results) -> str:
    """A part measured by another tool: its own output, shown as it came.

    Text that contains a Markdown table is kept as Markdown; a flat JSON object becomes a
    two-column table; anything else goes into a code block.
    """
    if "not_measured" in part:
        return _not_measured(part)
    header = f"Source: `{part['source']}`"
    data = part.get("data")
    if isinstance(data, dict) and all(isinstance(v, (str, int, float)) for v in data.values()):
        return f"{header}\n\n" + _table(["", ""], [[f"`{k}`", str(v)] for k, v in data.items()])
    text = part["text"] if "text" in part else json.dumps(data, indent=2)
    if any(line.startswith("|") for line in text.splitlines()):
        return f"{header}\n\n{text.strip()}"
    return f"{header}\n\n```\n{text.strip()}\n```"


def heaviest(lessons: list[Results]) -> Results | None:
    """The lesson whose kernel reached the highest peak memory, among those that ran."""
    ran = [lesson for lesson in lessons if lesson["ok"]]
    return max(ran, key=lambda lesson: lesson["median"]["peak_rss_mib"], default=None)


def render_capacity(
    lessons: list[Results], server: Results, assumptions: CapacityAssumptions
) -> str:
    """The "how many students" section: inputs, assumptions, arithmetic and results."""
    top = heaviest(lessons)
    if top is None or "not_measured" in server:
        reason = server.get("not_measured", "no lesson executed")
        return f"Cannot estimate: {reason}."
    ran = [lesson for lesson in lessons if lesson["ok"]]
    kernel = top["median"]["peak_rss_mib"]
    cpu = max(lesson["median"]["cpu_s"] for lesson in ran)
    idle = server["rss_mib"]
    a = assumptions
    parts = [
        "Measured inputs:",
        "",
        f"- idle JupyterLab server (one per student on a JupyterHub): **{idle:.0f} MiB**, "
        "measured with no browser attached; serving a browser and open notebooks adds to it "
        "(not measured here)",
        f"- heaviest kernel: `{top['name']}`, peak **{kernel:.0f} MiB**, still "
        f"{top['median']['final_rss_mib']:.0f} MiB after the last cell; the estimate below "
        "plans with the peak for every open kernel, which leaves some head-room",
        f"- most kernel CPU for one Run All: **{cpu:.1f} s** (kernel start included)",
        "",
        "Assumptions (not measured; change them to fit your class):",
        "",
        f"- {a.reserve_gib:g} GiB stays for the operating system, JupyterHub and its proxy;",
        f"- each student has {a.kernels_per_student} kernels open (a lesson plus an exercise or a"
        " second lesson); JupyterHub's idle culler can shut forgotten ones down;",
        f"- a Run All that waits up to {a.wait_target_s:g} s for CPU is acceptable;",
        f"- in a normal session about {a.busy_share:.0%} of the class is executing at the same "
        "moment (students read, answer quizzes and move sliders between cells); the worst case"
        " is the teacher saying \"everyone press Run All now\";",
        "- the JupyterLab server's own CPU (sending outputs to the browser) is small next to the"
        " kernel's and is not counted; the browser's own memory is on the student's machine.",
        "",
        f"Per student: {idle:.0f} + {a.kernels_per_student} x {kernel:.0f} = "
        f"**{idle + a.kernels_per_student * kernel:.0f} MiB**.",
        "",
    ]
    rows = []
    for spec in SERVERS:
        result = capacity(spec, kernel, idle, cpu, a)
        usable = (spec.ram_gib - a.reserve_gib) * MIB_PER_GIB
        rows.append([
            spec.label,
            f"({spec.ram_gib:g} - {a.reserve_gib:g}) GiB = {usable:,.0f} MiB / "
            f"{result.per_student_mib:.0f} = **{result.memory_students}**",
            f"{spec.cores} x {a.wait_target_s:g} s / {cpu:.1f} s = **{result.cpu_students_all}**",
            f"{spec.cores} x {a.wait_target_s:g} s / ({cpu:.1f} s x {a.busy_share:g}) = "
            f"**{result.cpu_students_share}**",
            f"**{result.students}**",
        ])
    parts.append(_table(
        ["server", "memory bound", "CPU bound, whole class at once",
         f"CPU bound, {a.busy_share:.0%} at once", "students"],
        rows,
    ))
    parts += [
        "",
        "The last column is the smaller of the memory bound and the typical-load CPU bound. "
        "When the whole class presses Run All in the same moment, the last student waits about "
        "(students x CPU s) / cores; for example 30 students on 2 cores wait "
        f"{30 * cpu / 2:.0f} s, on 8 cores {30 * cpu / 8:.0f} s. On a small server, stagger "
        "the first Run All (row by row, say) instead of starting everyone at once.",
    ]
    return "\n".join(parts)


def render_summary(results: Results, assumptions: CapacityAssumptions) -> str:
    """A few bullet points for lecturers: the numbers that matter and what is missing."""
    lessons = results["lessons"]
    ran = [lesson for lesson in lessons if lesson["ok"]]
    bullets = [f"- {len(ran)} of {len(lessons)} lessons executed without error."]
    floor = results["floor"]
    if ran and floor["ok"]:
        cpu = [lesson["median"]["cpu_s"] for lesson in ran]
        peak = max(lesson["median"]["peak_rss_mib"] for lesson in ran)
        bullets.append(
            f"- One Run All costs {min(cpu):.1f}-{max(cpu):.1f} s of kernel CPU (an empty "
            f"notebook importing the libraries: {floor['median']['cpu_s']:.1f} s); a kernel "
            f"peaks at up to {peak:.0f} MiB (empty: {floor['median']['peak_rss_mib']:.0f} MiB)."
        )
    top = heaviest(lessons)
    if top is not None and "not_measured" not in results["server"]:
        cpu_max = max(lesson["median"]["cpu_s"] for lesson in ran)
        sizes = [
            f"about **{result.students}** with {spec.cores} cores and {spec.ram_gib:g} GiB"
            for spec in SERVERS
            for result in [capacity(spec, top["median"]["peak_rss_mib"],
                                    results["server"]["rss_mib"], cpu_max, assumptions)]
        ]
        bullets.append(f"- Students per server: {', '.join(sizes)} (arithmetic and assumptions "
                       "at the end).")
    missing = [
        title for key, title in (("grading", "class grading"), ("slider", "slider to redraw"),
                                 ("server", "JupyterLab server memory"))
        if "not_measured" in results[key]
    ]
    if missing:
        bullets.append(f"- Not measured in this run: {', '.join(missing)}.")
    return "\n".join(bullets)


def render(results: Results, assumptions: CapacityAssumptions | None = None) -> str:
    """Return the whole ``docs/performance.md`` for ``results``."""
    assumptions = assumptions or CapacityAssumptions()
    lessons = results["lessons"]
    measured = ", ".join(
        f"`{lesson['name']}`" + (" (not yet committed)" if lesson.get("uncommitted") else "")
        for lesson in lessons
    ) or "none"
    sections = [
        "# Performance",
        "",
        "How fast the lessons run, how much memory a student's kernel needs, and how many "
        "students one server can host. This page is generated by "
        "`.venv/bin/python benchmarks/run.py` (see `benchmarks/README.md`); edit the scripts, "
        "not this page. Numbers are medians of repeated runs on the machine below; they are "
        "measurements, not guarantees, and shift with hardware and library versions.",
        "",
        "## Summary",
        "",
        render_summary(results, assumptions),
        "",
        "## Machine",
        "",
        render_machine(results["machine"], results["settings"]),
        "",
        "Other work on the machine (tests, builds) adds noise to wall times; the load average "
        "row shows how busy it was. Kernel CPU time and memory are steadier.",
        "",
        "## Lessons",
        "",
        f"Lessons measured: {measured}. Each run executes the notebook top to bottom in a "
        "fresh `python3` kernel with nbclient (as nbval does), from the lessons folder. "
        "The floor is the same kernel running a notebook that only imports pandas, "
        "plotly.graph_objects and ipywidgets. Wall time includes starting the kernel; kernel "
        "CPU is the kernel process's user + system time; peak RSS is the kernel's resident "
        "high-water mark (`VmHWM` from `/proc/self/status`; `ru_maxrss` would start from the "
        "runner's own high-water mark, which Linux hands to a spawned process). Sizes are "
        "the executed notebook as nbclient saves it (widget state included, as "
        "`jupyter nbconvert --execute` does) and its `nbconvert --to html` "
        "export; outputs missing from HTML are outputs with no MIME type the HTML exporter can "
        "show (for example a plotly figure without a `text/html` part): a static HTML hand-out "
        "lacks them.",
        "",
        render_lessons(results["floor"], lessons),
        "",
        "### Slowest cells",
        "",
        "From the timestamps nbclient records for each cell (the cell index counts markdown "
        "cells too, from 0). Kernel start and the floor's imports are not in these.",
        "",
        render_slowest_cells(lessons),
        "",
        "## Import time",
        "",
        "Each import runs in a fresh interpreter; the times cover the import statements only. "
        "CPU time (all threads of the process) is the steadier figure on a busy machine; it "
        "can exceed wall time when a library uses several threads while importing. "
        "`sahel_course` and its data and quiz modules must stay cheap (no pandas, plotly or "
        "ipywidgets at import); figures and explorers need them and cost about what importing "
        "those libraries costs. `jsonschema` is listed because the quiz validates its question "
        "banks with it and plotly imports it (through nbformat) the first time a figure is "
        "displayed, so every kernel pays for it once.",
        "",
        render_imports(results["imports"]),
        "",
        "## Loading the data tables",
        "",
        "Every `datasets.load_*()` called once in a fresh interpreter with pandas and the "
        "package already imported (loaders are cached within a session, so only the first call "
        "costs this). The first loader alphabetically also reads the catalogue.",
        "",
        render_loaders(results["loaders"]),
        "",
        "## Class grading throughput",
        "",
        render_external(results["grading"]),
        "",
        "## Slider to redraw",
        "",
        "Measured in a real browser by the browser tests.",
        "",
        render_external(results["slider"]),
        "",
        "## How many students can one server host?",
        "",
        render_capacity(lessons, results["server"], assumptions),
        "",
    ]
    return "\n".join(sections)
