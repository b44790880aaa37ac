r"""Pictures of chapter 2 (激活函数的图).

* :func:`activation_figure`: ReLU, sigmoid and tanh with their derivatives.

The talent show (选秀) explorer is :func:`nnmath.views.softmax_explorer.softmax_show`,
drawn in the browser.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from nnmath._checks import as_real
from nnmath.activations import relu, relu_grad, sigmoid, sigmoid_grad, tanh, tanh_grad
from nnmath.views.plotting import new_figure

__all__ = ["activation_figure"]


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
