r"""Figures of chapter 0 (第 0 章的图): fitted curves, loss floors, separating lines and planes.

Every function returns a :class:`matplotlib.figure.Figure` built with
:func:`nnmath.views.plotting.new_figure`; the maths comes from
:mod:`nnmath.fitting` and :mod:`nnmath.separability`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnmath._checks import as_array
from nnmath.descent import Trajectory
from nnmath.fitting import fit_loss, polynomial
from nnmath.separability import PerceptronResult
from nnmath.views.plotting import figure_text, new_figure
from nnmath.writeout import number

#: Colours of the two classes (类别 0, 类别 1) and of fitted curves.
CLASS_COLORS = ("#1f77b4", "#ff7f0e")
CURVE_COLORS = ("#d62728", "#2ca02c", "#9467bd")


@dataclass(frozen=True)
class FittedCurve:
    """A fitted polynomial to draw (要画的拟合曲线): its coefficients (highest power first) and legend label."""

    coeffs: ArrayLike
    label: str
    residuals: bool = False


def draw_fit(ax: Axes, x: ArrayLike, y: ArrayLike, curves: Sequence[FittedCurve], title: str = "") -> None:
    """Data points and fitted curves on ``ax`` (数据点与拟合曲线); each legend entry gives the curve's loss.

    A curve with ``residuals=True`` also gets a thin vertical segment from
    each point to it: the errors that its loss squares and averages.
    """
    x_arr = as_array("x", x, ndim=(1,))
    y_arr = as_array("y", y, ndim=(1,))
    pad = 0.05 * (x_arr.max() - x_arr.min())
    grid = np.linspace(x_arr.min() - pad, x_arr.max() + pad, 200)
    scale = float(np.mean(y_arr**2))  # the loss of predicting 0: a loss this much smaller is rounding
    for k, curve in enumerate(curves):
        color = CURVE_COLORS[k % len(CURVE_COLORS)]
        loss = fit_loss(x_arr, y_arr, curve.coeffs)
        ax.plot(
            grid,
            polynomial(grid, curve.coeffs),
            color=color,
            lw=2,
            label=f"{curve.label}（$L$ = {number(loss, 3, scale=scale)}）",
        )
        if curve.residuals:
            fitted = polynomial(x_arr, curve.coeffs)
            ax.vlines(x_arr, np.minimum(y_arr, fitted), np.maximum(y_arr, fitted), color=color, lw=0.8, alpha=0.7)
    ax.plot(x_arr, y_arr, "o", color="black", markersize=4, label="数据点", zorder=3)
    ax.set(xlabel="$x$", ylabel="$y$", title=title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9, loc="best")


def fit_figure(panels: Sequence[tuple[str, ArrayLike, ArrayLike, Sequence[FittedCurve]]]) -> Figure:
    """Side-by-side panels of data and fitted curves (拟合对比图): ``(title, x, y, curves)`` each."""
    fig = new_figure(4.8 * len(panels), 3.8)
    axes = np.atleast_1d(fig.subplots(1, len(panels)))
    for ax, (title, x, y, curves) in zip(axes, panels, strict=True):
        draw_fit(ax, x, y, curves, title)
    return fig


def loss_floor_figure(runs: Sequence[tuple[str, Trajectory, float]]) -> Figure:
    """Loss per step of several descent runs with their floors (损失曲线与损失下限), log scale.

    Each run is ``(label, trajectory, floor)``: the dashed line at ``floor``
    is the lowest loss that model can reach, computed in closed form.
    """
    fig = new_figure(7.5, 3.8)
    ax = fig.add_subplot()
    for k, (label, run, floor) in enumerate(runs):
        if run.losses is None:
            raise ValueError("every trajectory needs its losses: pass loss= to gradient_descent")
        color = CURVE_COLORS[k % len(CURVE_COLORS)]
        ax.semilogy(np.arange(len(run.losses)), run.losses, color=color, lw=2, label=label)
        if floor > 1e-12:
            ax.axhline(floor, color=color, ls="--", lw=1, label=figure_text(f"下限 {number(floor, 3)}"))
    ax.set(xlabel="步数 $t$", ylabel="损失 $L$（对数刻度）", title="同一组抛物线数据：直线 vs 二次函数")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=9)
    return fig


def _draw_classes(ax: Axes, X: np.ndarray, t: np.ndarray) -> None:
    for cls, marker in ((0, "o"), (1, "s")):
        pts = X[t == cls]
        ax.plot(
            pts[:, 0],
            pts[:, 1],
            marker,
            color=CLASS_COLORS[cls],
            markeredgecolor="black",
            markersize=8,
            label=f"类别 {cls}",
            zorder=3,
        )


def draw_separation(ax: Axes, X: ArrayLike, labels: ArrayLike, result: PerceptronResult | None, title: str) -> None:
    r"""Two classes in the plane and a line :math:`w_0 x_0 + w_1 x_1 + b = 0` (分类直线), half-planes shaded.

    Only drawn when ``result`` separates the classes; otherwise the points
    stand alone and the title says no line was found.
    """
    X_arr = as_array("X", X, ndim=(2,))
    t = as_array("labels", labels, ndim=(1,))
    lo, hi = X_arr.min(axis=0), X_arr.max(axis=0)
    pad = 0.25 * (hi - lo).max() + 0.2
    x0_lim, x1_lim = (lo[0] - pad, hi[0] + pad), (lo[1] - pad, hi[1] + pad)
    if result is not None and result.separated:
        g0, g1 = np.meshgrid(np.linspace(*x0_lim, 200), np.linspace(*x1_lim, 200))
        f = result.w[0] * g0 + result.w[1] * g1 + result.b
        ax.contourf(g0, g1, f, levels=[-np.inf, 0, np.inf], colors=[CLASS_COLORS[0], CLASS_COLORS[1]], alpha=0.15)
        ax.contour(g0, g1, f, levels=[0], colors="black", linewidths=2)
        ax.plot([], [], color="black", lw=2, label="找到的分界线")
    _draw_classes(ax, X_arr, t)
    ax.set(xlim=x0_lim, ylim=x1_lim, xlabel="$x_0$", ylabel="$x_1$", title=title, aspect="equal")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", framealpha=0.9)


def separation_figure(panels: Sequence[tuple[str, ArrayLike, ArrayLike, PerceptronResult | None]]) -> Figure:
    """Panels of two-class data with the separating line found, if any (线性可分性): ``(title, X, labels, result)``."""
    fig = new_figure(3.6 * len(panels), 3.9)
    axes = np.atleast_1d(fig.subplots(1, len(panels)))
    for ax, (title, X, labels, result) in zip(axes, panels, strict=True):
        draw_separation(ax, X, labels, result, title)
    return fig


def xor_figure(X: ArrayLike, labels: ArrayLike, lines: Sequence[tuple[float, float, float]]) -> Figure:
    r"""XOR's four points, the two classes' common average, and a few tried lines (异或：没有分界线).

    Each line ``(w0, w1, b)`` is drawn with the number of points it puts on
    the wrong side (class 1 should have :math:`w \cdot x + b > 0`).
    """
    X_arr = as_array("X", X, ndim=(2,))
    t = as_array("labels", labels, ndim=(1,))
    fig = new_figure(4.6, 4.2)
    ax = fig.add_subplot()
    grid = np.linspace(-0.5, 1.5, 50)
    for k, (w0, w1, b) in enumerate(lines):
        s = X_arr @ np.array([w0, w1]) + b
        wrong = int(np.sum(np.where(t == 1, s <= 0, s >= 0)))
        color = CURVE_COLORS[k % len(CURVE_COLORS)]
        if abs(w1) > 1e-12:
            ax.plot(grid, -(w0 * grid + b) / w1, "--", color=color, lw=1.5, label=f"试一条直线：错 {wrong} 个")
        else:
            ax.axvline(-b / w0, ls="--", color=color, lw=1.5, label=f"试一条直线：错 {wrong} 个")
    _draw_classes(ax, X_arr, t)
    centre = X_arr[t == 0].mean(axis=0)
    ax.plot(*centre, "*", color="black", markersize=14, label="两类的平均点（重合）", zorder=4)
    ax.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), xlabel="$x_0$", ylabel="$x_1$", aspect="equal")
    ax.set_title("异或：怎么画都分不开")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=2)
    return fig


def mistakes_figure(runs: Sequence[tuple[str, PerceptronResult]], show: int | None = None) -> Figure:
    """Mistakes per pass of the perceptron on several data sets (感知机每一轮的错误数), the first ``show`` passes."""
    fig = new_figure(7.0, 3.4)
    ax = fig.add_subplot()
    for k, (label, result) in enumerate(runs):
        color = CURVE_COLORS[k % len(CURVE_COLORS)]
        mistakes = result.mistakes[:show]
        ax.plot(np.arange(1, len(mistakes) + 1), mistakes, "-o", color=color, markersize=3, label=label)
    ax.set(xlabel="第几轮（把所有点看一遍）", ylabel="这一轮犯的错误数", title="感知机：可分的数据很快不再犯错")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9)
    return fig


def plane_figure(X: ArrayLike, labels: ArrayLike, result: PerceptronResult, axis_labels: Sequence[str]) -> Figure:
    r"""Two classes in 3-D and the separating plane :math:`w \cdot x + b = 0` found (三维中的分类平面)."""
    X_arr = as_array("X", X, ndim=(2,))
    t = as_array("labels", labels, ndim=(1,))
    if X_arr.shape[1] != 3:
        raise ValueError(f"a 3-D picture needs X of shape (N, 3), got {X_arr.shape}")
    if not result.separated or abs(result.w[2]) < 1e-12:
        raise ValueError("need a separating plane that is not vertical (w[2] != 0) to draw it")
    fig = new_figure(5.2, 4.6)
    ax = fig.add_subplot(projection="3d")
    g0, g1 = np.meshgrid(np.linspace(-0.2, 1.2, 12), np.linspace(-0.2, 1.2, 12))
    plane = -(result.w[0] * g0 + result.w[1] * g1 + result.b) / result.w[2]
    ax.plot_surface(g0, g1, plane, color="0.5", alpha=0.35, linewidth=0)
    for cls, marker in ((0, "o"), (1, "s")):
        pts = X_arr[t == cls]
        ax.scatter(pts[:, 0], pts[:, 1], pts[:, 2], marker=marker, s=70, color=CLASS_COLORS[cls], edgecolor="black")
        ax.scatter([], [], [], marker=marker, color=CLASS_COLORS[cls], label=f"类别 {cls}")
    ax.set(xlabel=axis_labels[0], ylabel=axis_labels[1], zlabel=axis_labels[2])
    ax.view_init(elev=18, azim=-60)
    ax.legend(fontsize=9, loc="upper left")
    ax.set_title("加一个特征后，一个平面就能分开")
    return fig


__all__ = [
    "CLASS_COLORS",
    "FittedCurve",
    "draw_fit",
    "draw_separation",
    "fit_figure",
    "loss_floor_figure",
    "mistakes_figure",
    "plane_figure",
    "separation_figure",
    "xor_figure",
]
