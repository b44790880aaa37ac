r"""The shape explorer of chapter 3 (形状探索器): one front end in the browser, live and static.

The picture shows :math:`Y = XW^\top + b` with small whole numbers in every
cell, each block drawn to one scale: :math:`X` of shape :math:`(N, n)`,
:math:`W^\top` of shape :math:`(n, m)` (column :math:`i` is neuron
:math:`i`'s row of :math:`W`), :math:`b` of shape :math:`(m,)` added to every
row, and :math:`Y` of shape :math:`(N, m)`; one entry of :math:`Y` is worked
out below it, with the layer's parameter and multiplication counts. Four
sliders choose :math:`n` (inputs per sample), :math:`m` (neurons),
:math:`N` (batch size) and the number of columns the input really has; a
mismatch shows the ValueError that :func:`nnmath.linear` raises, word for word.

:func:`shape_explorer` gives a :class:`ShapeExplorer`, whose output carries
the three faces of :class:`nnmath.views._frontend.FrontEnd`. The numbers come
from nnmath (:func:`nnmath.linear` for every :math:`n`,
:func:`nnmath.shapes.layer_shapes` for the counts, :func:`mismatch_templates` for
the words of a mismatch, which the front end fills in; checked against
:func:`nnmath.shapes.check_shapes` for every size offered by
``tests/browser/test_views_shapes_page.py``).
"""

from __future__ import annotations

import itertools
import re
import textwrap
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from nnmath._checks import Array, as_count
from nnmath.linear import linear
from nnmath.shapes import check_shapes, layer_shapes
from nnmath.views import _frontend
from nnmath.views.plotting import new_figure

#: Largest size offered along any axis (the picture holds 6 × 6 blocks).
MAX_SIZE = 6
_PLAIN, _ROW, _HIT, _BAD = "#f4f4f4", "#fff2b3", "#ffb870", "#f7c6c6"


@dataclass(frozen=True)
class Sizes:
    """One choice of sizes (一组尺寸): ``n`` inputs, ``m`` neurons, batch ``N``, ``given`` columns of x."""

    n: int
    m: int
    N: int
    given: int

    @property
    def ok(self) -> bool:
        """Whether x's columns match the layer's inputs."""
        return self.given == self.n


def values() -> tuple[Array, Array, Array]:
    """The whole numbers in the cells: X (6, 6), W (6, 6) and b (6,), each in {-2, …, 2}, fixed once."""
    rng = np.random.default_rng(3)
    X = rng.integers(-2, 3, size=(MAX_SIZE, MAX_SIZE)).astype(float)
    W = rng.integers(-2, 3, size=(MAX_SIZE, MAX_SIZE)).astype(float)
    b = rng.integers(-2, 3, size=MAX_SIZE).astype(float)
    return X, W, b


#: Sizes that stand for N, the columns given, m and n while nnmath's message is turned into a template.
_STAND_INS = {"N": 11, "given": 12, "m": 13, "n": 14}


def fill(template: str, **sizes: int) -> str:
    """A template of :func:`mismatch_templates` with the sizes in place (as the front end's ``fill``)."""
    return re.sub(r"\{(N|given|m|n)\}", lambda match: str(sizes[match.group(1)]), template)


@cache
def mismatch_templates() -> dict[str, str]:
    """Nnmath's words for a mismatch as templates (形状不匹配的报错模板), with ``{N}``, ``{given}``, ``{m}``, ``{n}``.

    ``"error"`` is the message of the ValueError :func:`nnmath.linear` raises for x of shape
    ``(N, given)`` and W of shape ``(m, n)``, ``"explanation"`` the Chinese explanation of
    :func:`nnmath.shapes.check_shapes`. They are read off one call with stand-in sizes and checked
    to give nnmath's words exactly for every mismatch the explorer offers, so the front end shows
    nnmath's words even when they change.

    Raises
    ------
    RuntimeError
        If nnmath's words cannot be written as such templates.
    """
    v = _STAND_INS
    check = check_shapes((v["N"], v["given"]), (v["m"], v["n"]), (v["m"],))
    templates = {"error": check.error, "explanation": check.explanation}
    for key, text in templates.items():
        for name, value in v.items():
            text = re.sub(rf"(?<!\d){value}(?!\d)", "{" + name + "}", text)
        templates[key] = text
    sizes = range(1, MAX_SIZE + 1)
    for N, given, m, n in itertools.product(sizes, sizes, sizes, sizes):
        if given != n:
            want = check_shapes((N, given), (m, n), (m,))
            got = {key: fill(text, N=N, given=given, m=m, n=n) for key, text in templates.items()}
            if got != {"error": want.error, "explanation": want.explanation}:
                raise RuntimeError(f"nnmath's mismatch message is no template of the four sizes: {want.error!r}")
    return templates


def _ints(a: Array) -> Any:
    return np.asarray(a).astype(int).tolist()


class ShapeExplorer(_frontend.FrontEnd):
    """Layer sizes in, shapes and the product out (形状探索器). Create it with :func:`shape_explorer`.

    Attributes
    ----------
    first : Sizes
        The sizes shown first.

    """

    kind: ClassVar[str] = "shapes"
    module: ClassVar[str] = "shape_explorer.js"
    traits: ClassVar[dict[str, str]] = {"data": "dict", "n": "int", "m": "int", "N": "int", "given": "int"}

    def __init__(self, first: Sizes) -> None:
        self.first = first
        self._widget = None

    def state(self) -> dict[str, Any]:
        """The front end's model: ``data`` (the cells, Y for every n, the counts) and the four sizes."""
        X, W, b = values()
        # Y = X[:, :n] W[:, :n]ᵀ + b for every n, by nnmath.linear; the front end shows its top-left (N, m) corner
        Y = [_ints(linear(X[:, :n], W[:, :n], b)) for n in range(1, MAX_SIZE + 1)]
        sizes = range(1, MAX_SIZE + 1)
        counts = [
            [[[layer_shapes(n, m, N).parameters, layer_shapes(n, m, N).multiplications] for N in sizes] for m in sizes]
            for n in sizes
        ]
        data = {
            "title": "一层的形状：Y = X Wᵀ + b",
            "max_size": MAX_SIZE,
            "X": _ints(X),
            "W": _ints(W),
            "b": _ints(b),
            "Y": Y,
            "counts": counts,
            "mismatch": mismatch_templates(),
        }
        s = self.first
        return {"data": data, "n": s.n, "m": s.m, "N": s.N, "given": s.given}

    def alt_text(self) -> str:
        """One sentence (Chinese) on the picture shown first."""
        s = self.first
        if not s.ok:
            return (
                f"形状不匹配：X 有 {s.given} 列，而 W 的形状是 ({s.m}, {s.n})，nnmath.linear 报 ValueError，Y 算不出来"
            )
        return f"矩阵乘法示意：X 的形状 ({s.N}, {s.n}) 乘 W 转置 ({s.n}, {s.m})，加上 b ({s.m},)，得到 Y ({s.N}, {s.m})"

    def lines(self) -> list[str]:
        """The readout under the picture shown first (the front end writes the same lines)."""
        s = self.first
        X, W, b = values()
        shapes = f"形状：x 为 (N, n) = ({s.N}, {s.given})，W 为 (m, n) = ({s.m}, {s.n})，b 为 (m,) = ({s.m},)"
        if not s.ok:
            check = check_shapes((s.N, s.given), (s.m, s.n), (s.m,))
            return [shapes, f"nnmath.linear 报错 ValueError: {check.error}", check.explanation]
        counts = layer_shapes(s.n, s.m, s.N)
        y00 = linear(X[:1, : s.n], W[:1, : s.n], b[:1])[0, 0]
        terms = " + ".join(f"{_num(X[0, j])}×{_num(W[0, j])}" for j in range(s.n))
        return [
            f"{shapes}，y 为 (N, m) = ({s.N}, {s.m})",
            f"第 0 个样本 · 第 0 个神经元的权重 + b₀：Y₀₀ = {terms} + {_num(b[0])} = {y00:g}",
            f"参数个数 mn + m = {counts.parameters}；乘法次数 Nmn = {counts.multiplications}",
        ]

    def still_figure(self) -> Figure:
        """The blocks for the sizes shown first, to one scale, and the readout's lines under them."""
        s = self.first
        X, W, b = values()
        ok = s.ok
        Y = linear(X[: s.N, : s.n], W[: s.m, : s.n], b[: s.m]) if ok else None
        fig = new_figure(9.6, 4.4)
        fig.set_layout_engine("none")
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set(xlim=(-0.6, 30.0), ylim=(-12.2, 1.4))
        x = 0.0
        bad = not ok
        blocks = [
            (X[: s.N, : s.given], f"$X$ ({s.N}, {s.given})", lambda r, c: _BAD if bad else _ROW if r == 0 else _PLAIN),
            (W[: s.m, : s.n].T, rf"$W^\top$ ({s.n}, {s.m})", lambda r, c: _BAD if bad else _ROW if c == 0 else _PLAIN),
            (b[None, : s.m], f"$b$ ({s.m},)", lambda r, c: _ROW if ok and c == 0 else _PLAIN),
            (
                Y if Y is not None else np.full((s.N, s.m), np.nan),
                f"$Y$ ({s.N}, {s.m})" if ok else "$Y$ 算不出来",
                lambda r, c: _BAD if not ok else _HIT if r == c == 0 else _PLAIN,
            ),
        ]
        for k, (block, title, color) in enumerate(blocks):
            rows, cols = block.shape
            for r in range(rows):
                for c in range(cols):
                    ax.add_patch(Rectangle((x + c, -1 - r), 1, 1, facecolor=color(r, c), edgecolor="0.35", lw=0.8))
                    text = "?" if np.isnan(block[r, c]) else f"{block[r, c]:g}"
                    ax.text(x + c + 0.5, -0.5 - r, text, ha="center", va="center", fontsize=11)
            ax.text(x + cols / 2, 0.3, title, ha="center", va="bottom", fontsize=12)
            x += cols
            if k < 3:
                ax.text(x + 0.8, -1.0, ("×", "+", "=")[k], ha="center", va="center", fontsize=16)
                x += 1.6
        wrapped = [part for line in self.lines() for part in textwrap.wrap(line, 60)]
        for k, line in enumerate(wrapped[:5]):
            line = line.replace("b₀", "$b_0$").replace("Y₀₀", "$Y_{00}$")  # the font has no subscript digits
            y = -2.6 - max(s.N, s.n) - 1.0 * k
            ax.text(-0.4, y, line, ha="left", va="center", fontsize=11, color="black" if ok else "#b00000")
        return fig

    def __repr__(self) -> str:
        s = self.first
        return f"ShapeExplorer(n = {s.n}, m = {s.m}, N = {s.N}, x has {s.given} columns)"


def _num(v: float) -> str:
    return f"{v:g}" if v >= 0 else f"({v:g})"


def shape_explorer(
    n: int = 2, m: int = 3, N: int = 1, given: int | None = None, *, initial: Sizes | None = None
) -> ShapeExplorer:
    """Explore the shapes of one layer (形状探索器): sizes chosen by sliders, live and static.

    Parameters
    ----------
    n, m, N : int
        Inputs per sample, neurons and batch size shown first (each 1 to :data:`MAX_SIZE`);
        by default the source's layer of 3 neurons on 2 inputs, one sample.
    given : int, optional
        The columns x really has (default ``n``: the shapes fit).
    initial : Sizes, optional
        The four sizes at once (instead of ``n``, ``m``, ``N``, ``given``).

    Returns
    -------
    ShapeExplorer

    Raises
    ------
    ValueError
        If a size is not a whole number from 1 to :data:`MAX_SIZE`.

    """
    if initial is not None:
        if not isinstance(initial, Sizes):
            raise ValueError(f"initial must be a Sizes(n, m, N, given), got {initial!r}")
        n, m, N, given = initial.n, initial.m, initial.N, initial.given
    sizes = {"n": n, "m": m, "N": N, "given": n if given is None else given}
    checked = {}
    for name, value in sizes.items():
        checked[name] = as_count(name, value, minimum=1)
        if checked[name] > MAX_SIZE:
            raise ValueError(f"{name} must be at most {MAX_SIZE} to be drawn, got {checked[name]}")
    return ShapeExplorer(Sizes(**checked))
