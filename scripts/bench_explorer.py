"""Benchmark: the in-process cost of one η-explorer update, against redrawing the figure.

For every η explorer that the chapters create (found by running each
notebook's code and recording the explorers it makes: :class:`EtaExplorer`
and its subclasses such as the 1-D :class:`CurveExplorer`), and for each of
the views it offers (contour map, 3-D surface), this times, side by side in
one run:

- update:    one slider move of the live explorer (re-run the descent, update
             the artists, blit them onto the cached background, encode PNG);
- redraw:    the same figure fully redrawn (``canvas.draw()``) and encoded;
- re-create: a new figure built from scratch and drawn, as a naive
             ``interactive_output`` callback does.

It reports medians in milliseconds; it asserts nothing (it is not a test).

With ``--browser`` it compares instead, in Debian's Chromium on one static page
per chapter (no kernel), the old kernel-free PNG player of each explorer with
its v2 twin from :mod:`nnmath.views` (same arguments): η slider input → new
picture painted (median and 95th percentile over random η; the old player
can only swap its few frames), a drag of the start point (v2 only), the v2
front end's own work per frame, and each page's weight (gzip), all at normal
speed and with the CPU throttled 4× (``Emulation.setCPUThrottlingRate``).
Usage: .venv/bin/python scripts/bench_explorer.py [notebooks/01_*.ipynb ...] [--repeat N] [--browser]
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
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from nnmath import explorer as ex
from nnmath import views

ROOT = Path(__file__).resolve().parent.parent


def explorers_of(notebook: Path) -> list[ex.EtaExplorer]:
    """Run a notebook's code cells in-process and return the explorers it creates."""
    made: list[ex.EtaExplorer] = []
    original = ex.EtaExplorer.__init__

    def recording_init(self: ex.EtaExplorer, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        made.append(self)

    ex.EtaExplorer.__init__ = recording_init  # type: ignore[method-assign]
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        namespace: dict[str, object] = {"__name__": "__notebook__"}
        with contextlib.redirect_stdout(io.StringIO()):
            for cell in cells:
                if cell["cell_type"] == "code":
                    exec("".join(cell["source"]), namespace)
    finally:
        ex.EtaExplorer.__init__ = original  # type: ignore[method-assign]
    return made


def median_ms(action: object, repeat: int) -> float:
    """Median wall time of ``action()`` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench(explorer: ex.EtaExplorer, repeat: int, kind: str | None = None) -> tuple[float, float, float]:
    """(update, redraw, re-create) medians in ms for one explorer (and one of its views, if it has several)."""
    live = explorer.live()
    if kind is not None and live.view_choice is not None:
        live.view_choice.value = kind  # the toggle builds and shows that view
    etas = explorer.etas
    state = {"k": 0}

    def update() -> None:
        state["k"] += 1
        live.eta.value = etas[state["k"] % len(etas)]  # the observer redraws, as a slider move does

    trajectory = explorer.run(etas[explorer.initial])

    def redraw() -> None:
        live.view.render(trajectory, full=True)

    def recreate() -> None:
        explorer.new_view(kind).render(trajectory, full=True)

    return median_ms(update, repeat), median_ms(redraw, repeat), median_ms(recreate, max(3, repeat // 4))


def twin(explorer: ex.EtaExplorer) -> views.DescentExplorer:
    """The v2 explorer made with the same arguments as ``explorer``."""
    if isinstance(explorer, ex.CurveExplorer):
        return views.curve_explorer(
            explorer.landscape, explorer.etas, float(explorer.start), explorer.steps, explorer.initial, explorer.notes
        )
    return views.eta_explorer(
        explorer.landscape,
        explorer.etas,
        explorer.start,
        explorer.steps,
        explorer.initial,
        explorer.views,
        explorer.starts,
        explorer.notes,
    )


#: In the page: ``n`` inputs at random moments, each timed until the frame after it is painted
#: (a requestAnimationFrame callback queued after the explorer's, then a task after that frame).
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
  for (let i = 1; i <= n; i++) {
    await sleep(Math.random() * 16);
    const t0 = performance.now();
    if (mode === "drag") canvas.dispatchEvent(new PointerEvent("pointermove", at(i)));
    else {
      slider.value = String(Math.round(Number(slider.max) * ((i * 0.37) % 1)));
      slider.dispatchEvent(new Event("input", {bubbles: true}));
    }
    await painted();
    times.push(performance.now() - t0);
    if (root.dataset.drawMs) work.push(Number(root.dataset.drawMs));
  }
  if (mode === "drag") canvas.dispatchEvent(new PointerEvent("pointerup", at(n)));
  return [times, work];
}"""


def quantiles(times: list[float]) -> str:
    ordered = sorted(times)
    return f"{statistics.median(ordered):6.1f} {ordered[int(0.95 * (len(ordered) - 1))]:6.1f}"


def browser_bench(notebooks: list[Path], repeat: int) -> None:
    """The old PNG players against the v2 explorers, on static pages in Chromium (see the module docstring)."""
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from bookpages import launch_chromium, serve
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-explorer-"))
    rows = []
    for notebook in notebooks:
        made = explorers_of(notebook)
        if not made:
            continue
        old = "\n".join(e.static_html() for e in made)
        new = "\n".join(twin(e).static_html() for e in made)
        for name, body in (("old", old), ("v2", new)):
            page = f'<!doctype html><html lang="zh"><meta charset="utf-8"><body>{body}</body></html>'
            (folder / f"{notebook.stem}-{name}.html").write_text(page, encoding="utf-8")
        names = [e.landscape.name for e in made]
        weights = {k: len(gzip.compress(v.encode())) / 1024 for k, v in (("old", old), ("v2", new))}
        rows.append((notebook.stem, names, weights))
    print(
        f"{'chapter':<26} {'explorer':<18} {'cpu':>4} {'old η: med  p95':>16} {'v2 η: med  p95':>15} "
        f"{'v2 drag: med  p95':>18} {'v2 work':>8}"
    )
    with serve(folder) as url, sync_playwright() as p:
        browser = launch_chromium(p)
        for rate in (1, 4):
            for stem, names, _ in rows:
                results = {}
                for name in ("old", "v2"):
                    page = browser.new_page(viewport={"width": 1366, "height": 900})
                    cdp = page.context.new_cdp_session(page)
                    page.goto(f"{url}/{stem}-{name}.html", wait_until="load")
                    page.wait_for_timeout(300)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                    roots = page.locator(".nnx" if name == "v2" else ".nnmath-player")
                    for k in range(roots.count()):
                        root = roots.nth(k).element_handle()
                        root.scroll_into_view_if_needed()
                        results[name, k, "eta"] = page.evaluate(TIMED_INPUTS, [root, repeat, "eta"])
                        if name == "v2":
                            results[name, k, "drag"] = page.evaluate(TIMED_INPUTS, [root, repeat, "drag"])
                    page.close()
                for k, explorer in enumerate(names):
                    old_eta = results["old", k, "eta"][0]
                    new_eta, work = results["v2", k, "eta"]
                    drag = results["v2", k, "drag"][0]
                    print(
                        f"{stem:<26} {explorer[:16]:<18} {rate:>3}x {quantiles(old_eta):>16} {quantiles(new_eta):>15} "
                        f"{quantiles(drag):>18} {statistics.median(work):>6.1f}ms"
                    )
        browser.close()
    print("(ms from one input to the next painted frame; work = the v2 front end's compute and draw per frame)")
    print(f"\n{'chapter':<26} {'old players (KB gzip)':>22} {'v2 explorers (KB gzip)':>23}")
    for stem, _, weights in rows:
        print(f"{stem:<26} {weights['old']:>22.0f} {weights['v2']:>23.0f}")


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--browser", action="store_true", help="old players against v2 explorers in Chromium")
    args = parser.parse_args()
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if args.browser:
        browser_bench(notebooks, max(args.repeat, 40))
        return 0
    print(f"{'chapter':<28} {'explorer':<22} {'update':>9} {'redraw':>9} {'re-create':>10} {'update/redraw':>14}")
    for notebook in notebooks:
        for explorer in explorers_of(notebook):
            # every view an explorer offers (contour map, 3-D surface); a curve explorer has one
            for kind in getattr(explorer, "views", (None,)):
                update, redraw, recreate = bench(explorer, args.repeat, kind)
                name = explorer.landscape.name + ("" if kind in (None, "contour", "curve") else f" ({kind})")
                print(
                    f"{notebook.stem:<28} {name:<22} {update:>7.1f}ms {redraw:>7.1f}ms "
                    f"{recreate:>8.1f}ms {update / redraw:>13.2f}x"
                )
    print("(median milliseconds per call; update = one slider move of the live explorer)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
