"""Fixtures for the browser tests: a local JupyterLab, headless Chromium and a request log.

Chromium is Debian's ``/usr/bin/chromium`` (``python3 run.py test`` installs it when run as
root); Playwright only drives it. Without Chromium or Playwright the tests skip on a laptop
and fail under CI (``CI`` set), where they must really run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_servers import ARTIFACTS, REPO, LocalServer, isolated_env, start_jupyter_lab
from labdriver import RequestLog

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

CHROMIUM = Path(os.environ.get("SAHEL_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
]
VIEWPORT = {"width": 1280, "height": 900}
INSTALL_HINT = (
    "install it with `sudo apt-get install --no-install-recommends chromium` "
    "(Debian/Ubuntu) and `pip install -e '.[test]'`, or run `python3 run.py test` as root"
)


def _missing_requirements() -> list[str]:
    """Return what the browser tests need but cannot find."""
    missing = []
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium at {CHROMIUM}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package")
    return missing


@pytest.fixture(scope="session")
def browser_requirements() -> None:
    """Skip (or fail under CI) when Chromium or Playwright is missing."""
    missing = _missing_requirements()
    if not missing:
        return
    message = f"browser tests need {' and '.join(missing)}: {INSTALL_HINT}"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests, but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private directory for the servers' Jupyter settings, logs and progress file."""
    return tmp_path_factory.mktemp("browser-home")


@pytest.fixture(scope="session")
def progress_file(browser_home: Path) -> Path:
    """Where the course saves the student's quiz answers during the browser tests."""
    return browser_home / "progress" / "progress.json"


@pytest.fixture(scope="session")
def server_env(browser_home: Path, progress_file: Path) -> dict[str, str]:
    """The environment both servers run in: private Jupyter directories, private progress."""
    progress_file.parent.mkdir(parents=True, exist_ok=True)
    return isolated_env(browser_home / "jupyter", progress_file)


@pytest.fixture(scope="session")
def lab_server(
    browser_requirements: None, server_env: dict[str, str], browser_home: Path
) -> Iterator[LocalServer]:
    """A JupyterLab (and Notebook 7) server on 127.0.0.1 serving the repository."""
    server = start_jupyter_lab(REPO, server_env, browser_home / "logs")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def lab(lab_server: LocalServer) -> Iterator[LocalServer]:
    """The JupyterLab server, as on a student's first visit for every test.

    Afterwards the test's kernels are shut down and the saved layout is deleted: JupyterLab
    would otherwise reopen every earlier notebook (and start their kernels) in the next test,
    and Notebook 7 calls a JupyterLab-only command when it finds a layout saved by JupyterLab.
    """
    yield lab_server
    lab_server.shutdown_kernels()
    lab_server.forget_workspaces()


@pytest.fixture(scope="session")
def scratch_dir() -> Iterator[Path]:
    """A folder inside the served tree (and ignored by git) for notebooks the tests write."""
    folder = ARTIFACTS / "scratch-notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def browser_context(browser_requirements: None, browser_home: Path) -> Iterator[BrowserContext]:
    """Headless Chromium with a fresh profile; every request it makes goes through a route."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(browser_home / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport=VIEWPORT,
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def request_log(browser_context: BrowserContext) -> Iterator[RequestLog]:
    """Record (and abort, if not local) every request the browser makes during one test."""
    log = RequestLog()
    browser_context.route("**/*", log.route)
    yield log
    browser_context.unroute("**/*", log.route)


@pytest.fixture
def page_errors() -> list[str]:
    """Uncaught JavaScript errors of the test's tab, in order."""
    return []


@pytest.fixture
def page(
    browser_context: BrowserContext, request_log: RequestLog, page_errors: list[str]
) -> Iterator[Page]:
    """A new tab whose requests, web sockets and uncaught errors are recorded."""
    tab = browser_context.new_page()
    request_log.watch(tab)
    tab.on("pageerror", lambda error: page_errors.append(str(error)))
    yield tab
    tab.close()
