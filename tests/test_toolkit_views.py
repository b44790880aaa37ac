import math
import re

import numpy as np
import pytest
from support import pixels

from nnmath.algebra import symmetric_eigen, symmetric_from_eigen
from nnmath.toolkit_views import (
    MATRIX_PRESETS,
    EigenView,
    PlaneView,
    Step,
    chain_figure,
    dot_figure,
    eigen_explorer,
    latex_matrix,
    mathtext_matrix,
    matrix_explorer,
    plane_figure,
    plane_html,
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


# --- the static matrix explorer -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def html() -> str:
    return plane_html([[1.0, 0.5], [0.0, 1.0]])


def test_static_explorer_is_light_deterministic_and_self_contained(html):
    assert plane_html([[1.0, 0.5], [0.0, 1.0]]) == html
    assert len(html.encode()) < 8000  # a few numbers and a short script, no image
    assert "http" not in html and "<img" not in html and "src=" not in html
    assert html.count('type="range"') == 4 and html.count("<button") == len(MATRIX_PRESETS)
    values = re.findall(r'type="range" min="-2" max="2" step="0.05" value="([^"]*)"', html)
    assert values == ["1", "0.5", "0", "1"]
    # Before any script runs, the readout already names the columns Ae0 = (1, 0) and Ae1 = (0.5, 1).
    assert "Ae₀ = (1.00, 0.00)，Ae₁ = (0.50, 1.00)" in html
    assert 'role="img"' in html and "aria-label" in html


def test_static_explorer_rejects_entries_beyond_the_sliders():
    with pytest.raises(ValueError, match=r"\[-2, 2\]"):
        plane_html([[3.0, 0.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match=r"shape \(2, 2\)"):
        matrix_explorer([[1.0, 0.0, 0.0]])


# --- the live faces -----------------------------------------------------------------------------------------------


def test_plane_view_redraws_in_place():
    view = PlaneView()
    fig = view.fig
    a = pixels(view.render([[1.0, 0.0], [0.0, 1.0]]))
    b = pixels(view.render([[2.0, 0.0], [0.0, 0.5]]))
    assert view.fig is fig and a.shape == b.shape
    assert np.abs(a - b).mean() > 0.5
    # The square's corners and the arrows are A's columns.
    np.testing.assert_allclose(view.artists.square.get_xy()[:4], [[0, 0], [2, 0], [2, 0.5], [0, 0.5]])
    assert tuple(view.artists.e1.xy) == (0.0, 0.5)


def test_matrix_explorer_widget_follows_sliders_and_presets():
    explorer = matrix_explorer([[1.0, 0.5], [0.0, 1.0]])
    box = explorer.widget()
    a00, _a01 = box.children[0].children
    buttons = box.children[2].children
    picture = box.children[3]
    before = picture.value
    a00.value = 1.5
    assert picture.value != before
    buttons[[name for name, _ in MATRIX_PRESETS].index("旋转 90°")].click()
    values = [s.value for row in box.children[:2] for s in row.children]
    assert values == [0.0, -1.0, 1.0, 0.0]
    assert explorer.widget() is box
    assert pixels(explorer.still_png()).shape[0] > 100


def test_eigen_view_draws_the_eigenvectors_and_the_curvatures():
    view = EigenView()
    values, angle = (0.5, 3.0), math.radians(30)
    view.draw(values, angle)
    e = symmetric_eigen(symmetric_from_eigen(values, angle))
    for k in range(2):
        # Each arrow ends where its eigen-direction meets the level L = 1: at distance sqrt(2 / λ_k).
        tip = np.array(view.arrows[k].xy)
        assert np.linalg.norm(tip) == pytest.approx(math.sqrt(2 / values[k]))
        assert abs(tip @ e.vectors[:, k]) / np.linalg.norm(tip) == pytest.approx(1.0)
        s, cut = view.cuts[k].get_data()
        np.testing.assert_allclose(cut, 0.5 * values[k] * np.asarray(s) ** 2, atol=1e-12)
    # v1 points at 30 degrees.
    assert math.degrees(math.atan2(view.arrows[1].xy[1], view.arrows[1].xy[0])) % 180 == pytest.approx(30)
    assert "0.667" in view.ax_cut.get_title()  # 2 / λ1 = 2 / 3


def test_eigen_explorer_player_and_widget():
    explorer = eigen_explorer(values=(0.5, 3.0), angles=(0, 45, 90), initial=1)
    html = explorer.static_html()
    assert html.count("<img ") == 3 and html.count(" hidden") == 2
    srcs = re.findall(r'src="([^"]*)"', html)
    assert len(set(srcs)) == 3
    assert "θ = 45°" in html
    box = explorer.widget()
    (small, large), angle, picture = box.children[0].children, box.children[1], box.children[2]
    before = picture.value
    angle.value = 60
    assert picture.value != before
    # λ0 stays the smaller eigenvalue, so v1 stays the steep direction the angle slider turns.
    large.value = 0.3
    assert small.value <= 0.3 and small.max == 0.3


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": (0.0, 3.0)}, "values"),
        ({"values": (1.0, 6.0)}, "values"),
        ({"angles": ()}, "angles"),
        ({"angles": (0, 30), "initial": 2}, "initial"),
    ],
)
def test_eigen_explorer_rejects_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        eigen_explorer(**kwargs)


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
