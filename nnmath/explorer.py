r"""The learning-rate explorer (学习率探索器): watch gradient descent as :math:`\eta` changes.

One call, :func:`eta_explorer`, gives a display object with two faces:

* in a live kernel (JupyterLab, Binder, Colab) it is an ipywidgets control:
  sliders for :math:`\eta`, the number of steps and the start point, and a
  picture that redraws on every move. The figure is built once; a move only
  re-runs the descent, updates the path and loss-curve artists and blits
  them onto a cached background (:class:`DescentView`);
* in the static HTML book, where there is no kernel, the same cell shows a
  kernel-free player: pictures for a range of :math:`\eta` precomputed,
  and a slider that swaps them (:func:`html_player`).

Both are in the cell's output (the widget view and a ``text/html``
fallback), so the book's HTML builder picks the player and Jupyter the widget.

Variants: ``views=("contour", "surface")`` adds a live toggle to the 3-D
surface; ``starts=[...]`` makes the static player a grid over start points
(radio buttons) and learning rates (slider), :func:`html_grid_player`;
:func:`curve_explorer` is the 1-D twin on a loss curve, with tangent lines.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_count, as_index, as_learning_rates, as_real
from nnmath.descent import DescentError, Trajectory
from nnmath.landscapes import Curve, Landscape
from nnmath.plotting import (
    COLORS,
    FLOAT_MAX,
    blit,
    canvas_png,
    draw_curve,
    draw_surface,
    draw_surface_3d,
    figure_text,
    new_figure,
    tangent_segments,
)
from nnmath.writeout import number

#: Largest figure side, in inches, of a view (80 dpi: 4000 pixels).
MAX_INCHES = 50.0


def _check_size(width: object, height: object) -> tuple[float, float]:
    sizes = as_real("width", width, positive=True), as_real("height", height, positive=True)
    if max(sizes) > MAX_INCHES or min(sizes) < 1.0:
        raise ValueError(f"width and height must be between 1 and {MAX_INCHES:g} inches, got {width} and {height}")
    return sizes


def describe(trajectory: Trajectory) -> str:
    """One sentence (Chinese) on how a descent run ended: converged, diverged, or still going."""
    losses = trajectory.losses
    last = f"L = {number(losses[-1], 4, scale=losses[0])}" if losses is not None else ""
    match trajectory.verdict:
        case "converged":
            return f"收敛：第 {trajectory.converged_at} 步梯度几乎为 0，{last}"
        case "diverged":
            return f"发散：第 {trajectory.diverged_at} 步数值爆炸，停止"
        case "growing":
            return f"发散：损失越走越大，{trajectory.steps} 步后 {last}"
        case _:
            return f"还没到底：{trajectory.steps} 步后 {last}"


class _BlitView:
    """The shared machinery of the fast views: a loss-per-step panel, blitting and PNG encoding.

    A subclass builds ``self.fig``, ``self.canvas``, ``self.ax_loss`` (call
    :meth:`_init_loss_panel`), sets ``self.dynamic`` (the animated artists)
    and ``self._lowest``, and implements ``_set_artists(trajectory)``.
    """

    fig: Any
    canvas: FigureCanvasAgg
    ax_loss: Any
    dynamic: tuple[Any, ...]
    steps: int
    _lowest: float

    def _init_loss_panel(self) -> None:
        self.ax_loss.set(xlabel="步数 $t$", ylabel="损失 $L$", title="每一步的损失")
        self.ax_loss.grid(alpha=0.3)
        (self.curve,) = self.ax_loss.plot([], [], "-", color=COLORS["loss"], linewidth=1.8)
        self.verdict = self.ax_loss.text(
            0.97,
            0.95,
            "",
            transform=self.ax_loss.transAxes,
            ha="right",
            va="top",
            fontsize=10,
            bbox={"fc": "white", "ec": "0.7", "alpha": 0.9},
        )
        self._background: Any = None
        self._limits: tuple[float, float, float] | None = None

    def _animate(self) -> None:
        for artist in self.dynamic:
            artist.set_animated(True)

    def _set_loss_limits(self, trajectory: Trajectory) -> None:
        """Fix the loss axis from the surface's lowest value to the start's loss (x from 0 to at least 1 step)."""
        assert trajectory.losses is not None
        low = self._lowest
        high = max(float(trajectory.losses[0]), low + 1e-9 * max(1.0, abs(low)))
        limits = (float(self.steps), low, high)
        if limits != self._limits:
            pad = 0.08 * high - 0.08 * low  # (no overflow for losses up to the largest float)
            top = high + pad if high + pad < FLOAT_MAX else FLOAT_MAX
            self.ax_loss.set(xlim=(0, max(self.steps, 1)), ylim=(low - pad, top))
            self._limits = limits
            self._background = None

    def _set_loss_artists(self, trajectory: Trajectory) -> None:
        losses = trajectory.losses
        if losses is None:
            raise ValueError("the trajectory has no losses: pass loss= to gradient_descent")
        self._set_loss_limits(trajectory)
        self.curve.set_data(np.arange(len(losses)), losses)
        bad = trajectory.verdict in ("diverged", "growing")
        self.verdict.set_text(figure_text(f"η = {trajectory.lr:.3g}\n{describe(trajectory)}"))
        self.verdict.set_color("#b00000" if bad else "black")

    def _set_artists(self, trajectory: Trajectory) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def render(self, trajectory: Trajectory, full: bool = False) -> bytes:
        """Draw ``trajectory`` and return the picture as PNG bytes.

        By default only the moving parts are drawn onto the cached
        background; ``full=True`` redraws the whole figure (the slow way,
        kept for comparison in the benchmark).
        """
        self._set_artists(trajectory)
        if full:
            for artist in self.dynamic:
                artist.set_animated(False)
            self.canvas.draw()
            for artist in self.dynamic:
                artist.set_animated(True)
            return canvas_png(self.canvas)
        self._background = blit(self.canvas, self.dynamic, self._background)
        return canvas_png(self.canvas)

    def frame(self, trajectory: Trajectory) -> bytes:
        """A small PNG for the static player: the rendered picture reduced to 256 colours."""
        self.render(trajectory)
        return canvas_png(self.canvas, small=True)

    def render_note(self, lr: float, text: str, small: bool = False) -> bytes:
        """Draw no path, only ``text`` in the verdict box: for a run that could not start (PNG bytes)."""
        for artist in self.dynamic:
            if isinstance(artist, LineCollection):
                artist.set_segments([])
            elif hasattr(artist, "set_data_3d"):
                artist.set_data_3d([], [], [])
            elif hasattr(artist, "set_data"):
                artist.set_data([], [])
        self.verdict.set_text(figure_text(f"η = {lr:.3g}\n{text}"))
        self.verdict.set_color("#b00000")
        self._background = blit(self.canvas, self.dynamic, self._background)
        return canvas_png(self.canvas, small=small)


#: The views a 2-D explorer can show on its left panel: contour map or 3-D surface.
VIEWS = {"contour": "等高线图", "surface": "三维曲面"}


class DescentView(_BlitView):
    """A contour map (or 3-D surface) with a descent path and a loss curve that updates fast (快速重绘的下降图).

    The expensive parts (contours or the surface, axes, labels) are drawn once
    and cached as a pixel background; :meth:`render` restores it and draws
    only the path, the markers, the loss curve and the verdict on top (blitting).

    Parameters
    ----------
    landscape : Landscape
        The surface to walk on.
    steps : int
        The loss curve's x-axis runs from 0 to ``steps``.
    width, height : float
        Figure size in inches (80 dpi).
    kind : {"contour", "surface"}
        The left panel: the contour map seen from above (default) or the
        surface in 3-D with the path lying on it.

    """

    def __init__(
        self, landscape: Landscape, steps: int, width: float = 9.6, height: float = 4.0, kind: str = "contour"
    ) -> None:
        if kind not in VIEWS:
            raise ValueError(f"kind must be one of {list(VIEWS)}, got {kind!r}")
        if not isinstance(landscape, Landscape):
            raise ValueError(f"landscape must be a Landscape, got {type(landscape).__name__}")
        width, height = _check_size(width, height)
        steps = as_count("steps", steps)
        self.landscape = landscape
        self.kind = kind
        self.fig = new_figure(width, height)
        self.canvas = FigureCanvasAgg(self.fig)
        if kind == "contour":
            self.ax_map, self.ax_loss = self.fig.subplots(1, 2, width_ratios=[1.15, 1])
            draw_surface(self.ax_map, landscape)
            (self.path,) = self.ax_map.plot([], [], "-o", color=COLORS["path"], markersize=3, linewidth=1.5)
            (self.start,) = self.ax_map.plot([], [], "o", color=COLORS["start"], markersize=9, markeredgecolor="black")
            (self.end,) = self.ax_map.plot([], [], "X", color=COLORS["end"], markersize=10, markeredgecolor="black")
        else:
            grid = self.fig.add_gridspec(1, 2, width_ratios=[1.15, 1])
            self.ax_map = self.fig.add_subplot(grid[0], projection="3d")
            self.ax_loss = self.fig.add_subplot(grid[1])
            draw_surface_3d(self.ax_map, landscape)
            (self.path,) = self.ax_map.plot([], [], [], "-o", color=COLORS["path"], markersize=3, linewidth=1.5)
            (self.start,) = self.ax_map.plot(
                [], [], [], "o", color=COLORS["start"], markersize=9, markeredgecolor="black"
            )
            (self.end,) = self.ax_map.plot([], [], [], "X", color=COLORS["end"], markersize=10, markeredgecolor="black")
        self._init_loss_panel()
        self.dynamic = (self.path, self.start, self.end, self.curve, self.verdict)
        self._animate()
        self._lowest = float(np.min(landscape.grid(60)[2]))
        self.steps = steps

    def _set_artists(self, trajectory: Trajectory) -> None:
        pts = trajectory.points
        self._set_loss_artists(trajectory)
        if self.kind == "contour":
            self.path.set_data(pts[:, 0], pts[:, 1])
            self.start.set_data([pts[0, 0]], [pts[0, 1]])
            self.end.set_data([pts[-1, 0]], [pts[-1, 1]])
            return
        # In 3-D nothing is clipped to the box: show the path up to where it leaves the window.
        w1_min, w1_max, w2_min, w2_max = self.landscape.window
        inside = (pts[:, 0] >= w1_min) & (pts[:, 0] <= w1_max) & (pts[:, 1] >= w2_min) & (pts[:, 1] <= w2_max)
        k = len(pts) if inside.all() else int(np.argmin(inside))
        shown = pts[:k]
        z = self.landscape.f(shown[:, 0], shown[:, 1]) if k else np.empty(0)
        self.path.set_data_3d(shown[:, 0], shown[:, 1], z)
        self.start.set_data_3d(shown[:1, 0], shown[:1, 1], z[:1])
        last = shown[-1:] if inside.all() else shown[:0]
        self.end.set_data_3d(last[:, 0], last[:, 1], z[-1:] if len(last) else np.empty(0))


class CurveView(_BlitView):
    r"""A loss curve :math:`L(w)` with the descent path, tangent lines and the loss per step (一元下降图).

    Each iterate :math:`w^{(t)}` is a dot on the curve with a short piece of
    its tangent line: the tangent's slope is :math:`L'(w^{(t)})`, the number
    the update multiplies by :math:`\eta`. Lines join consecutive iterates,
    so jumps across the minimum are visible. Fast like :class:`DescentView`.

    Parameters
    ----------
    curve : Curve
    steps : int
    width, height : float
    tangents : int
        Tangent lines are drawn at the first ``tangents`` iterates.

    """

    def __init__(self, curve: Curve, steps: int, width: float = 9.6, height: float = 4.0, tangents: int = 12) -> None:
        if not isinstance(curve, Curve):
            raise ValueError(f"curve must be a Curve, got {type(curve).__name__}")
        width, height = _check_size(width, height)
        steps = as_count("steps", steps)
        tangents = as_count("tangents", tangents)
        self.landscape = curve
        self.tangents = tangents
        self.fig = new_figure(width, height)
        self.canvas = FigureCanvasAgg(self.fig)
        self.ax_map, self.ax_loss = self.fig.subplots(1, 2, width_ratios=[1.15, 1])
        draw_curve(self.ax_map, curve)
        self.tangent_lines = LineCollection([], colors="#ff7f0e", linewidths=1.6, alpha=0.9)
        self.ax_map.add_collection(self.tangent_lines)
        (self.path,) = self.ax_map.plot([], [], "-o", color=COLORS["path"], markersize=4, linewidth=0.9)
        (self.start,) = self.ax_map.plot([], [], "o", color=COLORS["start"], markersize=9, markeredgecolor="black")
        (self.end,) = self.ax_map.plot([], [], "X", color=COLORS["end"], markersize=10, markeredgecolor="black")
        self._init_loss_panel()
        self.dynamic = (self.tangent_lines, self.path, self.start, self.end, self.curve, self.verdict)
        self._animate()
        self._lowest = float(np.min(curve.grid(400)[1]))
        self.steps = steps

    def _set_artists(self, trajectory: Trajectory) -> None:
        self._set_loss_artists(trajectory)
        assert trajectory.losses is not None  # checked by _set_loss_artists
        w, L = trajectory.points.reshape(-1), trajectory.losses
        self.path.set_data(w, L)
        self.start.set_data(w[:1], L[:1])
        self.end.set_data(w[-1:], L[-1:])
        self.tangent_lines.set_segments(tangent_segments(self.ax_map, self.landscape, w[: self.tangents]))


def curve_descent_figure(curve: Curve, trajectory: Trajectory, tangents: int = 8) -> Figure:
    """A descent run on a loss curve (一元梯度下降): the path with tangents, and the loss per step."""
    view = CurveView(curve, trajectory.steps, tangents=tangents)
    view.render(trajectory, full=True)
    return view.fig


@dataclass(frozen=True)
class Frame:
    """One picture of a kernel-free player: PNG bytes, its slider label and its alt text."""

    png: bytes
    label: str
    alt: str


#: CSS class of every live control box of the book, so that tests (and readers' tools) can find them.
LIVE_CLASS = "nnmath-live"


def live_box(*children: Any) -> Any:
    """A vertical box of live controls and their picture (实时控件), marked with :data:`LIVE_CLASS`."""
    import ipywidgets as widgets

    box = widgets.VBox(list(children))
    box.add_class(LIVE_CLASS)
    return box


def html_player(frames: Sequence[Frame], name: str, initial: int = 0) -> str:
    """A kernel-free player (无需内核的播放器): a range slider that shows one of ``frames``.

    Plain HTML and a few lines of inline JavaScript: no request to any other
    host, no kernel. Without JavaScript the initial frame stays visible.

    Parameters
    ----------
    frames : sequence of Frame
    name : str
        What the slider sets (for example ``"学习率 η"``).
    initial : int
        Index of the frame shown first.

    """
    if not frames:
        raise ValueError("a player needs at least one frame")
    if not 0 <= initial < len(frames):
        raise ValueError(f"initial must be in [0, {len(frames)}), got {initial}")
    digest = hashlib.sha1(b"".join(f.png for f in frames) + name.encode()).hexdigest()[:10]
    pid = f"nnmath-player-{digest}"
    images = "\n".join(
        f'<img src="data:image/png;base64,{base64.b64encode(f.png).decode()}" alt="{html.escape(f.alt)}" '
        f'data-label="{html.escape(f.label)}" style="max-width:100%;height:auto"{"" if k == initial else " hidden"}>'
        for k, f in enumerate(frames)
    )
    return f"""<div class="nnmath-player" id="{pid}">
<label style="display:flex;gap:0.8em;align-items:center;font-size:0.95em">{html.escape(name)}
<input type="range" min="0" max="{len(frames) - 1}" step="1" value="{initial}"
 aria-label="{html.escape(name)}" style="flex:1">
<output>{html.escape(frames[initial].label)}</output></label>
{images}
<script>(function () {{
  var root = document.getElementById("{pid}");
  var slider = root.querySelector("input"), readout = root.querySelector("output");
  var images = root.querySelectorAll("img");
  slider.addEventListener("input", function () {{
    images.forEach(function (img, k) {{ img.hidden = k !== Number(slider.value); }});
    readout.textContent = images[Number(slider.value)].dataset.label;
  }});
}})();</script>
</div>"""


def html_grid_player(
    frames: Sequence[Sequence[Frame]],
    name: str,
    choice_name: str,
    choices: Sequence[str],
    initial: tuple[int, int] = (0, 0),
) -> str:
    """A kernel-free player over two settings (双参数播放器): radio buttons pick a row, a range slider a column.

    ``frames[i][j]`` is shown for choice ``i`` (for example a start point)
    and slider position ``j`` (for example a learning rate). Like
    :func:`html_player`: plain HTML and inline JavaScript, no other host, and
    one ``<output>`` that reads the visible frame's label.

    Parameters
    ----------
    frames : sequence of sequences of Frame
        One row per choice, all rows of the same length.
    name : str
        What the slider sets.
    choice_name : str
        What the radio buttons set.
    choices : sequence of str
        The radio buttons' labels, one per row.
    initial : (int, int)
        The (row, column) shown first.

    """
    rows = [list(r) for r in frames]
    if not rows or not rows[0]:
        raise ValueError("a player needs at least one frame")
    if any(len(r) != len(rows[0]) for r in rows):
        raise ValueError(f"every row must have the same number of frames, got {[len(r) for r in rows]}")
    if len(choices) != len(rows):
        raise ValueError(f"need one choice label per row: {len(rows)} rows, {len(choices)} labels")
    i0, j0 = initial
    if not (0 <= i0 < len(rows) and 0 <= j0 < len(rows[0])):
        raise ValueError(f"initial must be within ({len(rows)}, {len(rows[0])}), got {initial}")
    flat = [f for r in rows for f in r]
    digest = hashlib.sha1(b"".join(f.png for f in flat) + name.encode() + choice_name.encode()).hexdigest()[:10]
    pid = f"nnmath-player-{digest}"
    images = "\n".join(
        f'<img src="data:image/png;base64,{base64.b64encode(f.png).decode()}" alt="{html.escape(f.alt)}" '
        f'data-label="{html.escape(f.label)}" data-row="{i}" data-col="{j}" style="max-width:100%;height:auto"'
        f"{'' if (i, j) == (i0, j0) else ' hidden'}>"
        for i, r in enumerate(rows)
        for j, f in enumerate(r)
    )
    radios = "\n".join(
        f'<label style="margin-right:1em"><input type="radio" name="{pid}-choice" value="{i}"'
        f"{' checked' if i == i0 else ''}> {html.escape(c)}</label>"
        for i, c in enumerate(choices)
    )
    return f"""<div class="nnmath-player" id="{pid}">
<div role="radiogroup" aria-label="{html.escape(choice_name)}" style="font-size:0.95em;margin-bottom:0.3em">
<span style="margin-right:0.8em">{html.escape(choice_name)}</span>
{radios}
</div>
<label style="display:flex;gap:0.8em;align-items:center;font-size:0.95em">{html.escape(name)}
<input type="range" min="0" max="{len(rows[0]) - 1}" step="1" value="{j0}"
 aria-label="{html.escape(name)}" style="flex:1">
<output>{html.escape(rows[i0][j0].label)}</output></label>
{images}
<script>(function () {{
  var root = document.getElementById("{pid}");
  var slider = root.querySelector("input[type=range]"), readout = root.querySelector("output");
  var images = root.querySelectorAll("img");
  function show() {{
    var row = root.querySelector("input[type=radio]:checked").value;
    images.forEach(function (img) {{
      img.hidden = !(img.dataset.row === row && img.dataset.col === slider.value);
      if (!img.hidden) {{ readout.textContent = img.dataset.label; }}
    }});
  }}
  slider.addEventListener("input", show);
  root.querySelectorAll("input[type=radio]").forEach(function (r) {{ r.addEventListener("change", show); }});
}})();</script>
</div>"""


class TwoFaced:
    """A display object with two faces (双重显示): live controls in a kernel, a kernel-free player in the HTML book.

    Subclasses give :meth:`widget` (the ipywidgets box) and :meth:`static_html`
    (built with :func:`html_player`). Displayed as the last value of a cell,
    the output carries all three faces: Jupyter shows the widget; the book's HTML
    builder, told to skip widget views, shows the player; the PDF (LaTeX)
    builder, which cannot show HTML, prints the still picture :meth:`still_png`.
    """

    def widget(self) -> Any:
        """The live ipywidgets control."""
        raise NotImplementedError

    def static_html(self) -> str:
        """The kernel-free player."""
        raise NotImplementedError

    def still_png(self, player: str | None = None) -> bytes:
        """The still picture for print (静态画面): the PNG frame the player shows first.

        Parameters
        ----------
        player : str, optional
            The player's HTML, if already made (else :meth:`static_html` is called).
            A subclass may override this method to draw a picture of its own.

        """
        player = self.static_html() if player is None else player
        for tag in player.split("<img ")[1:]:
            attributes = tag.split(">", 1)[0]
            if "hidden" in "".join(attributes.split('"')[::2]).split():  # an attribute, not a quoted value
                continue
            prefix = 'src="data:image/png;base64,'
            if prefix not in attributes:
                break
            return base64.b64decode(attributes.split(prefix, 1)[1].split('"', 1)[0], validate=True)
        raise ValueError('player has no visible PNG frame (<img src="data:image/png;base64,..."> without hidden)')

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget()._repr_mimebundle_())
        player = self.static_html()
        bundle["text/html"] = player
        bundle["image/png"] = base64.b64encode(self.still_png(player)).decode()
        bundle["text/plain"] = repr(self)
        return bundle


class EtaExplorer(TwoFaced):
    """Gradient descent on a landscape with a tunable learning rate (学习率探索器).

    Create it with :func:`eta_explorer` (or :func:`curve_explorer` for a
    loss curve); display it as the last value of a cell. See the module
    docstring for its live and static faces.
    """

    def __init__(
        self,
        landscape: Landscape,
        etas: Sequence[float],
        start: ArrayLike,
        steps: int,
        initial: int,
        views: Sequence[str] = ("contour",),
        starts: Sequence[ArrayLike] | None = None,
        notes: Sequence[str] | None = None,
    ) -> None:
        self.landscape = landscape
        self.etas = [float(e) for e in etas]
        self.start = np.array(start, dtype=float)
        self.steps = steps
        self.initial = initial
        self.views = tuple(views)
        self.starts = None if starts is None else [np.array(p, dtype=float) for p in starts]
        self.notes = None if notes is None else [str(n) for n in notes]
        self._live: LiveControls | None = None

    def run(self, eta: float, start: ArrayLike | None = None, steps: int | None = None) -> Trajectory:
        """Gradient descent on the landscape with learning rate ``eta``.

        Raises
        ------
        ValueError
            If the descent cannot start there (the loss at the start point is
            not finite, for example beyond the largest float): see :meth:`outcome`.
        """
        return self.landscape.descend(
            self.start if start is None else start, eta, self.steps if steps is None else steps
        )

    def outcome(self, eta: float, start: ArrayLike | None = None, steps: int | None = None) -> Trajectory | str:
        """:meth:`run`, or the reason (Chinese) why the descent cannot start from ``start``."""
        try:
            return self.run(eta, start, steps)
        except DescentError as exc:
            if exc.step == 0:
                return "无法开始：起点处的损失或梯度超出浮点数范围"
            return f"停止：第 {exc.step} 步损失或梯度不再是有限数"

    def _picture(
        self, view: _BlitView, eta: float, start: ArrayLike, steps: int | None = None, small: bool = False
    ) -> tuple[bytes, str]:
        """The picture of one run and its one-sentence verdict."""
        result = self.outcome(eta, start, steps)
        if isinstance(result, str):
            return view.render_note(eta, result, small=small), result
        png = view.frame(result) if small else view.render(result)
        return png, describe(result)

    def new_view(self, kind: str | None = None) -> _BlitView:
        """A fresh picture for this explorer (the first of ``views`` unless ``kind`` is given)."""
        return DescentView(self.landscape, self.steps, kind=kind or self.views[0])

    def _where(self, start: Array) -> str:
        return f"({start[0]:g}, {start[1]:g})"

    def _label(self, k: int) -> str:
        note = "" if self.notes is None else f"（{self.notes[k]}）"
        return f"η = {self.etas[k]:g}{note}"

    def _frame(self, view: _BlitView, k: int, start: Array, prefix: str = "") -> Frame:
        eta = self.etas[k]
        png, verdict = self._picture(view, eta, start, small=True)
        where = f"{self.landscape.name}上从 {self._where(start)} 出发"
        alt = f"{where}、学习率 η = {eta:g} 的梯度下降：{verdict}"
        return Frame(png, prefix + self._label(k), alt)

    def frames(self) -> list[Frame]:
        """The static player's pictures, one per learning rate of ``etas``."""
        view = self.new_view()
        return [self._frame(view, k, self.start) for k in range(len(self.etas))]

    def grid_frames(self) -> list[list[Frame]]:
        """With ``starts``: one row of pictures per start point, one picture per learning rate."""
        view = self.new_view()
        starts = self.starts or [self.start]
        return [[self._frame(view, k, p, f"起点 {self._where(p)}，") for k in range(len(self.etas))] for p in starts]

    def static_html(self) -> str:
        """The kernel-free player over ``etas`` (and over ``starts``, if given) for the HTML book."""
        if self.starts is None:
            return html_player(self.frames(), "学习率 η", initial=self.initial)
        return html_grid_player(
            self.grid_frames(),
            "学习率 η",
            "起点",
            [self._where(p) for p in self.starts],
            initial=(0, self.initial),
        )

    def widget(self) -> Any:
        """The live ipywidgets control (built on first use)."""
        return self.live().box

    def live(self) -> LiveControls:
        """The live controls and their redraw function (built on first use)."""
        if self._live is None:
            self._live = LiveControls.build(self)
        return self._live

    def __repr__(self) -> str:
        etas = ", ".join(f"{e:g}" for e in self.etas)
        return (
            f"{type(self).__name__}({self.landscape.name}, η ∈ [{etas}], "
            f"start={tuple(np.atleast_1d(self.start).tolist())}, steps={self.steps})"
        )


class CurveExplorer(EtaExplorer):
    """Gradient descent on a loss curve :math:`L(w)` with a tunable learning rate (一元学习率探索器).

    Create it with :func:`curve_explorer`. The picture is a :class:`CurveView`:
    the curve with the path and tangent lines, beside the loss per step.
    """

    landscape: Curve  # type: ignore[assignment]

    def new_view(self, kind: str | None = None) -> _BlitView:
        """A fresh :class:`CurveView` for this explorer."""
        return CurveView(self.landscape, self.steps)

    def _where(self, start: Array) -> str:
        return f"w = {float(start):g}"


@dataclass
class LiveControls:
    """The live face of an :class:`EtaExplorer`: sliders, the picture, and the redraw."""

    explorer: EtaExplorer
    view: Any
    eta: Any
    steps: Any
    start1: Any
    start2: Any
    picture: Any
    box: Any
    view_choice: Any = None
    views: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, explorer: EtaExplorer) -> LiveControls:
        """Create the sliders and the picture, wire them, and draw once."""
        import ipywidgets as widgets

        etas, start = explorer.etas, np.atleast_1d(explorer.start)
        style = {"description_width": "5em"}
        eta = widgets.FloatLogSlider(
            value=etas[explorer.initial],
            base=10,
            min=np.log10(min(etas)),
            max=top_exponent(max(etas)),
            step=0.01,
            description="学习率 η",
            readout_format=".3g",
            style=style,
        )
        steps = widgets.IntSlider(
            value=explorer.steps, min=0, max=max(200, 2 * explorer.steps), description="步数", style=style
        )
        if isinstance(explorer.landscape, Curve):
            bounds = [explorer.landscape.window]
            names = [explorer.landscape.label]
        else:
            w1_min, w1_max, w2_min, w2_max = explorer.landscape.window
            bounds = [(w1_min, w1_max), (w2_min, w2_max)]
            names = list(explorer.landscape.labels)
        # the range reaches the start even far outside the window: a slider never clamps it silently
        sliders = [
            widgets.FloatSlider(
                value=value, min=min(lo, value), max=max(hi, value), step=0.05, description=f"起点 {label}", style=style
            )
            for value, (lo, hi), label in zip(start.tolist(), bounds, names, strict=True)
        ]
        start1, start2 = sliders[0], (sliders[1] if len(sliders) > 1 else None)
        picture = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="768px"))
        rows = [widgets.HBox([eta, steps]), widgets.HBox(sliders)]
        view_choice = None
        if len(explorer.views) > 1:
            view_choice = widgets.ToggleButtons(
                options=[(VIEWS.get(k, k), k) for k in explorer.views], value=explorer.views[0], description="视图"
            )
            rows.append(view_choice)
        box = live_box(*rows, picture)
        view = explorer.new_view()
        live = cls(explorer, view, eta, steps, start1, start2, picture, box, view_choice, {explorer.views[0]: view})
        for control in (eta, steps, *sliders):
            control.observe(live.update, names="value")
        if view_choice is not None:
            view_choice.observe(live.switch_view, names="value")
        live.update()
        return live

    def switch_view(self, _change: object = None) -> None:
        """Show the other picture (contour map or 3-D surface), built on first use, and redraw."""
        kind = self.view_choice.value
        if kind not in self.views:
            self.views[kind] = self.explorer.new_view(kind)
        self.view = self.views[kind]
        self.update()

    def update(self, _change: object = None) -> None:
        """Re-run the descent with the sliders' values and redraw the picture (one slider move)."""
        self.view.steps = self.steps.value
        start = self.start1.value if self.start2 is None else (self.start1.value, self.start2.value)
        self.picture.value = self.explorer._picture(self.view, self.eta.value, start, self.steps.value)[0]


def top_exponent(eta: float) -> float:
    """``log10(eta)``, lowered by ulps until ``10 ** it`` is a float (ipywidgets computes it)."""
    top = float(np.log10(eta))
    while True:
        try:
            10.0**top
        except OverflowError:
            top = float(np.nextafter(top, 0.0))
        else:
            return top


def _check_notes(notes: Sequence[str] | None, count: int) -> list[str] | None:
    if notes is not None and len(notes) != count:
        raise ValueError(f"need one note per learning rate: {count} etas, {len(notes)} notes")
    return None if notes is None else list(notes)


def eta_explorer(
    landscape: Landscape,
    etas: Sequence[float] = (0.01, 0.03, 0.1, 0.3, 0.6, 0.9, 1.0, 1.1),
    start: ArrayLike = (2.5, 2.0),
    steps: int = 40,
    initial: int | None = None,
    views: Sequence[str] = ("contour",),
    starts: Sequence[ArrayLike] | None = None,
    notes: Sequence[str] | None = None,
) -> EtaExplorer:
    r"""Explore the learning rate :math:`\eta` on a loss surface (学习率探索器).

    Parameters
    ----------
    landscape : Landscape
        The loss surface.
    etas : sequence of float
        The learning rates of the static player, in increasing order; the
        live slider spans the same range.
    start : (float, float)
        The start point :math:`w^{(0)}`: any two finite numbers (a start so far
        out that the loss there is beyond float64 shows a picture that says so).
    steps : int
        Number of descent steps (``>= 0``).
    initial : int, optional
        Index into ``etas`` shown first (default: the middle one).
    views : sequence of {"contour", "surface"}, default ("contour",)
        The pictures the live explorer offers (a toggle when more than one):
        the contour map and/or the 3-D surface, each beside the loss per
        step. The static player shows the first.
    starts : sequence of (float, float), optional
        Start points for the static player: then it has radio buttons for
        the start point besides the η slider (``len(starts) * len(etas)``
        pictures: keep it at about 10). ``start`` stays the live default.
    notes : sequence of str, optional
        One short note per learning rate, added to the player's labels
        (for example the regime: “振荡但收敛”).

    Returns
    -------
    EtaExplorer
        Display it (last value of a cell): a live widget in Jupyter, a
        kernel-free player in the HTML book.

    """
    if not isinstance(landscape, Landscape):
        raise ValueError(
            f"landscape must be a Landscape (use curve_explorer for a Curve), got {type(landscape).__name__}"
        )
    etas = as_learning_rates(etas)
    start_arr = _check_point("start", start)
    steps = as_count("steps", steps)
    index = as_index(initial, len(etas))
    views = tuple(views)
    if not views or any(v not in VIEWS for v in views) or len(set(views)) != len(views):
        raise ValueError(f"views must be distinct names from {list(VIEWS)}, got {views}")
    points = None if starts is None else [_check_point("starts[i]", p) for p in starts]
    if points is not None and not points:
        raise ValueError("starts must hold at least one start point")
    return EtaExplorer(landscape, etas, start_arr, steps, index, views, points, _check_notes(notes, len(etas)))


def _check_point(name: str, point: ArrayLike) -> Array:
    try:
        arr = as_array(name, point)
    except ValueError as exc:
        raise ValueError(f"{name} must be two finite numbers, got {point!r}") from exc
    if arr.shape != (2,) or not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be two finite numbers, got {point!r}")
    return arr


def curve_explorer(
    curve: Curve,
    etas: Sequence[float],
    start: float,
    steps: int = 20,
    initial: int | None = None,
    notes: Sequence[str] | None = None,
) -> CurveExplorer:
    r"""Explore the learning rate :math:`\eta` on a loss curve :math:`L(w)` (一元学习率探索器).

    The 1-D twin of :func:`eta_explorer`: the picture is the curve with the
    descent path and the tangent line at each iterate (its slope is the
    derivative the update uses), beside the loss per step.

    Parameters
    ----------
    curve : Curve
    etas : sequence of float
        Increasing learning rates of the static player (and the live slider's range).
    start : float
        The start point :math:`w^{(0)}`, any finite number.
    steps : int, default 20
        Number of descent steps (``>= 0``).
    initial : int, optional
        Index into ``etas`` shown first (default: the middle one).
    notes : sequence of str, optional
        One short note per learning rate for the player's labels.

    Returns
    -------
    CurveExplorer

    """
    if not isinstance(curve, Curve):
        raise ValueError(f"curve must be a Curve (use eta_explorer for a Landscape), got {type(curve).__name__}")
    etas = as_learning_rates(etas)
    try:
        w0 = as_array("start", start)
    except ValueError as exc:
        raise ValueError(f"start must be one finite number, got {start!r}") from exc
    if w0.size != 1 or not np.all(np.isfinite(w0)):
        raise ValueError(f"start must be one finite number, got {start!r}")
    steps = as_count("steps", steps)
    index = as_index(initial, len(etas))
    return CurveExplorer(curve, etas, w0.reshape(()), steps, index, ("curve",), None, _check_notes(notes, len(etas)))
