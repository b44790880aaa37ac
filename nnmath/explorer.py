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
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from numpy.typing import ArrayLike
from PIL import Image

from nnmath._checks import as_count
from nnmath.descent import Trajectory
from nnmath.landscapes import Landscape
from nnmath.plotting import COLORS, draw_surface, new_figure


def describe(trajectory: Trajectory) -> str:
    """One sentence (Chinese) on how a descent run ended: converged, diverged, or still going."""
    losses = trajectory.losses
    last = f"L = {losses[-1]:.4g}" if losses is not None else ""
    match trajectory.verdict:
        case "converged":
            return f"收敛：第 {trajectory.converged_at} 步梯度几乎为 0，{last}"
        case "diverged":
            return f"发散：第 {trajectory.diverged_at} 步数值爆炸，停止"
        case "growing":
            return f"发散：损失越走越大，{trajectory.steps} 步后 {last}"
        case _:
            return f"还没到底：{trajectory.steps} 步后 {last}"


class DescentView:
    """A contour map with a descent path and a loss curve that updates fast (快速重绘的下降图).

    The expensive parts (contours, axes, labels) are drawn once and cached as
    a pixel background; :meth:`render` restores it and draws only the path,
    the markers, the loss curve and the verdict on top (blitting).

    Parameters
    ----------
    landscape : Landscape
        The surface to walk on.
    steps : int
        The loss curve's x-axis runs from 0 to ``steps``.
    width, height : float
        Figure size in inches (80 dpi).

    """

    def __init__(self, landscape: Landscape, steps: int, width: float = 9.6, height: float = 4.0) -> None:
        self.landscape = landscape
        self.fig = new_figure(width, height)
        self.canvas = FigureCanvasAgg(self.fig)
        self.ax_map, self.ax_loss = self.fig.subplots(1, 2, width_ratios=[1.15, 1])
        draw_surface(self.ax_map, landscape)
        self.ax_loss.set(xlabel="步数 $t$", ylabel="损失 $L$", title="每一步的损失")
        self.ax_loss.grid(alpha=0.3)
        (self.path,) = self.ax_map.plot([], [], "-o", color=COLORS["path"], markersize=3, linewidth=1.5)
        (self.start,) = self.ax_map.plot([], [], "o", color=COLORS["start"], markersize=9, markeredgecolor="black")
        (self.end,) = self.ax_map.plot([], [], "X", color=COLORS["end"], markersize=10, markeredgecolor="black")
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
        self.dynamic = (self.path, self.start, self.end, self.curve, self.verdict)
        for artist in self.dynamic:
            artist.set_animated(True)
        self._lowest = float(np.min(landscape.grid(60)[2]))
        self._background: Any = None
        self._limits: tuple[float, float, float] | None = None
        self.steps = steps

    def _set_loss_limits(self, trajectory: Trajectory) -> None:
        """Fix the loss axis from the surface's lowest value to the start's loss."""
        assert trajectory.losses is not None
        low = self._lowest
        high = max(float(trajectory.losses[0]), low + 1e-9)
        limits = (float(self.steps), low, high)
        if limits != self._limits:
            pad = 0.08 * (high - low)
            self.ax_loss.set(xlim=(0, self.steps), ylim=(low - pad, high + pad))
            self._limits = limits
            self._background = None

    def _set_artists(self, trajectory: Trajectory) -> None:
        pts, losses = trajectory.points, trajectory.losses
        assert losses is not None
        self._set_loss_limits(trajectory)
        self.path.set_data(pts[:, 0], pts[:, 1])
        self.start.set_data([pts[0, 0]], [pts[0, 1]])
        self.end.set_data([pts[-1, 0]], [pts[-1, 1]])
        self.curve.set_data(np.arange(len(losses)), losses)
        bad = trajectory.verdict in ("diverged", "growing")
        self.verdict.set_text(f"η = {trajectory.lr:g}\n{describe(trajectory)}")
        self.verdict.set_color("#b00000" if bad else "black")

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
            return self._png()
        if self._background is None:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        else:
            self.canvas.restore_region(self._background)
        for artist in self.dynamic:
            self.fig.draw_artist(artist)
        return self._png()

    def _png(self, compress_level: int = 1) -> bytes:
        buf = self.canvas.buffer_rgba()
        image = Image.frombuffer("RGBA", (buf.shape[1], buf.shape[0]), buf, "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.convert("RGB").save(out, format="png", compress_level=compress_level)
        return out.getvalue()

    def frame(self, trajectory: Trajectory) -> bytes:
        """A small PNG for the static player: the rendered picture reduced to 256 colours."""
        self.render(trajectory)
        buf = self.canvas.buffer_rgba()
        image = Image.frombuffer("RGBA", (buf.shape[1], buf.shape[0]), buf, "raw", "RGBA", 0, 1)
        out = io.BytesIO()
        image.convert("RGB").quantize(colors=256).save(out, format="png", optimize=True)
        return out.getvalue()


@dataclass(frozen=True)
class Frame:
    """One picture of a kernel-free player: PNG bytes, its slider label and its alt text."""

    png: bytes
    label: str
    alt: str


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


class EtaExplorer:
    """Gradient descent on a landscape with a tunable learning rate (学习率探索器).

    Create it with :func:`eta_explorer`; display it as the last value of a
    cell. See the module docstring for its live and static faces.
    """

    def __init__(
        self,
        landscape: Landscape,
        etas: Sequence[float],
        start: ArrayLike,
        steps: int,
        initial: int,
    ) -> None:
        self.landscape = landscape
        self.etas = [float(e) for e in etas]
        self.start = np.array(start, dtype=float)
        self.steps = steps
        self.initial = initial
        self._live: LiveControls | None = None

    def run(self, eta: float, start: ArrayLike | None = None, steps: int | None = None) -> Trajectory:
        """Gradient descent on the landscape with learning rate ``eta``."""
        return self.landscape.descend(
            self.start if start is None else start, eta, self.steps if steps is None else steps
        )

    def frames(self) -> list[Frame]:
        """The static player's pictures, one per learning rate of ``etas``."""
        view = DescentView(self.landscape, self.steps)
        frames = []
        for eta in self.etas:
            trajectory = self.run(eta)
            where = f"{self.landscape.name}上从 ({self.start[0]:g}, {self.start[1]:g}) 出发"
            alt = f"{where}、学习率 η = {eta:g} 的梯度下降：{describe(trajectory)}"
            frames.append(Frame(view.frame(trajectory), f"η = {eta:g}", alt))
        return frames

    def static_html(self) -> str:
        """The kernel-free player over ``etas`` (for the HTML book)."""
        return html_player(self.frames(), "学习率 η", initial=self.initial)

    def widget(self) -> Any:
        """The live ipywidgets control (built on first use)."""
        return self.live().box

    def live(self) -> LiveControls:
        """The live controls and their redraw function (built on first use)."""
        if self._live is None:
            self._live = LiveControls.build(self)
        return self._live

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.widget()._repr_mimebundle_())
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        etas = ", ".join(f"{e:g}" for e in self.etas)
        return (
            f"EtaExplorer({self.landscape.name}, η ∈ [{etas}], start={tuple(self.start.tolist())}, steps={self.steps})"
        )


@dataclass
class LiveControls:
    """The live face of an :class:`EtaExplorer`: sliders, the picture, and the redraw."""

    explorer: EtaExplorer
    view: DescentView
    eta: Any
    steps: Any
    start1: Any
    start2: Any
    picture: Any
    box: Any

    @classmethod
    def build(cls, explorer: EtaExplorer) -> LiveControls:
        """Create the sliders and the picture, wire them, and draw once."""
        import ipywidgets as widgets

        etas, start = explorer.etas, explorer.start
        w1_min, w1_max, w2_min, w2_max = explorer.landscape.window
        style = {"description_width": "5em"}
        eta = widgets.FloatLogSlider(
            value=etas[explorer.initial],
            base=10,
            min=np.log10(min(etas)),
            max=np.log10(max(etas)),
            step=0.01,
            description="学习率 η",
            readout_format=".3g",
            style=style,
        )
        steps = widgets.IntSlider(
            value=explorer.steps, min=1, max=max(200, 2 * explorer.steps), description="步数", style=style
        )
        start1 = widgets.FloatSlider(
            value=start[0],
            min=w1_min,
            max=w1_max,
            step=0.05,
            description=f"起点 {explorer.landscape.labels[0]}",
            style=style,
        )
        start2 = widgets.FloatSlider(
            value=start[1],
            min=w2_min,
            max=w2_max,
            step=0.05,
            description=f"起点 {explorer.landscape.labels[1]}",
            style=style,
        )
        picture = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="768px"))
        box = widgets.VBox([widgets.HBox([eta, steps]), widgets.HBox([start1, start2]), picture])
        live = cls(explorer, DescentView(explorer.landscape, explorer.steps), eta, steps, start1, start2, picture, box)
        for control in (eta, steps, start1, start2):
            control.observe(live.update, names="value")
        live.update()
        return live

    def update(self, _change: object = None) -> None:
        """Re-run the descent with the sliders' values and redraw the picture (one slider move)."""
        self.view.steps = self.steps.value
        trajectory = self.explorer.run(self.eta.value, (self.start1.value, self.start2.value), self.steps.value)
        self.picture.value = self.view.render(trajectory)


def eta_explorer(
    landscape: Landscape,
    etas: Sequence[float] = (0.01, 0.03, 0.1, 0.3, 0.6, 0.9, 1.0, 1.1),
    start: ArrayLike = (2.5, 2.0),
    steps: int = 40,
    initial: int | None = None,
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
        The start point :math:`w^{(0)}`.
    steps : int
        Number of descent steps.
    initial : int, optional
        Index into ``etas`` shown first (default: the middle one).

    Returns
    -------
    EtaExplorer
        Display it (last value of a cell): a live widget in Jupyter, a
        kernel-free player in the HTML book.

    """
    etas = [float(e) for e in etas]
    if not etas or any(not (np.isfinite(e) and e > 0) for e in etas):
        raise ValueError(f"etas must be positive numbers, got {etas}")
    if etas != sorted(etas):
        raise ValueError(f"etas must be in increasing order, got {etas}")
    start_arr = np.asarray(start, dtype=float)
    if start_arr.shape != (2,) or not np.all(np.isfinite(start_arr)):
        raise ValueError(f"start must be two finite numbers, got {start!r}")
    steps = as_count("steps", steps, minimum=1)
    index = len(etas) // 2 if initial is None else initial
    if not 0 <= index < len(etas):
        raise ValueError(f"initial must be in [0, {len(etas)}), got {initial}")
    return EtaExplorer(landscape, etas, start_arr, steps, index)
