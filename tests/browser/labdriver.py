"""Drive a notebook in JupyterLab or Notebook 7 the way a student does, and read what it shows.

The page is opened with ``expose_app_in_browser`` so that the checks can pair each output in
the notebook model with its node in the page: an error output, a traceback printed to stderr,
and a widget that never rendered are all reported with the number of the cell they belong to.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page, Request, Route, WebSocket

OPEN_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 180_000
WIDGET_TIMEOUT_MS = 30_000
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
HARMLESS_SCHEMES = frozenset({"data", "blob", "about", "chrome", "chrome-extension", "devtools"})
SCREENSHOT_MAX_HEIGHT = 16_000

# The notebook model and its widgets, for both JupyterLab and Notebook 7.
_PANEL_JS = "window.jupyterapp && window.jupyterapp.shell.currentWidget"

_READY_JS = f"""() => {{
  const panel = {_PANEL_JS};
  if (!panel || !panel.content || !panel.sessionContext) return false;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return Boolean(kernel) && kernel.status === 'idle' && panel.content.widgets.length > 0;
}}"""

# True once the kernel is idle and every code cell has run, or a cell stopped the run.
_EXECUTED_JS = f"""() => {{
  const panel = {_PANEL_JS};
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  let pending = 0, failed = 0;
  for (const cell of panel.content.widgets) {{
    if (cell.model.type !== 'code') continue;
    const prompt = cell.node.querySelector('.jp-InputArea-prompt');
    if (prompt && prompt.textContent.includes('*')) return false;
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {{
      if (outputs.get(i).type === 'error') failed += 1;
    }}
    const source = cell.model.sharedModel.getSource().trim();
    if (source && cell.model.executionCount === null) pending += 1;
  }}
  return failed > 0 || pending === 0;
}}"""

# Kernel status and the prompt of every code cell, to say where a run got stuck.
_STATE_JS = f"""() => {{
  const panel = {_PANEL_JS};
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const prompts = panel.content.widgets
    .filter(cell => cell.model.type === 'code')
    .map(cell => (cell.node.querySelector('.jp-InputArea-prompt') || {{}}).textContent);
  return 'kernel ' + (kernel ? kernel.status : 'missing') + ', prompts ' + prompts.join(' ');
}}"""

_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# Widget outputs as {cell, text, height}: ``text`` is what the output node shows.
_WIDGET_OUTPUTS_JS = f"""() => {{
  const panel = {_PANEL_JS};
  const found = [];
  panel.content.widgets.forEach((cell, index) => {{
    if (cell.model.type !== 'code') return;
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {{
      if (!('{_WIDGET_MIME}' in outputs.get(i).data)) continue;
      const child = cell.outputArea.widgets[i];
      const node = child && child.node.querySelector('.jp-OutputArea-output');
      const view = node && node.firstElementChild;
      found.push({{
        cell: index + 1,
        text: node ? node.innerText.slice(0, 300) : '',
        rendered: Boolean(view) && view.getBoundingClientRect().height > 0,
      }});
    }}
  }});
  return found;
}}"""

# Problems in the executed notebook: error outputs, tracebacks on stderr, unexecuted cells.
_PROBLEMS_JS = f"""() => {{
  const panel = {_PANEL_JS};
  const problems = [];
  panel.content.widgets.forEach((cell, index) => {{
    if (cell.model.type !== 'code') return;
    const where = 'cell ' + (index + 1);
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {{
      const output = outputs.get(i).toJSON();
      if (output.output_type === 'error') {{
        problems.push(where + ' raised ' + output.ename + ': ' + output.evalue);
      }}
    }}
    cell.node.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
    ).forEach(node => {{
      if (node.innerText.includes('Traceback')) {{
        problems.push(where + ' printed a traceback: ' + node.innerText.slice(0, 400));
      }}
    }});
    if (cell.node.innerText.includes('Error displaying widget')) {{
      problems.push(where + ' shows "Error displaying widget"');
    }}
    const source = cell.model.sharedModel.getSource().trim();
    if (source && cell.model.executionCount === null) problems.push(where + ' did not run');
  }});
  return problems;
}}"""


@dataclass
class RequestLog:
    """Every URL the browser asked for while a test ran."""

    urls: list[str] = field(default_factory=list)

    def record(self, url: str) -> None:
        """Remember ``url``."""
        self.urls.append(url)

    def external(self) -> list[str]:
        """Return the URLs that would have left this machine, without repeats."""
        outside = [url for url in self.urls if not is_local(url)]
        return list(dict.fromkeys(outside))

    def route(self, route: Route) -> None:
        """Playwright route handler: record the request, let local ones through, abort others."""
        self.record(route.request.url)
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def watch(self, page: Page) -> None:
        """Also record the page's own request events and web sockets."""

        def on_request(request: Request) -> None:
            self.record(request.url)

        def on_websocket(socket: WebSocket) -> None:
            self.record(socket.url)

        page.on("request", on_request)
        page.on("websocket", on_websocket)


def assert_only_local(log: RequestLog) -> None:
    """Fail listing every URL outside 127.0.0.1/localhost that the page asked for."""
    external = log.external()
    assert not external, "the page contacted other hosts:\n" + "\n".join(external)


def is_local(url: str) -> bool:
    """Return True for URLs that stay on this machine (loopback hosts, data: and blob: URLs)."""
    parts = urlsplit(url)
    if parts.scheme in HARMLESS_SCHEMES:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


def open_notebook(page: Page, url: str) -> None:
    """Open ``url`` (a ``/lab/tree/...`` or ``/notebooks/...`` page) and wait for an idle kernel.

    A modal dialog at that point (a kernel chooser, an error) fails with the dialog's text.
    """
    page.goto(url, wait_until="domcontentloaded")
    page.locator(".jp-Notebook").first.wait_for(state="visible", timeout=OPEN_TIMEOUT_MS)
    page.wait_for_function(_READY_JS, timeout=OPEN_TIMEOUT_MS)
    dialogs = page.locator(".jp-Dialog")
    if dialogs.count():
        raise AssertionError(f"unexpected dialog after opening {url}: {dialogs.first.inner_text()}")


def click_menu(page: Page, menu: str, item: str) -> None:
    """Click the menu bar entry ``menu``, then the entry whose label is exactly ``item``."""
    page.get_by_role("menubar").get_by_role("menuitem", name=menu, exact=True).click()
    label = page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$"))
    entry = page.locator(".lm-Menu .lm-Menu-item").filter(has=label)
    entry.first.click()


def run_all_cells(page: Page) -> float:
    """Run every cell from the Run menu and wait until they ran; return the seconds taken."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    started = time.monotonic()
    click_menu(page, "Run", "Run All Cells")
    try:
        page.wait_for_function(_EXECUTED_JS, timeout=RUN_TIMEOUT_MS, polling=250)
    except PlaywrightTimeout:
        state = page.evaluate(_STATE_JS)
        raise AssertionError(
            f"cells still not run after {RUN_TIMEOUT_MS / 1000:.0f} s: {state}"
        ) from None
    return time.monotonic() - started


def notebook_problems(page: Page) -> list[str]:
    """Return every error output, stderr traceback, widget error and cell that did not run."""
    return list(page.evaluate(_PROBLEMS_JS))


def wait_for_widgets(page: Page) -> list[str]:
    """Wait for every widget output to render; return the ones that did not, with their text."""
    deadline = time.monotonic() + WIDGET_TIMEOUT_MS / 1000
    while True:
        widgets = page.evaluate(_WIDGET_OUTPUTS_JS)
        broken = [w for w in widgets if not w["rendered"] or _widget_failed(w["text"])]
        if not broken or time.monotonic() > deadline:
            return [f"cell {w['cell']}: widget not rendered ({w['text']!r})" for w in broken]
        page.wait_for_timeout(250)


def _widget_failed(text: str) -> bool:
    """Return True when a widget output shows a loading or error placeholder."""
    return "Loading widget" in text or "Error displaying widget" in text


def widget_output_count(page: Page) -> int:
    """Return how many widget outputs the open notebook has."""
    return len(page.evaluate(_WIDGET_OUTPUTS_JS))


def full_screenshot(page: Page, path: Path) -> None:
    """Save the whole notebook, not only the visible part, as a PNG at ``path``.

    JupyterLab scrolls inside the notebook panel, so the viewport is made as tall as the
    notebook for the shot and restored afterwards.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size or {"width": 1280, "height": 900}
    height = page.evaluate(
        """() => {
          const scroller = document.querySelector('.jp-WindowedPanel-outer')
            || document.querySelector('#rendered_cells')
            || document.querySelector('.jp-Notebook');
          return scroller ? scroller.scrollHeight : document.body.scrollHeight;
        }"""
    )
    tall = min(SCREENSHOT_MAX_HEIGHT, max(viewport["height"], int(height) + 300))
    page.set_viewport_size({"width": viewport["width"], "height": tall})
    try:
        page.wait_for_timeout(300)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(viewport)
