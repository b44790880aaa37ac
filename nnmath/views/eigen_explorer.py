r"""The eigen-direction explorer (特征方向探索器, 附录 A): a bowl's second derivative in every direction, live.

One call, :func:`eigen_explorer`, gives an :class:`EigenExplorer`: live in
Jupyter (an ``anywidget`` widget), the same front end (``js/eigen_explorer.js``)
inline in the static book, and a still picture (``image/png``) for print
(see :mod:`nnmath.views._frontend`).

The bowl is :math:`L(w) = \tfrac12 w^\top H w` with
:math:`H = \lambda_0 v_0 v_0^\top + \lambda_1 v_1 v_1^\top`
(:func:`nnmath.algebra.symmetric_from_eigen`), :math:`v_1` at the angle
:math:`\theta`. The reader turns a probe direction :math:`v` continuously and
sees the second derivative :math:`v^\top H v` (:func:`nnmath.algebra.second_derivative_along`)
move between :math:`\lambda_0` and :math:`\lambda_1`, reaching them exactly at
the eigen-directions, where the probe snaps.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure

from nnmath._checks import as_array, as_real
from nnmath.algebra import bowl_level_curve, second_derivative_along, symmetric_eigen, symmetric_from_eigen
from nnmath.views._frontend import FrontEnd
from nnmath.views.plotting import new_figure
from nnmath.writeout import fixed

#: The contour levels drawn (the level 1 in bold: every arrow ends on it).
LEVELS = (0.25, 0.5, 1.0, 2.0, 3.0)

#: The eigenvalues' slider range.
VALUE_RANGE = (0.1, 5.0)

#: The probe snaps to an eigen-direction within this many degrees.
SNAP_DEGREES = 2.0

#: A probe within this many degrees of an eigen-direction is on it (the same rule in the front end).
ON_AXIS = 1e-9

GENTLE, STEEP, PROBE = "#2ca02c", "#d62728", "#6a3d9a"


def _apart(a: float, b: float) -> float:
    """Degrees between two lines through the origin at angles ``a`` and ``b`` (in [0, 90])."""
    return abs((a - b + 90.0) % 180.0 - 90.0)


class EigenExplorer(FrontEnd):
    """The eigen-directions of a bowl, explored in the browser (特征方向探索器). Create with :func:`eigen_explorer`.

    Attributes
    ----------
    values : (float, float)
        λ₀ ≤ λ₁.
    angle : float
        Degrees: the direction θ of the steep eigenvector v₁.
    probe : float
        Degrees: the probe direction φ shown first.

    """

    kind: ClassVar[str] = "eigen"
    module: ClassVar[str] = "eigen_explorer.js"
    traits: ClassVar[dict[str, str]] = {"data": "dict", "values": "list", "angle": "float", "probe": "float"}

    def __init__(self, values: tuple[float, float], angle: float, probe: float) -> None:
        self.values = values
        self.angle = angle
        self.probe = probe
        self._widget = None

    @property
    def hessian(self) -> np.ndarray:
        """:math:`H` of the bowl shown first."""
        return symmetric_from_eigen(self.values, math.radians(self.angle))

    def state(self) -> dict[str, Any]:
        """The front end's model: ``data`` (levels, ranges, snapping) and ``values``, ``angle``, ``probe``."""
        data = {
            "title": "二次碗的特征方向与各方向的二阶导数",
            "reach": 3,
            "levels": list(LEVELS),
            "value_range": list(VALUE_RANGE),
            "snap": SNAP_DEGREES,
            "on_axis": ON_AXIS,
        }
        return {"data": data, "values": list(self.values), "angle": self.angle, "probe": self.probe}

    def describe(self) -> str:
        """The readout (Chinese) for the probe shown first, as the front end words it."""
        e = symmetric_eigen(self.hessian)
        q = second_derivative_along(self.hessian, math.radians(self.probe))
        head = f"方向 φ = {fixed(self.probe, 1)}°：vᵀHv = {fixed(q)}"
        low, high = (float(v) for v in e.values)
        if high - low <= 1e-12 * abs(high):
            return f"{head}。λ₀ = λ₁ = {fixed(high)}：碗是圆的，每个方向都是特征方向，二阶导数处处一样"
        steep = math.degrees(e.angle)
        if _apart(self.probe, steep) <= ON_AXIS:
            return f"{head} = λ₁：v 正是特征方向 v₁，Hv = λ₁v，这是最陡的方向"
        if _apart(self.probe, steep + 90.0) <= ON_AXIS:
            return f"{head} = λ₀：v 正是特征方向 v₀，Hv = λ₀v，这是最平缓的方向"
        return f"{head}，介于 λ₀ = {fixed(low)} 与 λ₁ = {fixed(high)} 之间；Hv 不再与 v 同向"

    def alt_text(self) -> str:
        """One sentence (Chinese) on the picture shown first."""
        low, high = self.values
        return (
            f"二次碗的椭圆等高线，特征值 λ₀ = {fixed(low)}、λ₁ = {fixed(high)}，陡峭方向 v₁ 与横轴成 "
            f"{fixed(self.angle, 1)}°；右图是各方向的二阶导数。{self.describe()}"
        )

    def still_figure(self) -> Figure:
        """The still picture: contours, eigen-directions and probe; the second derivative along every direction."""
        H = self.hessian
        e = symmetric_eigen(H)
        fig = new_figure(9.0, 4.2)
        ax, ax_wave = fig.subplots(1, 2, width_ratios=[1, 1.15])
        for level in LEVELS:
            curve = bowl_level_curve(H, level)
            ax.plot(curve[:, 0], curve[:, 1], color="0.45", lw=2 if level == 1 else 1)
        probe = math.radians(self.probe)
        arrows = [(e.vectors[:, k], float(e.values[k]), color, f"$v_{k}$") for k, color in enumerate((GENTLE, STEEP))]
        u = np.array([math.cos(probe), math.sin(probe)])
        arrows.append((u, second_derivative_along(H, probe), PROBE, "$v$"))
        for vec, lam, color, name in arrows:
            tip = math.sqrt(2.0 / lam) * vec
            if name != "$v$":
                ax.plot([-6 * vec[0], 6 * vec[0]], [-6 * vec[1], 6 * vec[1]], ":", color=color, lw=1.2)
            ax.annotate("", tuple(tip), (0, 0), arrowprops={"arrowstyle": "-|>", "color": color, "lw": 2.4})
            ax.text(*(tip * 1.12), name, color=color, fontsize=12)
        ax.set(xlim=(-3, 3), ylim=(-3, 3), aspect="equal", xlabel="$w_0$", ylabel="$w_1$")
        ax.set_title("等高线（粗线 L = 1）与特征方向", fontsize=11)
        ax.grid(alpha=0.3)
        degrees = np.linspace(0, 180, 181)
        ax_wave.plot(degrees, [second_derivative_along(H, math.radians(d)) for d in degrees], color=PROBE, lw=2)
        for k, color in enumerate((GENTLE, STEEP)):
            ax_wave.axhline(e.values[k], color=color, ls="--", lw=1.2, label=f"$\\lambda_{k} = {fixed(e.values[k])}$")
        ax_wave.plot([self.probe], [second_derivative_along(H, probe)], "o", color=PROBE, ms=8)
        ax_wave.set(xlim=(0, 180), xticks=[0, 45, 90, 135, 180], xlabel="方向 $\\varphi$（度）", ylabel="$v^\\top H v$")
        ax_wave.set_ylim(min(0.0, float(e.values[0])), float(e.values[1]) * 1.15)
        ax_wave.set_title("沿方向 $v$ 的二阶导数：介于 $\\lambda_0$ 与 $\\lambda_1$ 之间", fontsize=11)
        ax_wave.legend(loc="lower right", fontsize=9)
        ax_wave.grid(alpha=0.3)
        return fig

    def __repr__(self) -> str:
        return f"EigenExplorer(values={self.values}, angle={self.angle:g}, probe={self.probe:g})"


def eigen_explorer(values: Sequence[float] = (0.5, 3.0), angle: float = 30.0, probe: float = 0.0) -> EigenExplorer:
    r"""Explore the eigen-directions of a quadratic bowl (特征方向探索器): turn a direction, watch :math:`v^\top H v`.

    Parameters
    ----------
    values : (float, float)
        The eigenvalues :math:`\lambda_0 \le \lambda_1` (the second derivatives along them), in [0.1, 5].
    angle : float
        Degrees: the direction of the steep eigenvector :math:`v_1` (reduced to [0, 180)).
    probe : float
        Degrees: the probe direction shown first (reduced to [0, 180)).

    Returns
    -------
    EigenExplorer

    """
    lam = as_array("values", values, ndim=(1,))
    low, high = VALUE_RANGE
    if lam.shape != (2,) or not np.all((lam >= low) & (lam <= high)) or not lam[0] <= lam[1]:
        raise ValueError(f"values must be two eigenvalues λ0 ≤ λ1 in [{low:g}, {high:g}], got {values!r}")
    theta = as_real("angle", angle) % 180.0
    phi = as_real("probe", probe) % 180.0
    return EigenExplorer((float(lam[0]), float(lam[1])), theta, phi)
