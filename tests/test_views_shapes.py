"""The shape explorer (nnmath.views.shape_explorer): the numbers it sends, nnmath's words, its checks, its still."""

from __future__ import annotations

import base64
import importlib

import numpy as np
import pytest
from support import pixels

from nnmath import linear
from nnmath.views.shape_explorer import MAX_SIZE, fill, mismatch_templates, shape_explorer, values

#: The module itself (``nnmath.views.shape_explorer`` as an attribute is the function the package exports).
shape_explorer_module = importlib.import_module("nnmath.views.shape_explorer")

WIDGET = "application/vnd.jupyter.widget-view+json"


def test_the_bundle_has_the_live_the_static_and_the_still_face() -> None:
    explorer = shape_explorer()
    bundle, _ = explorer._repr_mimebundle_()
    assert {WIDGET, "text/html", "image/png", "text/plain"} <= set(bundle)
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert 'data-kind="shapes"' in bundle["text/html"] and "function shapeError(" in bundle["text/html"]
    assert explorer.static_html() == shape_explorer().static_html()
    widget = shape_explorer(3, 2, 4, given=2).widget()
    assert (widget.n, widget.m, widget.N, widget.given) == (3, 2, 4, 2)


def test_the_cells_and_every_product_are_sent() -> None:
    data = shape_explorer().state()["data"]
    X, W, b = (np.array(data[k], dtype=float) for k in ("X", "W", "b"))
    assert X.shape == W.shape == (MAX_SIZE, MAX_SIZE) and b.shape == (MAX_SIZE,)
    assert set(np.unique(np.concatenate([X.ravel(), W.ravel(), b]))) <= {-2.0, -1.0, 0.0, 1.0, 2.0}
    for n in range(1, MAX_SIZE + 1):
        # row r, column i of Y: sample r times neuron i's first n weights, plus b_i
        want = np.array([[X[r, :n] @ W[i, :n] + b[i] for i in range(MAX_SIZE)] for r in range(MAX_SIZE)])
        np.testing.assert_array_equal(data["Y"][n - 1], want)
    counts = np.array(data["counts"])
    n, m, N = np.meshgrid(*[np.arange(1, MAX_SIZE + 1)] * 3, indexing="ij")
    np.testing.assert_array_equal(counts[..., 0], m * n + m)
    np.testing.assert_array_equal(counts[..., 1], N * m * n)


def test_a_match_works_one_entry_out() -> None:
    explorer = shape_explorer(2, 3, 1)
    X, W, b = values()
    lines = explorer.lines()
    assert lines[0].endswith("y 为 (N, m) = (1, 3)")
    assert lines[1].endswith(f"= {X[0, :2] @ W[0, :2] + b[0]:g}")
    assert lines[2] == "参数个数 mn + m = 9；乘法次数 Nmn = 6"


def test_a_mismatch_shows_the_error_nnmath_linear_raises() -> None:
    explorer = shape_explorer(3, 2, 4, given=2)
    with pytest.raises(ValueError) as raised:
        linear(np.zeros((4, 2)), np.zeros((2, 3)), np.zeros(2))
    lines = explorer.lines()
    assert lines[1] == f"nnmath.linear 报错 ValueError: {raised.value}"
    assert "W 的列数 3" in lines[2]
    assert "形状不匹配" in explorer.alt_text()


def test_the_mismatch_templates_give_nnmaths_words() -> None:
    templates = mismatch_templates()
    assert shape_explorer().state()["data"]["mismatch"] == templates
    for N, given, m, n in [(1, 3, 2, 2), (6, 1, 6, 5), (4, 6, 1, 2)]:
        with pytest.raises(ValueError) as raised:
            linear(np.zeros((N, given)), np.zeros((m, n)), np.zeros(m))
        assert fill(templates["error"], N=N, given=given, m=m, n=n) == str(raised.value)
        assert fill(templates["explanation"], N=N, given=given, m=m, n=n).endswith(f"W 的列数 {n}。")


def test_words_that_are_no_template_of_the_sizes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from nnmath.shapes import ShapeCheck

    # words that name the sizes for the stand-ins but not for the sizes offered
    stand_in = ShapeCheck(ok=False, y=None, error="x has 12 columns", explanation="")
    other = ShapeCheck(ok=False, y=None, error="x has the wrong size", explanation="")
    monkeypatch.setattr(shape_explorer_module, "check_shapes", lambda x, W, b: stand_in if x == (11, 12) else other)
    mismatch_templates.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="no template"):
            mismatch_templates()
    finally:
        mismatch_templates.cache_clear()


def test_the_still_draws_the_chosen_sizes() -> None:
    a, b = pixels(shape_explorer(2, 3, 1).still_png()), pixels(shape_explorer(3, 2, 4, given=2).still_png())
    assert a.shape == b.shape and np.abs(a - b).mean() > 0.5


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n": 0}, "^n "),
        ({"m": MAX_SIZE + 1}, "^m must be at most"),
        ({"N": 2.5}, "^N"),
        ({"given": True}, "^given"),
        ({"initial": (2, 3, 1, 2)}, "^initial"),
    ],
    ids=repr,
)
def test_bad_sizes_name_the_parameter(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        shape_explorer(**kwargs)
