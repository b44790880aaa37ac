import numpy as np
import pytest
from matplotlib.figure import Figure

from nnmath import data, fitting
from nnmath import separability as sp
from nnmath.descent import gradient_descent
from nnmath.views import fit


def test_fit_figure_legend_reports_each_curves_loss():
    x, y = data.parabola_points(12)
    line = fitting.fit_line(x, y)
    fig = fit.fit_figure([("p", x, y, [fit.FittedCurve(line, "直线", residuals=True)])])
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert f"{fitting.fit_loss(x, y, line):.3g}" in labels[0]


def test_loss_floor_figure_draws_the_floor():
    x, y = data.parabola_points(12)
    loss, grad = fitting.fit_gradient(x, y, 1)
    run = gradient_descent(grad, [0.0, 0.0], 0.3, 50, loss=loss)
    floor = fitting.loss_floor(x, y, 1)
    fig = fit.loss_floor_figure([("直线", run, floor)])
    ys = [line.get_ydata()[0] for line in fig.axes[0].get_lines()]
    assert floor in ys
    with pytest.raises(ValueError, match="losses"):
        fit.loss_floor_figure([("x", gradient_descent(grad, [0.0, 0.0], 0.3, 5), floor)])


def test_separation_and_plane_figures():
    X, t = data.xor()
    found = sp.perceptron(X, [0, 0, 0, 1])
    fig = fit.separation_figure([("and", X, [0, 0, 0, 1], found), ("xor", X, t, sp.perceptron(X, t))])
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    X3 = np.column_stack([X, X[:, 0] * X[:, 1]])
    assert isinstance(fit.plane_figure(X3, t, sp.perceptron(X3, t), ["a", "b", "c"]), Figure)
    with pytest.raises(ValueError, match="separating plane"):
        fit.plane_figure(X3, t, sp.perceptron(X3[:, [0, 1, 0]], t, max_epochs=5), ["a", "b", "c"])


def test_xor_figure_counts_wrong_points():
    X, t = data.xor()
    fig = fit.xor_figure(X, t, [(1.0, 1.0, -0.5)])
    # x0 + x1 - 0.5: (0,0) → -0.5 right, (0,1), (1,0) → 0.5 right, (1,1) → 1.5 wrong: one mistake.
    assert "错 1 个" in fig.axes[0].get_legend().get_texts()[0].get_text()


def test_mistakes_figure_truncates():
    X, t = data.xor()
    fig = fit.mistakes_figure([("xor", sp.perceptron(X, t, max_epochs=50))], show=20)
    assert len(fig.axes[0].get_lines()[0].get_xdata()) == 20
