r"""The softmax explorer of chapter 2 (Softmax 选秀探索器): one front end in the browser, live and static.

The source's "talent show" (选秀) made interactive: one score per candidate
(by default the digits 0–9, a digit recogniser's last layer) and the
probabilities :math:`p_i = e^{x_i} / \sum_j e^{x_j}` that softmax gives them.
The reader picks a candidate and moves its score continuously (a slider, a
typed value, or dragging its bar); every probability moves, the other scores
stay put. :func:`softmax_show` gives a :class:`SoftmaxExplorer`, whose output
carries the three faces of :class:`nnmath.views._frontend.FrontEnd` (live
anywidget widget, static page, still picture).

The front end (``js/softmax_explorer.js``) computes softmax as
:func:`nnmath.activations.softmax` does (the maximum subtracted first), checked
against it in Chromium by ``tests/browser/test_views_softmax_page.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from nnmath._checks import Array, as_array, as_count, as_real, require_finite
from nnmath.activations import softmax
from nnmath.views import _frontend
from nnmath.views.plotting import new_figure

#: The slider's range at least (the source's scores lie well inside it).
SCORE_RANGE = (-4.0, 10.0)

#: The slider never goes beyond ±this (softmax is long saturated there); larger scores are typed.
SLIDER_LIMIT = 1000.0


class SoftmaxExplorer(_frontend.FrontEnd):
    """Scores in, softmax probabilities out, one score moved continuously (Softmax 选秀探索器).

    Create it with :func:`softmax_show`; display it as the last value of a cell.

    Attributes
    ----------
    scores : ndarray, shape (k,)
        The scores shown first.
    labels : list of str
        One name per candidate.
    vary : int
        The candidate whose score the slider moves first.
    score_range : (float, float)
        The slider's range (any finite score can be typed).

    """

    kind: ClassVar[str] = "softmax"
    module: ClassVar[str] = "softmax_explorer.js"
    traits: ClassVar[dict[str, str]] = {"data": "dict", "scores": "list", "vary": "int"}

    def __init__(self, scores: Array, labels: list[str], vary: int, score_range: tuple[float, float]) -> None:
        self.scores = scores
        self.labels = labels
        self.vary = vary
        self.score_range = score_range
        self._widget = None

    @property
    def noun(self) -> str:
        """What a candidate is called: 数字 for the digits 0–9, else 选手."""
        return "数字" if self.labels == [str(i) for i in range(len(self.labels))] else "选手"

    def state(self) -> dict[str, Any]:
        """The front end's model: ``data`` (labels, range, title), ``scores`` and ``vary``."""
        data = {
            "title": "选秀：Softmax 把分数变成概率",
            "labels": self.labels,
            "noun": self.noun,
            "range": list(self.score_range),
        }
        return {"data": data, "scores": [float(v) for v in self.scores], "vary": self.vary}

    def alt_text(self) -> str:
        """One sentence (Chinese): the scores shown first and their probabilities."""
        p = softmax(self.scores)
        pairs = "，".join(f"{lab}: {q:.2f}" for lab, q in zip(self.labels, p, strict=True))
        return f"{len(self.labels)} 个分数的 Softmax 概率（{self.noun} {self.labels[self.vary]} 的分数可调）：{pairs}"

    def still_figure(self) -> Figure:
        """The scores and their probabilities as two bar charts, the varied score and the largest p marked."""
        x, p = self.scores, softmax(self.scores)
        k = len(x)
        low, high = self.score_range
        fig = new_figure(9.6, 3.4)
        ax_s, ax_p = fig.subplots(1, 2)
        pos = np.arange(k)
        shown = np.clip(x, low, high)
        ax_s.bar(pos, shown, color=["#3182bd" if i == self.vary else "#9ecae1" for i in pos], edgecolor="#3182bd")
        best = int(np.argmax(p))
        ax_p.bar(pos, p, color=["#e6550d" if i == best else "#fdae6b" for i in pos])
        for i, q in enumerate(p):
            ax_p.text(i, q + 0.01, f"{q:.2f}", ha="center", va="bottom", fontsize=8)
        ax_s.set(ylim=(low, high), title="原始分数 $x_i$（评委打分）", xlabel=self.noun, xticks=pos)
        ax_p.set(ylim=(0, 1.12), title=r"Softmax 概率 $e^{x_i} / \sum_j e^{x_j}$", xlabel=self.noun, xticks=pos)
        for ax in (ax_s, ax_p):
            ax.set_xticklabels(self.labels)
            ax.grid(axis="y", alpha=0.3)
        ax_s.axhline(0, color="0.4", linewidth=0.8)
        ax_p.text(0.98, 0.97, f"概率之和 = {p.sum():.3f}", transform=ax_p.transAxes, ha="right", va="top", fontsize=9)
        return fig

    def __repr__(self) -> str:
        low, high = self.score_range
        return (
            f"SoftmaxExplorer({len(self.labels)} candidates, moving {self.labels[self.vary]!r}, "
            f"slider {low:g} to {high:g})"
        )


def softmax_show(
    scores: ArrayLike = (1.0, 0.5, 2.0, 0.0, 1.5, -1.0, 0.5, 3.0, 1.0, 2.5),
    labels: Sequence[str] | None = None,
    vary: int = 3,
    values: Sequence[float] = (-2.0, 8.0),
) -> SoftmaxExplorer:
    """The talent show (选秀): softmax of one score per candidate, one score moved continuously.

    Parameters
    ----------
    scores : array_like, shape (k,)
        The raw scores, by default one per digit 0–9 (a digit recogniser's last layer).
    labels : sequence of str, optional
        Candidate names (default ``"0"`` … ``"9"``).
    vary : int
        The candidate whose score moves first (the reader may pick another).
    values : sequence of float
        Scores the slider must reach: it spans at least :data:`SCORE_RANGE`,
        every value here and every score, within ±:data:`SLIDER_LIMIT` (any finite
        score can be typed; one beyond the slider is drawn cut, with an arrow).

    Returns
    -------
    SoftmaxExplorer

    Raises
    ------
    ValueError
        If ``scores`` is not a non-empty vector of finite numbers, ``labels`` does not give one name per
        score, ``vary`` is not a candidate's index or ``values`` is not a non-empty sequence of finite numbers.

    """
    x = as_array("scores", scores, ndim=(1,))
    require_finite("scores", x)
    if len(x) == 0:
        raise ValueError(f"scores must hold at least one score, got shape {x.shape}")
    names = [str(i) for i in range(len(x))] if labels is None else [str(s) for s in labels]
    if isinstance(labels, str) or len(names) != len(x):
        raise ValueError(f"labels must give one name per score: {len(x)} scores, got {labels!r}")
    vary = as_count("vary", vary)
    if vary >= len(x):
        raise ValueError(f"vary must be in [0, {len(x)}), got {vary}")
    if values is None or isinstance(values, str | bytes) or len(values) == 0:
        raise ValueError(f"values must be a non-empty sequence of finite numbers, got {values!r}")
    reach = [as_real("values[i]", v) for v in values] + [float(v) for v in x]
    low = max(min(SCORE_RANGE[0], *reach), -SLIDER_LIMIT)
    high = min(max(SCORE_RANGE[1], *reach), SLIDER_LIMIT)
    return SoftmaxExplorer(x.astype(float).copy(), names, vary, (float(np.floor(low)), float(np.ceil(high))))
