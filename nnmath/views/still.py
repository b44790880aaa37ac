"""Still pictures of descent (梯度下降的静态图): the explorer's still and the chapters' descent figures.

:func:`still_figure` shows what the front end shows first (for print, the PDF
and readers without JavaScript); :func:`curve_descent_figure` draws one run on
a loss curve. Both draw the contour map (or the curve) with every run's path,
cut where it leaves the frame with an arrow and the step it left, the loss per
step (on a log scale when it spans decades) and the verdict sentence of
:func:`nnmath.views.describe`, the same words as the front end's readout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import matplotlib
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from nnmath._checks import as_count
from nnmath.descent import DescentError, Trajectory
from nnmath.landscapes import Curve, Landscape
from nnmath.views.plotting import COLORS, draw_curve, draw_surface, new_figure, tangent_segments

if TYPE_CHECKING:
    from nnmath.views.descent_explorer import DescentExplorer

#: Losses beyond this size are drawn in units of a power of ten (matplotlib's axis margins would overflow).
HUGE = 1e300

#: Path colours, one per start point (as the front end's).
PATH_COLORS = ("#d62728", "#ff7f0e", "#e377c2", "#17becf", "#bcbd22", "#8c564b")


def _inside(points: np.ndarray, window: tuple[float, ...]) -> int:
    """How many leading points lie in the window (all of them when none leaves)."""
    x = points[:, 0]
    ok = (x >= window[0]) & (x <= window[1])
    if points.shape[1] == 2:
        ok &= (points[:, 1] >= window[2]) & (points[:, 1] <= window[3])
    return len(points) if ok.all() else int(np.argmin(ok))


def _loss_unit(losses: Sequence[np.ndarray]) -> float:
    """1, or a power of ten to divide losses by when they come near the largest float (matplotlib's axes overflow)."""
    finite = np.concatenate([np.asarray(v)[np.isfinite(v)] for v in losses]) if losses else np.array([])
    top = float(np.max(np.abs(finite))) if finite.size else 0.0
    return 10.0 ** np.floor(np.log10(top)) if top > HUGE else 1.0


def _unit_note(unit: float) -> str:
    """The axis title's note for a loss unit other than 1."""
    return "" if unit == 1.0 else f"，单位 $10^{{{round(float(np.log10(unit)))}}}$"


def still_figure(explorer: DescentExplorer) -> Figure:
    """The explorer's first picture as a matplotlib figure (map or curve, loss per step, verdict)."""
    runs: list[Trajectory | None] = []
    for start in explorer.starts:
        try:
            runs.append(explorer.run(start=start))
        except DescentError:
            runs.append(None)  # a run that cannot start or go on is drawn as nothing, as the front end does
    tangents = int(explorer.data.get("tangents", 0))
    return descent_figure(
        explorer.landscape, runs, explorer.steps, f"η = {explorer.eta:.3g}：{explorer.describe()}", tangents
    )


def curve_descent_figure(curve: Curve, trajectory: Trajectory, tangents: int = 8) -> Figure:
    """A descent run on a loss curve (一元梯度下降): the path with tangents at its first iterates, the loss per step.

    Raises
    ------
    ValueError
        If ``curve`` is not a Curve, ``trajectory`` not a Trajectory with losses, or ``tangents`` not a count.
    """
    from nnmath.views.descent_explorer import describe

    if not isinstance(curve, Curve):
        raise ValueError(f"curve must be a Curve, got {type(curve).__name__}")
    if not isinstance(trajectory, Trajectory) or trajectory.losses is None:
        raise ValueError(f"trajectory must be a Trajectory with its losses recorded, got {trajectory!r}")
    tangents = as_count("tangents", tangents)
    title = f"η = {trajectory.lr:.3g}：{describe(trajectory)}"
    return descent_figure(curve, [trajectory], max(trajectory.steps, 1), title, tangents)


def descent_figure(
    landscape: Landscape | Curve, runs: Sequence[Trajectory | None], steps: int, title: str, tangents: int = 0
) -> Figure:
    """Runs on a loss surface or curve, beside the loss per step, under ``title`` (red when it says 发散/无法/停止)."""
    fig = new_figure(9.6, 4.2)
    ax_map, ax_loss = fig.subplots(1, 2, width_ratios=[1.15, 1])
    two = isinstance(landscape, Landscape)
    if two:
        draw_surface(ax_map, landscape)
    else:
        draw_curve(ax_map, landscape)
    drawn = [run for run in runs if run is not None]
    unit = _loss_unit([r.losses for r in drawn if r.losses is not None])
    for k, run in enumerate(runs):
        if run is None:
            continue
        color = PATH_COLORS[k % len(PATH_COLORS)]
        assert run.losses is not None
        pts = run.points.reshape(len(run.points), -1)
        xy = pts if two else np.column_stack([pts[:, 0], run.losses])
        window = landscape.window if two else (*landscape.window, *ax_map.get_ylim())
        shown = _inside(xy, window)
        if not two and tangents:
            segments = tangent_segments(ax_map, landscape, pts[: min(shown, tangents), 0])
            ax_map.add_collection(LineCollection(segments, colors="#ff7f0e", linewidths=1.6, alpha=0.9))
        ax_map.plot(xy[:shown, 0], xy[:shown, 1], "-o", color=color, markersize=3, linewidth=1.4)
        if shown:
            ax_map.plot(*xy[0], "o", color=COLORS["start"], markersize=9, markeredgecolor="black")
        if 0 < shown < len(xy):
            x0, y0 = xy[shown - 1]
            x1, y1 = xy[shown]
            lo_x, hi_x = window[0], window[1]
            lo_y, hi_y = window[2], window[3]
            with np.errstate(all="ignore"):
                t = min(
                    1.0,
                    *[(b - x0) / (x1 - x0) for b in (lo_x, hi_x) if (b - x0) * (x1 - x0) > 0],
                    *[(b - y0) / (y1 - y0) for b in (lo_y, hi_y) if (b - y0) * (y1 - y0) > 0],
                )
            ex, ey = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
            ax_map.annotate(
                f"第 {shown} 步冲出画面",
                xy=(ex, ey),
                xytext=(x0, y0),
                color="#b00000",
                fontsize=10,
                arrowprops={"arrowstyle": "->", "color": "#b00000", "lw": 2},
            )
        loss_color = color if len(runs) > 1 else COLORS["loss"]
        ax_loss.plot(np.arange(len(run.losses)), run.losses / unit, "-", color=loss_color)
    losses = np.concatenate([r.losses / unit for r in drawn if r.losses is not None]) if drawn else np.array([1.0])
    if losses.min() > 0 and losses.max() / losses.min() > 1e3:
        ax_loss.set_yscale("log")
        ax_loss.set_title("每一步的损失 L（对数刻度）" + _unit_note(unit))
    else:
        ax_loss.set_title("每一步的损失 L" + _unit_note(unit))
        low, top = float(losses.min()), max(float(r.losses[0]) for r in drawn if r.losses is not None) if drawn else 1.0
        if float(losses.max()) - low > 20 * (top - low) > 0:  # a blow-up: keep the starts' scale (as the front end)
            ax_loss.set_ylim(low - 0.05 * (top - low), top + 0.5 * (top - low))
    ax_loss.set(xlabel="步数 $t$", xlim=(0, max(steps, 1)))
    ax_loss.grid(alpha=0.3)
    bad = title.split("：", 1)[-1].startswith(("发散", "无法", "停止"))
    # the whole font list: the CJK font first, DejaVu Sans for the signs it lacks (the ⁻ of 10⁻⁵)
    fonts = list(matplotlib.rcParams["font.sans-serif"])
    fig.suptitle(title, fontsize=10, color="#b00000" if bad else "black", fontfamily=fonts)
    return fig
