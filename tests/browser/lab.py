"""JupyterLab driven by Playwright: shared by the end-to-end test and scripts/bench_lab.py.

A JupyterLab server runs on 127.0.0.1 over a scratch copy of the notebooks
(so that autosave never touches the committed ones); Chromium opens a
chapter, waits for the kernel, runs all cells and can move a widget slider.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bookpages import ROOT

KERNEL_IDLE = "#jp-main-statusbar >> text=Idle"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def jupyterlab(workdir: Path, source: Path | None = None, windowing: str = "contentVisibility") -> Iterator[str]:
    """Serve JupyterLab on loopback over a copy of ``source`` (default ``notebooks/``); yield its base URL.

    ``windowing`` is the notebook's windowing mode: by default JupyterLab's own, ``"contentVisibility"``
    (the browser skips the cells out of view; a widget's view is made when its cell comes into view, see
    :func:`reveal_outputs`); ``"none"`` renders every cell all the time.
    """
    shutil.copytree(
        source or ROOT / "notebooks", workdir, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    settings = Path(f"{workdir}-settings")
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    tracker.write_text(f'{{"windowingMode": "{windowing}"}}', encoding="utf-8")
    port = _free_port()
    command = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--allow-root",
        f"--ServerApp.root_dir={workdir}",
        f"--LabApp.user_settings_dir={settings}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("JupyterLab did not start") from None
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def _jupyterlab_s_own(stack: str) -> bool:
    """Whether an error's stack has frames and all of them are in JupyterLab's own bundles (``/static/lab/``)."""
    frames = [line for line in stack.splitlines() if line.strip().startswith("at ")]
    return bool(frames) and all("/static/lab/" in line for line in frames)


def open_notebook(browser: Any, url: str, name: str) -> Any:
    """Open ``name`` in JupyterLab and wait until its kernel is idle; return the page.

    The page's uncaught errors are collected in ``page.nnx_errors`` (but those raised in JupyterLab's own
    code, such as its cell toolbar's ``_markdownOverlapsToolbar`` in 4.x) and its requests to any other
    host than the server (blocked) in ``page.nnx_blocked``.
    """
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.nnx_errors, page.nnx_blocked = [], []
    local = urllib.parse.urlparse(url).netloc

    def route(r: Any) -> None:
        if r.request.url.startswith(("data:", "blob:")) or urllib.parse.urlparse(r.request.url).netloc == local:
            r.continue_()
        else:
            page.nnx_blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: None if _jupyterlab_s_own(exc.stack or "") else page.nnx_errors.append(str(exc)))
    # ?reset: a fresh workspace, so notebooks opened before are not restored beside this one
    page.goto(f"{url}/lab/tree/{name}?reset", wait_until="load")
    page.wait_for_selector(".jp-NotebookPanel .jp-MarkdownCell h1", timeout=60000)
    page.wait_for_selector(KERNEL_IDLE, timeout=60000)
    return page


def run_all(page: Any, timeout_ms: int = 120000) -> None:
    """Run → Run All Cells, then wait until every code cell has run and the kernel is idle."""
    page.click(".lm-MenuBar-item:has-text('Run')")
    page.click(".lm-Menu-item:has-text('Run All Cells')")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]"
        ".every(p => /\\[\\d+\\]/.test(p.textContent))",
        timeout=timeout_ms,
    )
    page.wait_for_selector(KERNEL_IDLE, timeout=timeout_ms)


def reveal_outputs(page: Any) -> None:
    """Scroll every cell into view in turn: under JupyterLab's default windowing a widget's view is made only
    when its cell comes into view, so this puts every explorer (``.nnx``) of the notebook in the page."""
    cells, seen = page.locator(".jp-Notebook .jp-Cell"), -1
    for _ in range(3):  # again while a pass made new views
        for k in range(cells.count()):
            cells.nth(k).scroll_into_view_if_needed()
            page.wait_for_timeout(50)
        page.wait_for_timeout(500)
        if page.locator(".nnx").count() == seen:
            break
        seen = page.locator(".nnx").count()


def run_cell(page: Any, code: str, marker: str, timeout_ms: int = 60000) -> str:
    """Add a cell below the last one, run ``code`` in it; return the text of the last output holding ``marker``."""
    page.locator(".jp-CodeCell .jp-InputArea-editor").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.type(code)
    page.keyboard.press("Shift+Enter")
    page.wait_for_selector(f"text={marker}", timeout=timeout_ms)
    page.wait_for_selector(KERNEL_IDLE, timeout=timeout_ms)
    return page.locator(f".jp-OutputArea-output:has-text('{marker}')").last.text_content()


def bad_outputs(page: Any) -> list[str]:
    """Texts of error and stderr outputs in the open notebook."""
    return list(
        page.eval_on_selector_all(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
            " .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']",
            "outputs => outputs.map(o => o.textContent.slice(0, 300))",
        )
    )


#: What a v2 explorer shows: its canvases' pixels and its SVG, as one string (JavaScript).
PICTURE = (
    "(root) => [...root.querySelectorAll('canvas')].map(c => c.toDataURL()).join('|')"
    " + [...root.querySelectorAll('svg')].map(s => s.outerHTML).join('|')"
)


def step_slider(page: Any, widget: Any, key: str = "ArrowRight", timeout_ms: int = 10000) -> float:
    """Move the first slider of ``widget`` one step (``key``); return the ms until its picture changed on screen.

    A v2 explorer (``.nnx``) redraws its canvas in the browser and counts its frames in ``data-frame``
    (without that count, its pixels are compared); an ipywidgets explorer gets a new PNG from the kernel.
    """
    if "nnx" in (widget.get_attribute("class") or "").split():
        counted = widget.get_attribute("data-frame") is not None
        before = widget.get_attribute("data-frame") if counted else widget.evaluate(PICTURE)
        changed = "root.dataset.frame !== old" if counted else f"({PICTURE})(root) !== old"
        slider = widget.locator("input[type=range]").first
        slider.focus()
        if key == "ArrowRight" and slider.evaluate("s => Number(s.value) >= Number(s.max)"):
            key = "ArrowLeft"
        elif key == "ArrowLeft" and slider.evaluate("s => Number(s.value) <= Number(s.min)"):
            key = "ArrowRight"
        start = time.perf_counter()
        page.keyboard.press(key)
        page.wait_for_function(
            f"([root, old]) => {changed}",
            arg=[widget.element_handle(), before],
            timeout=timeout_ms,
            polling="raf",
        )
        return (time.perf_counter() - start) * 1000
    before = widget.locator("img").first.get_attribute("src")
    widget.locator(".widget-slider .noUi-handle").first.focus()
    start = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(
        "([box, old]) => { const img = box.querySelector('img'); return img && img.getAttribute('src') !== old; }",
        arg=[widget.element_handle(), before],
        timeout=timeout_ms,
        polling=5,
    )
    return (time.perf_counter() - start) * 1000
