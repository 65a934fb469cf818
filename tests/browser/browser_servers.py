"""Start and stop the local JupyterLab and Voila servers that the browser tests drive.

Both servers listen on 127.0.0.1 only, on a free port, with every setting that would make the
page talk to the internet turned off (news, update checks, notifications). Each server writes
its log to a file so that a failed start can be reported with the reason.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
START_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 15.0

# JupyterLab user settings written into a throw-away settings directory. Notifications and
# news stay silent, and every cell stays in the DOM so the tests see the whole notebook.
LAB_SETTINGS: dict[str, dict[str, object]] = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "checkForUpdates": False,
        "doNotDisturbMode": True,
        "fetchNews": "false",
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # Never write the executed lessons (with outputs) back into the repository.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


class ServerStartError(RuntimeError):
    """A server process died or did not answer in time; the message carries its log."""


@dataclass
class LocalServer:
    """A server process listening on ``127.0.0.1:port``, with its token and log file."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    token: str
    log_path: Path

    @property
    def base_url(self) -> str:
        """The root URL of the server, without a trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """Return the absolute URL of ``path`` (which starts with ``/``), token included."""
        separator = "&" if "?" in path else "?"
        suffix = f"{separator}token={self.token}" if self.token else ""
        return f"{self.base_url}{path}{suffix}"

    def log(self) -> str:
        """Return everything the server has written to its log so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def shutdown_kernels(self) -> None:
        """Close every notebook session (and its kernel) the browser opened."""
        for session in json.loads(self._api("GET", "/api/sessions") or b"[]"):
            self._api("DELETE", f"/api/sessions/{session['id']}")

    def forget_workspaces(self) -> None:
        """Delete the saved JupyterLab layouts, as on a student's first visit."""
        listing = json.loads(self._api("GET", "/lab/api/workspaces") or b"{}")
        for workspace in listing.get("workspaces", {}).get("ids", []):
            self._api("DELETE", f"/lab/api/workspaces/{workspace}")

    def _api(self, method: str, path: str) -> bytes:
        """Call the server's REST API with the token; return the response body."""
        request = urllib.request.Request(
            self.base_url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return bytes(response.read())

    def stop(self) -> None:
        """Terminate the server (and its kernels), killing it if it does not stop in time."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT_S)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def isolated_env(home: Path, progress_file: Path) -> dict[str, str]:
    """Return an environment with private Jupyter directories under ``home``.

    The configuration, data, runtime, settings and workspace directories all live in ``home``,
    so the student's own Jupyter set-up cannot change what the tests see, and the course's
    progress file (where quiz answers are saved) is ``progress_file``.
    """
    dirs = {
        "JUPYTER_CONFIG_DIR": home / "config",
        "JUPYTER_DATA_DIR": home / "data",
        "JUPYTER_RUNTIME_DIR": home / "runtime",
        "JUPYTERLAB_SETTINGS_DIR": home / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": home / "lab-workspaces",
        "IPYTHONDIR": home / "ipython",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    for relative, values in LAB_SETTINGS.items():
        target = dirs["JUPYTERLAB_SETTINGS_DIR"] / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, indent=2), encoding="utf-8")
    env = {**os.environ, **{key: str(path) for key, path in dirs.items()}}
    env["SAHEL_COURSE_PROGRESS"] = str(progress_file)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env.pop("JUPYTER_TOKEN", None)
    return env


def root_flags() -> list[str]:
    """Return ``--allow-root`` when running as root (JupyterLab refuses to start otherwise)."""
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    return ["--allow-root"] if is_root else []


def start_jupyter_lab(root_dir: Path, env: dict[str, str], log_dir: Path) -> LocalServer:
    """Start ``jupyter lab`` serving ``root_dir`` and return it once it answers HTTP."""
    port = free_port()
    token = secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.expose_app_in_browser=True",
        "--JupyterNotebookApp.expose_app_in_browser=True",
        *root_flags(),
    ]
    server = _launch("jupyter-lab", command, port, token, env, log_dir, cwd=root_dir)
    _wait_until_ready(server, server.url("/api/status"))
    return server


def start_voila(notebook: Path, env: dict[str, str], log_dir: Path) -> LocalServer:
    """Start Voila rendering ``notebook`` and return it once its port accepts connections.

    Voila executes the notebook for every page load, so readiness is checked on the socket
    rather than by fetching the page.
    """
    port = free_port()
    command = [
        sys.executable, "-m", "voila", str(notebook),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        "--show_tracebacks=True",
        "--template=sahel-offline",
    ]
    server = _launch("voila", command, port, "", env, log_dir, cwd=notebook.parent)
    _wait_until_ready(server, None)
    return server


def _launch(
    name: str,
    command: list[str],
    port: int,
    token: str,
    env: dict[str, str],
    log_dir: Path,
    cwd: Path,
) -> LocalServer:
    """Start ``command`` with its output going to ``log_dir/<name>.log``."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}-{port}.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    return LocalServer(name, process, port, token, log_path)


def _wait_until_ready(server: LocalServer, probe_url: str | None) -> None:
    """Poll the process and the port until the server answers; fail fast if it died."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            raise ServerStartError(
                f"{server.name} exited with code {code} before it was ready. Log:\n{server.log()}"
            )
        if _answers(server.port, probe_url):
            return
        time.sleep(0.25)
    server.stop()
    raise ServerStartError(
        f"{server.name} did not answer on port {server.port} within {START_TIMEOUT_S:.0f} s. "
        f"Log:\n{server.log()}"
    )


def _answers(port: int, probe_url: str | None) -> bool:
    """Return True when the port accepts a connection and ``probe_url`` (if any) returns 200."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            pass
    except OSError:
        return False
    if probe_url is None:
        return True
    try:
        with urllib.request.urlopen(probe_url, timeout=2.0) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False
