"""Browser plumbing shared by the browser tests and scripts/audit_pages.py.

The built book is served on 127.0.0.1; Debian's Chromium opens its pages with
every request to another host blocked and recorded. The book is the one in
``_build/html``, or, when the environment variable ``NNMATH_BOOK_BUILD`` names
a folder, the one built there with ``jupyter-book build . --path-output FOLDER``
(the browser tests then use that build as it is, without building).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

ROOT = Path(__file__).resolve().parents[2]
#: A build folder given by the environment (``--path-output``), if any.
BUILD = Path(os.environ["NNMATH_BOOK_BUILD"]) if os.environ.get("NNMATH_BOOK_BUILD") else None
HTML = (BUILD or ROOT) / "_build" / "html"
#: The two screens every page is checked at: a phone (390×844 CSS px, 2× pixels) and a laptop.
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def toc_pages() -> list[str]:
    """Every page of the table of contents as a path in the built HTML, plus search and index."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    stack = list(toc.get("chapters", [])) + [c for part in toc.get("parts", []) for c in part.get("chapters", [])]
    while stack:
        entry = stack.pop(0)
        files.append(entry["file"])
        stack.extend(entry.get("sections", []))
    return [*(f"{f}.html" for f in files), "search.html", "genindex.html"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 (a free port); yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def serve_page(directory: Path, title: str, body: str) -> Iterator[str]:
    """Write ``body`` as the page ``index.html`` (Chinese, UTF-8) in ``directory`` and serve it; yield the base URL."""
    page = f'<!doctype html><html lang="zh"><meta charset="utf-8"><title>{title}</title>\n<body>{body}</body></html>'
    (directory / "index.html").write_text(page, encoding="utf-8")
    with serve(directory) as url:
        yield url


@dataclass
class OpenedPage:
    """A page opened with other hosts blocked: what it tried to fetch elsewhere, and its console errors."""

    page: Any
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def loaded_urls(self) -> list[str]:
        """Every URL the page loaded (itself first), from the browser's resource timing."""
        self.page.wait_for_load_state("networkidle")
        return list(
            self.page.evaluate(
                "() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]"
                ".map(e => e.name)"
            )
        )


def open_page(
    browser: Any,
    base_url: str,
    page_path: str,
    viewport: dict[str, int] | None = None,
    javascript: bool = True,
) -> OpenedPage:
    """Open ``page_path`` (on a laptop screen unless ``viewport`` says otherwise) and wait for its fonts.

    The formulas are typeset when the page arrives (KaTeX at build time); a
    phone-sized viewport gets 2× pixels, as phones have.
    """
    viewport = viewport or DESKTOP
    context = browser.new_context(
        viewport=viewport,
        device_scale_factor=2 if viewport["width"] < 600 else 1,
        java_script_enabled=javascript,
    )
    opened = OpenedPage(context.new_page())
    local = urlparse(base_url).netloc

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith("data:") or urlparse(url).netloc == local:
            r.continue_()
        else:
            opened.blocked.append(url)
            r.abort()

    page = opened.page
    page.route("**/*", route)
    page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    page.goto(f"{base_url}/{page_path}", wait_until="load")
    if javascript:
        page.evaluate("() => document.fonts.ready.then(() => true)")
    return opened


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless (never a browser that Playwright downloads)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
