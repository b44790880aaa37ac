r"""The shape explorer of chapter 3 (形状探索器): pick layer sizes, see every shape and the product.

:func:`shape_explorer` gives a display object with two faces, like the η
explorer of :mod:`nnmath.explorer`:

* in a live kernel, sliders for :math:`n` (inputs per sample), :math:`m`
  (neurons), :math:`N` (batch size) and the number of columns the input
  really has; the picture redraws on every move (one figure, its artists
  updated in place);
* in the static HTML book, a kernel-free player over a few preset choices
  (:func:`nnmath.explorer.html_player`), one of them mismatched so the
  error that :func:`nnmath.linear` raises is on the page.

The picture shows :math:`Y = XW^\top + b` with small whole numbers in every
cell: :math:`X` of shape :math:`(N, n)`, :math:`W^\top` of shape
:math:`(n, m)` (column :math:`i` is neuron :math:`i`'s row of :math:`W`),
:math:`b` of shape :math:`(m,)` added to every row, and :math:`Y` of shape
:math:`(N, m)`. One entry of :math:`Y` is worked out below.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from nnmath._checks import as_count
from nnmath.explorer import Frame, TwoFaced, html_player, live_box
from nnmath.linear import linear
from nnmath.plotting import canvas_png, new_figure
from nnmath.shapes import check_shapes, layer_shapes

#: Largest size the picture shows along any axis.
MAX_SIZE = 6
_SLOT = MAX_SIZE + 0.0
_STARTS = (0.0, 7.8, 15.6, 23.4)  # X, W^T, b, Y
_OPS = ((6.9, r"$\times$"), (14.7, "+"), (22.5, "="))
_PLAIN, _ROW, _HIT, _BAD = "#f4f4f4", "#fff2b3", "#ffb870", "#f7c6c6"


@dataclass(frozen=True)
class Sizes:
    """One choice of sizes (一组尺寸): ``n`` inputs, ``m`` neurons, batch ``N``, ``given`` columns of x."""

    n: int
    m: int
    N: int
    given: int

    @property
    def label(self) -> str:
        """Slider readout, e.g. ``n = 2, m = 3, N = 4``."""
        base = f"n = {self.n}, m = {self.m}, N = {self.N}"
        return base if self.given == self.n else f"{base}，但 x 有 {self.given} 列（形状不匹配）"


def _values() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    X = rng.integers(-2, 3, size=(MAX_SIZE, MAX_SIZE)).astype(float)
    W = rng.integers(-2, 3, size=(MAX_SIZE, MAX_SIZE)).astype(float)
    b = rng.integers(-2, 3, size=MAX_SIZE).astype(float)
    return X, W, b


def _num(v: float) -> str:
    return f"{v:g}" if v >= 0 else f"({v:g})"


class _Block:
    """A matrix drawn as a grid of cells with numbers (a pool of artists, shown as needed)."""

    def __init__(self, ax: Any, start: float) -> None:
        self.start = start
        self.cells = [[Rectangle((0, 0), 1, 1, ec="0.35", lw=0.8) for _ in range(MAX_SIZE)] for _ in range(MAX_SIZE)]
        self.texts = [
            [Text(0, 0, "", ha="center", va="center", fontsize=11) for _ in range(MAX_SIZE)] for _ in range(MAX_SIZE)
        ]
        for row_cells, row_texts in zip(self.cells, self.texts, strict=True):
            for cell, text in zip(row_cells, row_texts, strict=True):
                ax.add_patch(cell)
                ax.add_artist(text)
        self.title = ax.text(start + _SLOT / 2, 0.3, "", ha="center", va="bottom", fontsize=12)

    def show(self, values: np.ndarray | None, rows: int, cols: int, colors: np.ndarray, title: str) -> None:
        x0 = self.start + (_SLOT - cols) / 2
        for r in range(MAX_SIZE):
            for c in range(MAX_SIZE):
                cell, text = self.cells[r][c], self.texts[r][c]
                visible = r < rows and c < cols
                cell.set_visible(visible)
                text.set_visible(visible)
                if visible:
                    cell.set_bounds(x0 + c, -1 - r, 1, 1)
                    cell.set_facecolor(colors[r, c])
                    text.set_position((x0 + c + 0.5, -0.5 - r))
                    text.set_text("?" if values is None else f"{values[r, c]:g}")
        self.title.set_text(title)


class ShapeView:
    r"""The picture of :math:`Y = XW^\top + b` for one choice of sizes (形状图), redrawn in place."""

    def __init__(self) -> None:
        self.fig = new_figure(9.6, 4.6)
        self.fig.set_layout_engine("none")  # one hand-placed axes: nothing to lay out
        self.canvas = FigureCanvasAgg(self.fig)
        ax = self.fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set(xlim=(-0.6, 30.0), ylim=(-11.6, 1.6))
        self.blocks = [_Block(ax, s) for s in _STARTS]
        for x, op in _OPS:
            ax.text(x, -1.0, op, ha="center", va="center", fontsize=16)
        self.lines = [ax.text(-0.4, -7.1 - 1.1 * k, "", ha="left", va="center", fontsize=13) for k in range(4)]
        self.values = _values()

    def draw(self, sizes: Sizes) -> None:
        """Set every artist for ``sizes`` (no rendering)."""
        n, m, N, given = sizes.n, sizes.m, sizes.N, sizes.given
        X_all, W_all, b_all = self.values
        X, W, b = X_all[:N, :given], W_all[:m, :n], b_all[:m]
        expected = layer_shapes(n, m, batch=N)
        check = check_shapes((N, given), expected.W, expected.b)
        ok = check.ok
        colors_x = np.full((N, given), _PLAIN, dtype=object)
        colors_w = np.full((n, m), _PLAIN, dtype=object)
        colors_b = np.full((1, m), _PLAIN, dtype=object)
        colors_y = np.full((N, m), _PLAIN if ok else _BAD, dtype=object)
        if ok:
            colors_x[0, :] = _ROW
            colors_w[:, 0] = _ROW
            colors_b[0, 0] = _ROW
            colors_y[0, 0] = _HIT
        else:
            colors_x[:, :] = _BAD
            colors_w[:, :] = _BAD
        Y = linear(X, W, b) if ok else None
        self.blocks[0].show(X, N, given, colors_x, f"$X$：({N}, {given})")
        self.blocks[1].show(W.T, n, m, colors_w, rf"$W^\top$：({n}, {m})，$W$：({m}, {n})")
        self.blocks[2].show(b[None, :], 1, m, colors_b, f"$b$：({m},)，加到每一行")
        self.blocks[3].show(Y, N, m, colors_y, f"$Y$：({N}, {m})" if ok else "$Y$：算不出来")
        shapes = f"形状：x 为 (N, n) = ({N}, {given})，W 为 (m, n) = ({m}, {n})，b 为 (m,) = ({m},)"
        if ok:
            assert Y is not None
            terms = " + ".join(f"{_num(X[0, j])}×{_num(W[0, j])}" for j in range(n))
            texts = [
                f"{shapes}，y 为 (N, m) = ({N}, {m})",
                f"第 0 个样本 · 第 0 个神经元的权重 + $b_0$：$Y_{{00}}$ = {terms} + {_num(b[0])} = {Y[0, 0]:g}",
                f"参数个数 mn + m = {expected.parameters}；乘法次数 Nmn = {expected.multiplications}",
                "",
            ]
        else:
            wrapped = textwrap.wrap(check.explanation, 46)
            texts = [shapes, f"nnmath.linear 报错 ValueError: {check.error}", *wrapped[:2]]
            texts += [""] * (4 - len(texts))
        for line, text in zip(self.lines, texts, strict=True):
            line.set_text(text)
            line.set_color("black" if ok or line is self.lines[0] else "#b00000")

    def render(self, sizes: Sizes) -> bytes:
        """PNG bytes of the picture for ``sizes`` (fast, for the live widget)."""
        self.draw(sizes)
        self.canvas.draw()
        return canvas_png(self.canvas)

    def frame(self, sizes: Sizes) -> bytes:
        """A small 256-colour PNG of the picture, for the static player."""
        self.draw(sizes)
        self.canvas.draw()
        return canvas_png(self.canvas, small=True)


def _alt(sizes: Sizes) -> str:
    if sizes.given != sizes.n:
        return (
            f"形状不匹配：X 有 {sizes.given} 列，而 W 的形状是 ({sizes.m}, {sizes.n})，"
            "nnmath.linear 报 ValueError，Y 算不出来"
        )
    return (
        f"矩阵乘法示意：X 的形状 ({sizes.N}, {sizes.n}) 乘 W 转置 ({sizes.n}, {sizes.m})，"
        f"加上 b ({sizes.m},)，得到 Y ({sizes.N}, {sizes.m})"
    )


class ShapeExplorer(TwoFaced):
    """Layer sizes in, shapes and the product out (形状探索器). Create with :func:`shape_explorer`."""

    def __init__(self, presets: Sequence[Sizes], initial: int) -> None:
        self.presets = list(presets)
        self.initial = initial
        self._box: Any = None

    def frames(self) -> list[Frame]:
        """The static player's pictures, one per preset."""
        view = ShapeView()
        return [Frame(view.frame(s), s.label, _alt(s)) for s in self.presets]

    def static_html(self) -> str:
        """The kernel-free player over the presets (for the HTML book)."""
        return html_player(self.frames(), "层的尺寸", initial=self.initial)

    def widget(self) -> Any:
        """The live control: four sliders and the picture (built on first use)."""
        if self._box is None:
            self._box = _build_widget(self.presets[self.initial])
        return self._box

    def __repr__(self) -> str:
        return f"ShapeExplorer({len(self.presets)} presets, first: {self.presets[self.initial].label})"


def _build_widget(first: Sizes) -> Any:
    import ipywidgets as widgets

    style = {"description_width": "9em"}
    layout = widgets.Layout(width="22em")

    def slider(value: int, description: str) -> Any:
        return widgets.IntSlider(value=value, min=1, max=MAX_SIZE, description=description, style=style, layout=layout)

    n = slider(first.n, "输入个数 n")
    m = slider(first.m, "神经元个数 m")
    N = slider(first.N, "批大小 N")
    given = slider(first.given, "x 实际的列数")
    picture = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="768px"))
    view = ShapeView()

    def update(_change: object = None) -> None:
        picture.value = view.render(Sizes(n.value, m.value, N.value, given.value))

    def follow(change: dict[str, Any]) -> None:
        # x's columns follow n, so the shapes fit until the reader breaks them on purpose.
        given.value = change["new"]
        update()

    n.observe(follow, names="value")
    for control in (m, N, given):
        control.observe(update, names="value")
    update()
    return live_box(widgets.HBox([n, m]), widgets.HBox([N, given]), picture)


#: The presets of the static player: the source's 3×2 layer, batches, and two mismatches.
PRESETS = (
    Sizes(2, 3, 1, 2),
    Sizes(2, 3, 4, 2),
    Sizes(1, 1, 5, 1),
    Sizes(3, 2, 3, 3),
    Sizes(4, 4, 2, 4),
    Sizes(6, 2, 4, 6),
    Sizes(2, 3, 4, 3),
    Sizes(3, 2, 2, 2),
)


def shape_explorer(presets: Sequence[Sizes] = PRESETS, initial: int = 0) -> ShapeExplorer:
    """Explore the shapes of one layer (形状探索器): live sliders in Jupyter, a player in the HTML book.

    Parameters
    ----------
    presets : sequence of Sizes
        The choices of the static player (at most 10, each size in 1..6).
    initial : int
        Index of the preset shown first (and the live sliders' start).

    Returns
    -------
    ShapeExplorer

    """
    presets = list(presets)
    if not 1 <= len(presets) <= 10:
        raise ValueError(f"need between 1 and 10 presets, got {len(presets)}")
    for s in presets:
        if not isinstance(s, Sizes):
            raise ValueError(f"every preset must be a Sizes(n, m, N, given), got {s!r}")
        for name in ("n", "m", "N", "given"):
            value = as_count(name, getattr(s, name), minimum=1)
            if value > MAX_SIZE:
                raise ValueError(f"{name} must be at most {MAX_SIZE} to be drawn, got {value}")
    initial = as_count("initial", initial)
    if not initial < len(presets):
        raise ValueError(f"initial must be in [0, {len(presets)}), got {initial}")
    return ShapeExplorer(presets, initial)
