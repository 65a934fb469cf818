"""Measure the memory of an idle ``jupyter lab`` server, the per-user cost on a JupyterHub.

The server starts on 127.0.0.1 with private Jupyter directories, no browser, no news or update
checks and no kernel; once it answers ``/api/status`` and has settled, its resident memory is
read from ``/proc/<pid>/status`` (Linux only).

    .venv/bin/python benchmarks/bench_server.py
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

START_TIMEOUT_S = 90.0
SETTLE_S = 5.0


class ServerError(RuntimeError):
    """The server did not start; the message carries its log."""


@dataclass
class ServerMemory:
    """Resident memory of an idle JupyterLab server once it has settled."""

    rss_mib: float
    peak_rss_mib: float
    jupyterlab_version: str


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def read_rss_mib(pid: int) -> tuple[float, float]:
    """Return (current, high-water) resident memory of process ``pid`` in MiB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def measure_idle_lab(root_dir: Path) -> ServerMemory:
    """Start ``jupyter lab`` on ``root_dir``, wait until idle, read its memory and stop it."""
    import jupyterlab

    port = _free_port()
    token = secrets.token_hex(16)
    with tempfile.TemporaryDirectory(prefix="sahel-bench-lab-") as home:
        env = {
            **os.environ,
            "JUPYTER_CONFIG_DIR": f"{home}/config",
            "JUPYTER_DATA_DIR": f"{home}/data",
            "JUPYTER_RUNTIME_DIR": f"{home}/runtime",
            "JUPYTERLAB_SETTINGS_DIR": f"{home}/settings",
            "JUPYTERLAB_WORKSPACES_DIR": f"{home}/workspaces",
            "JUPYTER_PLATFORM_DIRS": "1",
        }
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root_dir}", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        log_path = Path(home) / "lab.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                command, env=env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        try:
            _wait_ready(process, f"http://127.0.0.1:{port}/api/status?token={token}", log_path)
            time.sleep(SETTLE_S)
            rss, peak = read_rss_mib(process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
    return ServerMemory(rss, peak, jupyterlab.__version__)


def _wait_ready(process: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"jupyter lab exited early:\n{log_path.read_text(errors='replace')}")
        if _answers(url):
            return
        time.sleep(0.25)
    raise ServerError(f"jupyter lab did not answer in {START_TIMEOUT_S:.0f} s")


if __name__ == "__main__":
    print(json.dumps(asdict(measure_idle_lab(Path.cwd())), indent=2))
