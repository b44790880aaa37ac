"""Benchmark: every explorer of the book in Chromium, input → painted frame, and what the pages weigh.

Every explorer is a front end in the browser (:mod:`nnmath.views`). For each one
a chapter shows, this times in Debian's Chromium, side by side in one run:

- first input:  its first range input set to another value → the next painted
                frame (median and 95th percentile over random moments);
- drag:         a pointer drag on a descent explorer's map (its start point);
- work:         the front end's own compute and draw per frame (``data-draw-ms``,
                where the front end reports it);

all at normal speed and with the CPU throttled 4× (``Emulation.setCPUThrottlingRate``),
and each chapter page's weight: its own HTML (data included) and a first visit with
the shared assets, gzip.

``--profile`` shows where a frame's time goes instead: a Chromium trace of the timed
inputs on each explorer, as the renderer's main-thread milliseconds per input in
script (the page's handlers and the explorer's frame), style, layout, pre-paint, paint and
layerize + commit, with the objects each layout visits (dirty / in the page, and whether the
layout stopped at the explorer). ``--css`` adds a stylesheet to every page before
measuring (to try a page-level rule before it goes into the book's CSS).

The explorers are measured on the built book's pages (``--book``, e.g. ``_build/html``)
or, without a built book, on one static page per chapter holding the explorers its code
makes (the notebooks' code is run in-process; no weight column then).
It asserts nothing (it is not a test).
Usage: .venv/bin/python scripts/bench_explorer.py --browser [--book _build/html] [--repeat N] [--profile]
       [--css RULES] [notebooks ...]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import statistics
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from nnmath.views import _frontend

ROOT = Path(__file__).resolve().parent.parent

#: In the page: ``n`` inputs at random moments, each timed until the frame after it is painted
#: (a requestAnimationFrame callback queued after the explorer's, then a task after that frame).
#: "eta": the first range input set to another value; "drag": a pointer drag on the descent map.
TIMED_INPUTS = """async ([root, n, mode]) => {
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const painted = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const slider = root.querySelector("input[type=range]");
  const canvas = root.querySelector("canvas.nnx-map");
  const times = [], work = [];
  let box = null;
  const at = (i) => ({clientX: box.left + 50 + ((i * 0.37) % 1) * (box.width - 70),
                      clientY: box.top + 15 + ((i * 0.61) % 1) * (box.height - 60), pointerId: 1, bubbles: true});
  if (mode === "drag") {
    box = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new PointerEvent("pointerdown", at(0)));
    await painted();
  }
  const lo = Number(slider.min || 0), span = Number(slider.max || 100) - lo;
  for (let i = 1; i <= n; i++) {
    await sleep(Math.random() * 16);
    const t0 = performance.now();
    if (mode === "drag") canvas.dispatchEvent(new PointerEvent("pointermove", at(i)));
    else {
      // another value than the present one, spread over the range
      const now = Number(slider.value) - lo;
      slider.value = String(lo + ((now + 1 + Math.floor(((i * 0.37) % 1) * Math.max(span - 1, 0))) % (span + 1)));
      slider.dispatchEvent(new Event("input", {bubbles: true}));
    }
    await painted();
    times.push(performance.now() - t0);
    if (root.dataset.drawMs) work.push(Number(root.dataset.drawMs));
  }
  if (mode === "drag") canvas.dispatchEvent(new PointerEvent("pointerup", at(n)));
  return [times, work];
}"""


def explorers_of(notebook: Path) -> list[_frontend.FrontEnd]:
    """Run a notebook's code cells in-process and return the explorers (front ends) it creates."""
    made: list[_frontend.FrontEnd] = []
    original = _frontend.FrontEnd.__new__

    def recording_new(cls: type, *args: object, **kwargs: object) -> _frontend.FrontEnd:
        explorer = object.__new__(cls)
        made.append(explorer)
        return explorer

    _frontend.FrontEnd.__new__ = recording_new  # type: ignore[method-assign, assignment]
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        namespace: dict[str, object] = {"__name__": "__notebook__"}
        with contextlib.redirect_stdout(io.StringIO()):
            for cell in cells:
                if cell["cell_type"] == "code":
                    exec("".join(cell["source"]), namespace)
    finally:
        _frontend.FrontEnd.__new__ = original  # type: ignore[method-assign]
    return made


#: Main-thread trace events of the renderer, summed per input into the columns of ``--profile``.
PHASES = {
    "script": ("FunctionCall", "EventDispatch", "TimerFire"),
    "style": ("UpdateLayoutTree",),
    "layout": ("Layout",),
    "pre-paint": ("PrePaint",),
    "paint": ("Paint",),
    "commit": ("Layerize", "Commit"),
}
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "v8.execute", "cc"]


def phase_times(trace: bytes, inputs: int) -> tuple[dict[str, float], str]:
    """Milliseconds per input in each of :data:`PHASES` on the renderer's main thread, and the layouts' sizes."""
    parsed = json.loads(trace)
    events = parsed["traceEvents"] if isinstance(parsed, dict) else parsed
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("ph") == "M" and e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"
    }
    totals = dict.fromkeys(PHASES, 0.0)
    layouts = []
    for e in events:
        if e.get("ph") != "X" or (e.get("pid"), e.get("tid")) not in main:
            continue
        for phase, names in PHASES.items():
            if e["name"] in names:
                totals[phase] += e.get("dur", 0) / 1000 / inputs
        if e["name"] == "Layout":
            begin = e.get("args", {}).get("beginData", {})
            layouts.append((begin.get("dirtyObjects"), begin.get("totalObjects"), begin.get("partialLayout")))
    partial = sum(1 for layout in layouts if layout[2])
    sizes = f"{len(layouts)} layouts, {partial} within the explorer"
    if layouts:
        biggest = max(layouts, key=lambda layout: layout[1] or 0)
        sizes += f"; largest {biggest[0]} dirty of {biggest[1]} objects"
    return totals, sizes


def quantiles(times: list[float]) -> str:
    if not times:
        return f"{'–':>6} {'–':>6}"
    ordered = sorted(times)
    return f"{statistics.median(ordered):6.1f} {ordered[int(0.95 * (len(ordered) - 1))]:6.1f}"


def page_weights(book: Path, page: Path) -> tuple[float, float]:
    """(the page's own HTML, a first visit with every local asset it links), KB gzip."""
    import re

    html = page.read_text(encoding="utf-8")
    own = len(gzip.compress(html.encode())) / 1024
    total = own
    for ref in set(re.findall(r'(?:src|href)="([^"#?]+\.(?:js|css|woff2?|png|svg|jpe?g))', html)):
        path = (page.parent / ref).resolve()
        if path.is_file() and book.resolve() in path.parents:
            total += len(gzip.compress(path.read_bytes())) / 1024
    return own, total


def pages_to_measure(args: argparse.Namespace) -> tuple[Path, list[tuple[str, str]], dict[str, tuple[float, float]]]:
    """(folder served, [(label, page path)], weights by label) from the built book or generated pages."""
    if args.book is not None:
        book = Path(args.book)
        pages = sorted(book.glob("notebooks/*.html"))
        chosen = [p for p in pages if not args.notebooks or any(Path(n).stem in p.stem for n in args.notebooks)]
        return (
            book,
            [(p.stem, str(p.relative_to(book))) for p in chosen],
            {p.stem: page_weights(book, p) for p in chosen},
        )
    folder = Path(tempfile.mkdtemp(prefix="bench-explorer-"))
    notebooks = [Path(n) for n in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    listed = []
    for notebook in notebooks:
        made = explorers_of(notebook)
        if made:
            body = "\n".join(e.static_html() for e in made)
            page = f'<!doctype html><html lang="zh"><meta charset="utf-8"><body>{body}</body></html>'
            (folder / f"{notebook.stem}.html").write_text(page, encoding="utf-8")
            listed.append((notebook.stem, f"{notebook.stem}.html"))
    return folder, listed, {}


def browser_bench(args: argparse.Namespace) -> None:
    """Every explorer on every chapter page, at 1× and 4× CPU throttling (see the module docstring)."""
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from bookpages import launch_chromium, serve
    from playwright.sync_api import sync_playwright

    folder, pages, weights = pages_to_measure(args)
    repeat = max(args.repeat, 20)
    head = f"{'chapter':<26} {'#':>2} {'kind':<8}"
    if args.profile:
        print(f"{head} {'median':>6} " + " ".join(f"{p:>9}" for p in PHASES) + "  layouts")
    else:
        print(f"{head} {'cpu':>4} {'input: med  p95':>16} {'drag: med  p95':>15} {'work':>7}")
    with serve(folder) as url, sync_playwright() as p:
        browser = launch_chromium(p)
        for rate in (1,) if args.profile else (1, 4):
            for label, path in pages:
                page = browser.new_page(viewport={"width": 1366, "height": 900})
                cdp = page.context.new_cdp_session(page)
                page.goto(f"{url}/{path}", wait_until="load")
                if args.css:
                    page.add_style_tag(content=args.css)
                page.wait_for_timeout(500)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                explorers = page.locator("div.nnmath-explorer")
                for k in range(explorers.count()):
                    outer = explorers.nth(k)
                    kind = outer.get_attribute("data-kind") or "?"
                    root = outer.locator(".nnx").first.element_handle()
                    root.scroll_into_view_if_needed()
                    if args.profile:
                        page.evaluate(TIMED_INPUTS, [root, 5, "eta"])  # warm up
                        browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
                        times, _ = page.evaluate(TIMED_INPUTS, [root, repeat, "eta"])
                        totals, sizes = phase_times(browser.stop_tracing(), repeat)
                        phases = " ".join(f"{v:9.2f}" for v in totals.values())
                        print(f"{label[:26]:<26} {k:>2} {kind:<8} {statistics.median(times):6.1f} {phases}  {sizes}")
                        continue
                    times, work = page.evaluate(TIMED_INPUTS, [root, repeat, "eta"])
                    drag: list[float] = []
                    if outer.locator("canvas.nnx-map").count():
                        drag, more = page.evaluate(TIMED_INPUTS, [root, repeat, "drag"])
                        work += more
                    worked = f"{statistics.median(work):5.1f}ms" if work else f"{'–':>7}"
                    print(
                        f"{label[:26]:<26} {k:>2} {kind:<8} {rate:>3}x {quantiles(times):>16} {quantiles(drag):>15} "
                        f"{worked}"
                    )
                page.close()
        browser.close()
    if args.profile:
        print("(ms per input on the renderer's main thread, traced, so slower; median: input to painted frame)")
        return
    print("(ms from one input to the next painted frame; work = the front end's compute and draw per frame)")
    if weights:
        print(f"\n{'chapter page':<32} {'own HTML (KB gzip)':>19} {'first visit (KB gzip)':>22}")
        for label, (own, total) in weights.items():
            print(f"{label:<32} {own:>19.0f} {total:>22.0f}")


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--browser", action="store_true", help="measure in Chromium (the only mode)")
    parser.add_argument("--book", help="a built book's HTML folder (e.g. _build/html): measure its chapter pages")
    parser.add_argument("--profile", action="store_true", help="trace the η inputs: main-thread time per phase")
    parser.add_argument("--css", default="", help="CSS rules added to every page before measuring")
    args = parser.parse_args()
    if not args.browser:
        parser.error("the explorers are drawn in the browser: use --browser")
    browser_bench(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
