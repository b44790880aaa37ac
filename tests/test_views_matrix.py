"""The matrix explorer of 附录 A (nnmath.views.matrix_explorer): its faces, its state, its words and its checks."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest

from nnmath.algebra import matrix_action
from nnmath.views.matrix_explorer import MATRIX_PRESETS, matrix_explorer, matrix_words

WIDGET = "application/vnd.jupyter.widget-view+json"


def state_of(page: str) -> dict:
    match = re.search(r'<script type="application/json">(.*?)</script>', page, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_the_bundle_has_the_live_the_static_and_the_still_face() -> None:
    explorer = matrix_explorer([[1.0, 0.5], [0.0, 1.0]])
    bundle, _ = explorer._repr_mimebundle_()
    assert {WIDGET, "text/html", "image/png", "text/plain"} <= set(bundle)
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    page = bundle["text/html"]
    assert 'class="nnmath-explorer" data-kind="matrix"' in page and "api.mountStatic(" in page
    assert "function action(" in page and "://" not in page.replace("data:image/png;base64,", "")
    assert state_of(page) == explorer.state()
    assert explorer.static_html() == matrix_explorer([[1.0, 0.5], [0.0, 1.0]]).static_html()  # nbval: no random ids


def test_the_state_holds_the_entries_row_by_row_and_the_presets() -> None:
    state = matrix_explorer([[1.0, 2.0], [3.0, 4.0]]).state()
    assert state["A"] == [1.0, 2.0, 3.0, 4.0]  # A00, A01, A10, A11
    assert [name for name, _ in state["data"]["presets"]] == [name for name, _ in MATRIX_PRESETS]
    assert state["data"]["range"] == [-3, 3]


def test_the_widget_syncs_the_matrix() -> None:
    explorer = matrix_explorer([[0.0, -1.0], [1.0, 0.0]])
    widget = explorer.widget()
    assert widget.A == [0.0, -1.0, 1.0, 0.0] and widget.data == explorer.state()["data"]
    assert "export default api;" in widget._esm and explorer.widget() is widget


def test_the_readout_and_alt_text_come_from_matrix_words() -> None:
    explorer = matrix_explorer([[2.0, 1.0], [1.0, 2.0]])
    # det [[2, 1], [1, 2]] = 4 - 1 = 3; symmetric with eigenvalues 1 and 3
    assert explorer.describe() == "A = [[2, 1], [1, 2]]，det A = 3：" + matrix_words([[2, 1], [1, 2]])
    assert "乘以 1 和 3" in explorer.describe()
    assert explorer.describe() in explorer.alt_text()


def test_every_preset_is_what_its_name_says() -> None:
    kinds = {name: matrix_action(np.reshape(values, (2, 2))).kind for name, values in MATRIX_PRESETS}
    assert kinds == {
        "单位矩阵": "identity",
        "拉伸": "axis_stretch",
        "旋转 90°": "rotation",
        "剪切": "shear",
        "翻转": "reflection",
        "对称": "symmetric",
        "压成一条线": "collapse",
    }


def test_the_still_picture_shows_the_readout() -> None:
    explorer = matrix_explorer([[0.0, -1.0], [1.0, 0.0]])
    fig = explorer.still_figure()
    label = fig.axes[0].get_xlabel().replace("\n", "")
    assert label.startswith("det A = 1：旋转：绕原点逆时针转 90°")


@pytest.mark.parametrize(
    ("A", "message"),
    [
        ([[1.0, 0.0, 0.0]], r"shape \(2, 2\)"),
        ([[np.nan, 0.0], [0.0, 1.0]], "finite"),
        ([[11.0, 0.0], [0.0, 1.0]], r"\[-10, 10\]"),
        ("abc", "A"),
    ],
)
def test_bad_matrices_are_refused(A, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        matrix_explorer(A)


def test_matrix_words_say_what_the_matrix_does():
    assert matrix_words([[0, -1], [1, 0]]) == "旋转：绕原点逆时针转 90°，形状和面积都不变"
    assert "顺时针转 45°，长度乘以 1.41，面积乘以 2" in matrix_words([[1, 1], [-1, 1]])
    assert "翻面（det < 0）" in matrix_words([[1, 2], [3, 4]])  # det = 4 - 6 = -2
    assert "面积乘以 2" in matrix_words([[1, 2], [3, 4]])
    assert "乘以 1 和 3" in matrix_words([[2, 1], [1, 2]])  # eigenvalues of [[2, 1], [1, 2]]
    assert matrix_words([[0, 1], [1, 0]]) == "翻转：以与横轴成 45° 的直线为镜子作镜面反射，形状不变（det < 0）"
    assert matrix_words(np.zeros((2, 2))).startswith("零矩阵")


def test_matrix_words_refuse_what_is_not_a_finite_2x2_matrix():
    with pytest.raises(ValueError, match=r"shape \(2, 2\)"):
        matrix_words(np.eye(3))
