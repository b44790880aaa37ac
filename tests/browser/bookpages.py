"""Browser plumbing shared by the browser tests and scripts/audit_pages.py.

The built book is served on 127.0.0.1; Debian's Chromium opens its pages with
every request to another host blocked and recorded.
"""

from __future__ import annotations

import functools
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
HTML = ROOT / "_build" / "html"
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


def open_page(browser: Any, base_url: str, page_path: str) -> OpenedPage:
    """Open ``page_path`` and wait until its formulas are typeset (if it has any)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
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
    page.wait_for_function(
        "() => !document.querySelector('.math') || document.querySelectorAll('mjx-container').length > 0",
        timeout=20000,
    )
    return opened


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless (never a browser that Playwright downloads)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
