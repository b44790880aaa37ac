r"""Pictures and widgets of chapter 2 (激活函数的图与交互).

* :func:`activation_figure`: ReLU, sigmoid and tanh with their derivatives;
* :func:`softmax_show`: the source's "talent show" (选秀) made interactive:
  ten scores for the digits 0–9 and the probabilities softmax gives them.
  Live in Jupyter (one slider per digit, the picture redrawn by blitting),
  a kernel-free player in the HTML book (one digit's score swept over a
  range, built with :func:`nnmath.explorer.html_player`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnmath._checks import as_array, as_count, as_real, require_finite
from nnmath.activations import relu, relu_grad, sigmoid, sigmoid_grad, softmax, tanh, tanh_grad
from nnmath.explorer import Frame, TwoFaced, html_player, live_box
from nnmath.plotting import blit, canvas_png, new_figure


def activation_figure(low: float = -5.0, high: float = 5.0) -> Figure:
    r"""ReLU, sigmoid and tanh (激活函数) above, their derivatives (导数) below, on [low, high].

    Raises
    ------
    ValueError
        Unless ``low < high`` are finite real numbers.
    """
    low, high = as_real("low", low), as_real("high", high)
    if not low < high:
        raise ValueError(f"need low < high, got low={low}, high={high}")
    x = np.linspace(low, high, 401)
    rows = [
        ("ReLU", r"$\sigma(x)=\max(0,x)$", relu, relu_grad, r"$\sigma'(x)$: 0 或 1"),
        ("Sigmoid", r"$\sigma(x)=\dfrac{1}{1+e^{-x}}$", sigmoid, sigmoid_grad, r"$\sigma'(x)=\sigma(x)(1-\sigma(x))$"),
        ("tanh", r"$\tanh x$", tanh, tanh_grad, r"$\tanh' x = 1-\tanh^2 x$"),
    ]
    fig = new_figure(10, 5.2)
    axes = fig.subplots(2, 3, sharex=True)
    for k, (name, formula, f, df, dformula) in enumerate(rows):
        top, bottom = axes[0, k], axes[1, k]
        top.plot(x, f(x), color="#1f77b4", linewidth=2)
        top.set_title(f"{name}：{formula}")
        bottom.plot(x, df(x), color="#d62728", linewidth=2)
        bottom.set_title(f"导数 {dformula}", fontsize=10)
        bottom.set_xlabel("$x$")
        for ax in (top, bottom):
            ax.axhline(0, color="0.6", linewidth=0.8)
            ax.axvline(0, color="0.6", linewidth=0.8)
            ax.grid(alpha=0.3)
    axes[0, 1].axhline(1, color="0.6", linewidth=0.8, linestyle="--")
    axes[0, 1].text(low + 0.2, 0.9, "上限 1", fontsize=9, color="0.4", va="top")
    axes[0, 2].set_ylim(-1.15, 1.15)
    return fig


class SoftmaxView:
    """Scores and their softmax probabilities as two bar charts that update fast (选秀图).

    The axes are drawn once and cached; a new set of scores only moves the
    bars and rewrites the numbers (blitting).
    """

    def __init__(self, labels: Sequence[str], score_range: tuple[float, float] = (-4.0, 10.0)) -> None:
        self.labels = list(labels)
        k = len(self.labels)
        low, high = as_real("score_range[0]", score_range[0]), as_real("score_range[1]", score_range[1])
        if not low < high:
            raise ValueError(f"score_range must be increasing, got {score_range}")
        self.score_range = (low, high)
        self.fig = new_figure(9.6, 3.4)
        self.canvas = FigureCanvasAgg(self.fig)
        self.ax_s, self.ax_p = self.fig.subplots(1, 2)
        pos = np.arange(k)
        self.bars_s = self.ax_s.bar(pos, np.zeros(k), color="#9ecae1", edgecolor="#3182bd")
        self.bars_p = self.ax_p.bar(pos, np.zeros(k), color="#fdae6b", edgecolor="#e6550d")
        self.ax_s.set(
            ylim=score_range, title="原始分数 $x_i$（评委打分）", xlabel="选手（数字）", xticks=pos, xticklabels=labels
        )
        self.ax_p.set(
            ylim=(0, 1.12), title=r"Softmax 概率 $e^{x_i} / \sum_j e^{x_j}$", xlabel="选手（数字）", xticks=pos
        )
        self.ax_p.set_xticklabels(labels)
        self.ax_s.axhline(0, color="0.4", linewidth=0.8)
        for ax in (self.ax_s, self.ax_p):
            ax.grid(axis="y", alpha=0.3)
        self.texts = [self.ax_p.text(i, 0, "", ha="center", va="bottom", fontsize=8) for i in range(k)]
        self.total = self.ax_p.text(0.98, 0.97, "", transform=self.ax_p.transAxes, ha="right", va="top", fontsize=9)
        self.dynamic = [*self.bars_s, *self.bars_p, *self.texts, self.total]
        for artist in self.dynamic:
            artist.set_animated(True)
        self._background: Any = None

    def render(self, scores: ArrayLike, small: bool = False) -> bytes:
        """Draw ``scores`` and their softmax; return PNG bytes."""
        x = as_array("scores", scores, ndim=(1,))
        if x.shape != (len(self.labels),):
            raise ValueError(f"scores must have shape ({len(self.labels)},), got {x.shape}")
        require_finite("scores", x)
        p = softmax(x)
        low, high = self.score_range
        span = high - low
        for bar, value in zip(self.bars_s, x, strict=True):
            bar.set_height(min(max(value, low - span), high + span))  # beyond the axes the bar is cut off anyway
        best = int(np.argmax(p))
        for i, (bar, text, value) in enumerate(zip(self.bars_p, self.texts, p, strict=True)):
            bar.set_height(value)
            bar.set_color("#e6550d" if i == best else "#fdae6b")
            text.set_position((i, value + 0.01))
            text.set_text(f"{value:.2f}")
        self.total.set_text(f"概率之和 = {p.sum():.3f}")
        self._background = blit(self.canvas, self.dynamic, self._background)
        return canvas_png(self.canvas, small)


class SoftmaxShow(TwoFaced):
    """The talent show (选秀) widget: move the scores, watch the probabilities.

    Create it with :func:`softmax_show`. Live: one vertical slider per
    candidate. Static (HTML book): a player that sweeps the score of one
    candidate, ``vary``, over ``values`` while the others stay put, so the
    reader sees every probability move when a single score changes.
    """

    def __init__(self, scores: ArrayLike, labels: Sequence[str], vary: int, values: Sequence[float]) -> None:
        self.scores = as_array("scores", scores, ndim=(1,)).copy()
        require_finite("scores", self.scores)
        self.labels = list(labels)
        self.vary = vary
        self.values = [as_real("values[i]", v) for v in values]
        self._live: Any = None

    def scores_with(self, value: float) -> np.ndarray:
        """The scores with candidate ``vary`` given ``value``."""
        x = self.scores.copy()
        x[self.vary] = value
        return x

    def frames(self) -> list[Frame]:
        """The static player's pictures, one per value of the varied score."""
        view = SoftmaxView(self.labels)
        frames = []
        for value in self.values:
            x = self.scores_with(value)
            p = softmax(x)
            alt = f"数字 {self.labels[self.vary]} 的分数为 {value:g} 时的 softmax 概率：" + "，".join(
                f"{lab}: {q:.2f}" for lab, q in zip(self.labels, p, strict=True)
            )
            frames.append(Frame(view.render(x, small=True), f"数字 {self.labels[self.vary]} 的分数 = {value:g}", alt))
        return frames

    def static_html(self) -> str:
        """The kernel-free player (for the HTML book)."""
        start = int(np.argmin(np.abs(np.array(self.values) - self.scores[self.vary])))
        return html_player(self.frames(), f"数字 {self.labels[self.vary]} 的分数", initial=start)

    def widget(self) -> Any:
        """The live ipywidgets control: one vertical slider per candidate and the picture."""
        if self._live is None:
            import ipywidgets as widgets

            view = SoftmaxView(self.labels)
            sliders = [
                widgets.FloatSlider(  # the range reaches every given score: a slider never clamps it silently
                    value=float(s),
                    min=min(-4.0, float(s)),
                    max=max(10.0, float(s)),
                    step=0.1,
                    orientation="vertical",
                    description=lab,
                    readout_format=".1f",
                    layout=widgets.Layout(width="3.6em", height="150px"),
                )
                for s, lab in zip(self.scores, self.labels, strict=True)
            ]
            picture = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width="768px"))

            def update(_change: object = None) -> None:
                picture.value = view.render([s.value for s in sliders])

            for s in sliders:
                s.observe(update, names="value")
            update()
            self._live = live_box(widgets.HBox(sliders), picture)
        return self._live

    def __repr__(self) -> str:
        return f"SoftmaxShow({len(self.labels)} candidates, varying {self.labels[self.vary]!r} over {self.values})"


def softmax_show(
    scores: ArrayLike = (1.0, 0.5, 2.0, 0.0, 1.5, -1.0, 0.5, 3.0, 1.0, 2.5),
    labels: Sequence[str] | None = None,
    vary: int = 3,
    values: Sequence[float] = (-2.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0),
) -> SoftmaxShow:
    """The talent show (选秀): softmax of one score per candidate, interactive.

    Parameters
    ----------
    scores : array_like, shape (k,)
        The raw scores, by default one per digit 0–9 (a digit recogniser's last layer).
    labels : sequence of str, optional
        Candidate names (default ``"0"`` … ``"9"``).
    vary : int
        Which candidate's score the static player sweeps.
    values : sequence of float
        The swept scores (at most 10 frames).

    """
    x = as_array("scores", scores, ndim=(1,))
    require_finite("scores", x)
    if values is None or isinstance(values, str | bytes):
        raise ValueError(f"values must be a sequence of finite numbers, got {values!r}")
    values = [as_real("values[i]", v) for v in values]
    names = [str(i) for i in range(len(x))] if labels is None else [str(s) for s in labels]
    if len(names) != len(x) or len(x) == 0:
        raise ValueError(f"need one label per score, got {len(names)} labels for shape {x.shape}")
    vary = as_count("vary", vary)
    if vary >= len(x):
        raise ValueError(f"vary must be in [0, {len(x)}), got {vary}")
    if not 1 <= len(values) <= 10:
        raise ValueError(f"values must hold 1 to 10 scores, got {len(values)}")
    return SoftmaxShow(x, names, vary, values)
