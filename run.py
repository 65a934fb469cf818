#!/usr/bin/env python3
"""Set up and run the Sahel Realignment course with nothing but Python 3 and pip.

    python3 run.py course   # install into ./.venv and open JupyterLab at the first lesson
    python3 run.py test     # install the test tools and run the whole test suite

Both commands create the virtual environment ``.venv`` beside this file on first use and
reinstall only when ``pyproject.toml`` changes. Extra arguments after ``course`` go to
``jupyter lab`` (for example ``--no-browser``); after ``test`` they go to ``pytest``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
FIRST_LESSON = "lessons/00-start-here.ipynb"
CHROMIUM = Path("/usr/bin/chromium")


def venv_bin(name: str) -> Path:
    """Return the path of an executable inside the course's virtual environment."""
    scripts = VENV / ("Scripts" if os.name == "nt" else "bin")
    return scripts / (name + (".exe" if os.name == "nt" else ""))


def run(cmd: list[str | Path], **kwargs) -> None:
    """Run a command, echoing it, and stop with its exit code if it fails."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv(extras: str) -> None:
    """Create ``.venv`` and install the course (with ``extras``) unless already up to date."""
    if not venv_bin("python").exists():
        print(f"Creating the virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed-{extras or 'base'}-{digest}"
    if stamp.exists():
        return
    python = venv_bin("python")
    run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    target = f".[{extras}]" if extras else "."
    run([python, "-m", "pip", "install", "--quiet", "-e", target])
    # Editable installs skip the package's data-files (the offline Voila template), so put
    # them where Jupyter looks: <venv>/share/jupyter.
    shutil.copytree(ROOT / "share" / "jupyter", VENV / "share" / "jupyter", dirs_exist_ok=True)
    stamp.touch()


def ensure_chromium() -> None:
    """Install Debian's Chromium for the browser tests when we may (root with apt-get).

    CI machines are new each time, so the test command installs the browser itself. On a
    lecturer's laptop without root we leave the system alone; the browser tests then skip
    with a message saying what is missing.
    """
    if CHROMIUM.exists():
        return
    can_apt = shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if not can_apt:
        print(f"Note: {CHROMIUM} not found; browser tests will be skipped.", flush=True)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"], env=env)


def course(args: list[str]) -> None:
    """Install the course and open JupyterLab at the first lesson."""
    ensure_venv("")
    os.chdir(ROOT)
    jupyter = venv_bin("jupyter")
    # JupyterLab refuses to start as root (containers, some servers) unless told it may.
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    # The whole course folder is the root, so lessons, exercises and docs are all browsable.
    root = f"--ServerApp.root_dir={ROOT}"
    os.execv(str(jupyter), [str(jupyter), "lab", root, FIRST_LESSON, *as_root, *args])


def test(args: list[str]) -> None:
    """Install the test tools, lint, then run every test and notebook."""
    ensure_venv("test,instructor")
    ensure_chromium()
    run([venv_bin("ruff"), "check", "."])
    run([venv_bin("python"), "-m", "pytest", *args])


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"course", "test"}:
        print(__doc__)
        sys.exit(2)
    {"course": course, "test": test}[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
