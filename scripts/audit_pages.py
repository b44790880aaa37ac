"""Report each page of the built book: its weight and its accessibility (axe-core) violations.

Serves _build/html on 127.0.0.1, opens every page of the table of contents in
Debian's Chromium with every request to another host blocked, and prints, per
page: the bytes of everything it loaded (HTML, scripts, styles, fonts, images)
as files and as a web server sends them gzip-compressed; the bytes of the page
itself (the HTML with its inline figures, which is all a reader downloads once
the shared theme and MathJax files are cached); the requests it tried to make
to other hosts; and axe-core's violations by impact. It reports; it asserts
nothing (the browser tests do). Build the book first (scripts/build-book.sh).
Usage: .venv/bin/python scripts/audit_pages.py
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))

from axe_playwright_python.sync_playwright import Axe
from bookpages import HTML, launch_chromium, open_page, serve, toc_pages
from playwright.sync_api import sync_playwright


def weights(urls: list[str]) -> tuple[int, int, int]:
    """(all bytes, all bytes gzip-compressed, the page's own bytes) of the loaded URLs."""
    files = [HTML / unquote(urlparse(url).path).lstrip("/") for url in urls]
    sizes = [(len(data), len(gzip.compress(data, 6))) for data in (f.read_bytes() for f in files if f.is_file())]
    return sum(s for s, _ in sizes), sum(g for _, g in sizes), sizes[0][0] if sizes else 0


def main() -> int:
    """Print the table."""
    if not HTML.exists():
        sys.exit("no _build/html: build the book first (bash scripts/build-book.sh)")
    axe = Axe()
    print(
        f"{'page':<38} {'KB files':>9} {'KB gzip':>8} {'KB page':>8} {'other hosts':>12}"
        "  axe violations (critical/serious/moderate/minor)"
    )
    with serve(HTML) as url, sync_playwright() as p:
        browser = launch_chromium(p)
        for page_path in toc_pages():
            opened = open_page(browser, url, page_path)
            impacts = Counter(v["impact"] for v in axe.run(opened.page).response["violations"])
            counts = "/".join(str(impacts[k]) for k in ("critical", "serious", "moderate", "minor"))
            raw, zipped, own = weights(opened.loaded_urls())
            print(
                f"{page_path:<38} {raw / 1024:>9.0f} {zipped / 1024:>8.0f} {own / 1024:>8.0f} "
                f"{len(opened.blocked):>12}  {counts}"
            )
            opened.page.context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
