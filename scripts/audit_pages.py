"""Report each page of the built book: its weight, its first paint and when its formulas are readable.

Serves the built book on 127.0.0.1 and opens every page of the table of
contents in Debian's Chromium, twice: at full speed, and throttled through the
DevTools protocol to a slow phone connection (1.6 Mbps down, 750 kbps up,
150 ms round trip, CPU 4× slower), each time with an empty cache. Per page:

- the bytes of everything it loaded (HTML, scripts, styles, fonts, images), as
  files and as a web server sends them gzip-compressed, and the page's own HTML;
- first contentful paint (FCP);
- "formulas": when the page's formulas are laid out by KaTeX's stylesheet (the
  formulas arrive typeset in the HTML, so they are readable as soon as the
  render-blocking stylesheet is in, which is at or before FCP), and "fonts":
  when the last KaTeX font file has arrived (until then the browser draws the
  formulas' letters in a fallback font);
- requests to other hosts (there must be none), and with ``--axe``
  axe-core's violations by impact.

It reports; it asserts nothing (the browser tests do). Build the book first
(scripts/build-book.sh, or set NNMATH_BOOK_BUILD to a ``--path-output`` folder).
Usage: .venv/bin/python scripts/audit_pages.py [--axe] [PAGE ...]
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "browser"))

from bookpages import DESKTOP, HTML, PHONE, launch_chromium, serve, toc_pages
from playwright.sync_api import sync_playwright

#: A slow phone connection, as DevTools' network conditions (bytes per second, ms).
SLOW_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
#: The CPU slow-down factor of the throttled run.
SLOW_CPU = 4

#: Timings from the page itself (ms since navigation start): FCP, the KaTeX stylesheet, the KaTeX fonts.
TIMINGS = """() => {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const res = performance.getEntriesByType('resource');
  const css = res.filter(r => r.name.includes('katex.min.css')).map(r => r.responseEnd);
  const fonts = res.filter(r => /KaTeX_[^/]*\\.woff2/.test(r.name)).map(r => r.responseEnd);
  return {
    fcp: fcp ? fcp.startTime : null,
    formulas: document.querySelector('.math .katex') && css.length ? Math.max(...css) : null,
    fonts: fonts.length ? Math.max(...fonts) : null,
    urls: [...performance.getEntriesByType('navigation'), ...res].map(e => e.name),
  };
}"""


def weights(urls: list[str]) -> tuple[int, int, int]:
    """(all bytes, all bytes gzip-compressed, the page's own bytes) of the loaded URLs."""
    files = [HTML / unquote(urlparse(url).path).lstrip("/") for url in urls]
    sizes = [(len(data), len(gzip.compress(data, 6))) for data in (f.read_bytes() for f in files if f.is_file())]
    return sum(s for s, _ in sizes), sum(g for _, g in sizes), sizes[0][0] if sizes else 0


def measure(browser: Any, url: str, page_path: str, throttled: bool, axe: Any = None) -> dict[str, Any]:
    """Open one page with an empty cache (throttled or not); return its weights, timings and problems."""
    context = browser.new_context(viewport=PHONE if throttled else DESKTOP)
    page = context.new_page()
    if throttled:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOW_CPU})
    page.goto(f"{url}/{page_path}", wait_until="load", timeout=120000)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle", timeout=120000)
    timings = page.evaluate(TIMINGS)
    local = urlparse(url).netloc
    others = [u for u in timings["urls"] if not u.startswith("data:") and urlparse(u).netloc != local]
    raw, zipped, own = weights([u for u in timings["urls"] if u not in others])
    result = {**timings, "raw": raw, "gzip": zipped, "own": own, "others": len(others)}
    if axe is not None:
        impacts = Counter(v["impact"] for v in axe.run(page).response["violations"])
        result["axe"] = "/".join(str(impacts[k]) for k in ("critical", "serious", "moderate", "minor"))
    context.close()
    return result


def ms(value: float | None) -> str:
    """A time in ms, or a dash when the page has no such event."""
    return "—" if value is None else f"{value:.0f}"


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages to audit (default: every page of the table of contents)")
    parser.add_argument("--axe", action="store_true", help="also run axe-core's accessibility audit")
    args = parser.parse_args()
    if not HTML.exists():
        sys.exit(f"no {HTML}: build the book first (bash scripts/build-book.sh)")
    axe = None
    if args.axe:
        from axe_playwright_python.sync_playwright import Axe

        axe = Axe()
    print(
        f"{'page':<36} {'KB files':>8} {'KB gzip':>7} {'KB page':>7} {'other':>5} |"
        f" {'fast: FCP':>9} {'formulas':>8} {'fonts':>6} | {'slow: FCP':>9} {'formulas':>8} {'fonts':>6}"
        + ("  axe c/s/m/m" if axe else "")
    )
    with serve(HTML) as url, sync_playwright() as p:
        browser = launch_chromium(p)
        for page_path in args.pages or toc_pages():
            fast = measure(browser, url, page_path, throttled=False, axe=axe)
            slow = measure(browser, url, page_path, throttled=True)
            print(
                f"{page_path:<36} {fast['raw'] / 1024:>8.0f} {fast['gzip'] / 1024:>7.0f} {fast['own'] / 1024:>7.0f}"
                f" {fast['others'] + slow['others']:>5} |"
                f" {ms(fast['fcp']):>9} {ms(fast['formulas']):>8} {ms(fast['fonts']):>6} |"
                f" {ms(slow['fcp']):>9} {ms(slow['formulas']):>8} {ms(slow['fonts']):>6}"
                + (f"  {fast['axe']}" if axe else "")
            )
        browser.close()
    print("times in ms from navigation start; slow = 1.6 Mbps, 150 ms round trip, CPU 4× slower, phone screen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
