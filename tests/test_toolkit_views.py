import numpy as np
import pytest

from nnmath.views.plotting import new_figure
from nnmath.views.toolkit import (
    Step,
    chain_figure,
    dot_figure,
    draw_plane,
    latex_matrix,
    mathtext_matrix,
    plane_figure,
    taylor_figure,
)

# --- formatting -------------------------------------------------------------------------------------------------


def test_latex_matrix_writes_rows_and_columns():
    assert latex_matrix([[1, 0.5], [-1, 2]]) == r"\begin{bmatrix} 1 & 0.5 \\ -1 & 2 \end{bmatrix}"
    assert latex_matrix([3.6, -3.5]) == r"\begin{bmatrix} 3.6 \\ -3.5 \end{bmatrix}"  # a vector is a column
    assert latex_matrix([[1 / 3]], digits=3) == r"\begin{bmatrix} 0.333 \end{bmatrix}"
    with pytest.raises(ValueError, match="finite"):
        latex_matrix([[np.nan]])


def test_mathtext_matrix_is_two_rows_in_brackets():
    assert mathtext_matrix([[2, 1], [1, 2]]) == r"\genfrac{[}{]}{0}{}{2\ \ 1}{1\ \ 2}"
    with pytest.raises(ValueError, match=r"shape \(2, 2\)"):
        mathtext_matrix(np.eye(3))


# --- the plane under one matrix (the matrix explorer's still picture) --------------------------------------------


def test_draw_plane_draws_the_columns_and_the_image_of_the_square():
    fig = new_figure(4, 4)
    ax = fig.add_subplot()
    draw_plane(ax, [[2.0, 0.0], [0.0, 0.5]], "A")
    squares = [p for p in ax.patches if p.get_fill()]
    # the image of the unit square is the parallelogram spanned by A's columns (2, 0) and (0, 0.5)
    np.testing.assert_allclose(squares[0].get_xy()[:4], [[0, 0], [2, 0], [2, 0.5], [0, 0.5]])
    assert ax.get_title() == "A"
    with pytest.raises(ValueError, match=r"shape \(2, 2\)"):
        draw_plane(ax, [[1.0, 0.0, 0.0]], "A")


# --- static figures -----------------------------------------------------------------------------------------------


def test_chain_figure_multiplies_the_local_derivatives():
    fig = chain_figure(
        [("x", 1.0), ("y", 4.0), ("z", 16.0)],
        [Step("$y = 3x + 1$", r"\dfrac{dy}{dx}", 3.0), Step("$z = y^2$", r"\dfrac{dz}{dy}", 8.0)],
    )
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("链式法则") and t.endswith("= 24$") for t in texts)
    with pytest.raises(ValueError, match="one more node"):
        chain_figure([("x", 1.0)], [Step("f", "f'", 1.0)])


def test_taylor_figure_checks_its_input():
    fig = taylor_figure(np.exp, [1.0, 1.0, 1.0], 0.0, (-1.0, 1.0), "e^x")
    assert len(fig.axes) == 2 and len(fig.axes[1].lines) == 4
    with pytest.raises(ValueError, match="window"):
        taylor_figure(np.exp, [1.0, 1.0, 1.0], 2.0, (-1.0, 1.0), "e^x")
    with pytest.raises(ValueError, match="derivatives"):
        taylor_figure(np.exp, [1.0, 1.0], 0.0, (-1.0, 1.0), "e^x")


def test_dot_and_plane_figures():
    fig = dot_figure([3, 1], [1, 2])
    assert "= 5$" in fig.axes[0].get_title()  # 3×1 + 1×2
    with pytest.raises(ValueError, match="zero vector"):
        dot_figure([0, 0], [1, 2])
    fig = plane_figure([np.eye(2), [[0, -1], [1, 0]]], ["I", "R"])
    assert len(fig.axes) == 2
    with pytest.raises(ValueError, match="one title per matrix"):
        plane_figure([np.eye(2)], [])
