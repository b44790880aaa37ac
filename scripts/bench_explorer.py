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
Usage: .venv/bin/python scripts/bench_explorer.py [notebooks/01_*.ipynb ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from nnmath import explorer as ex

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


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
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
