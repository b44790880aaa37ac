import re

import numpy as np
import pytest
from support import pixels

from nnmath.shape_views import PRESETS, ShapeView, Sizes, shape_explorer


@pytest.fixture(scope="module")
def html() -> str:
    return shape_explorer().static_html()


def test_player_has_one_frame_per_preset_and_is_deterministic(html):
    assert html.count("<img ") == len(PRESETS)
    assert 'type="range"' in html and f'max="{len(PRESETS) - 1}"' in html
    assert "http" not in html.replace("data:image/png", "")
    assert shape_explorer().static_html() == html


def test_frames_differ_and_mismatch_frames_say_so(html):
    alts = re.findall(r'alt="([^"]*)"', html)
    mismatched = [s.given != s.n for s in PRESETS]
    assert any(mismatched) and not all(mismatched)
    for alt, bad in zip(alts, mismatched, strict=True):
        assert ("ValueError" in alt) == bad
    srcs = re.findall(r'src="([^"]*)"', html)
    assert len(set(srcs)) == len(srcs)


def test_view_redraws_in_place_and_marks_errors():
    view = ShapeView()
    fig = view.fig
    a = pixels(view.render(Sizes(2, 3, 4, 2)))
    b = pixels(view.render(Sizes(2, 3, 4, 3)))
    assert view.fig is fig
    assert np.abs(a - b).mean() > 1.0
    # The first text line of a mismatched picture names the shapes; the second quotes nnmath's error.
    assert "ValueError" in view.lines[1].get_text() and "(4, 3)" in view.lines[1].get_text()
    view.draw(Sizes(2, 3, 4, 2))
    # The worked entry Y₀₀ = X₀₀W₀₀ + X₀₁W₀₁ + b₀ ends with the value nnmath.linear gives.
    X, W, b = view.values
    expected = X[0, :2] @ W[0, :2] + b[0]
    assert view.lines[1].get_text().endswith(f"= {expected:g}")


def test_live_widget_follows_the_sliders():
    box = shape_explorer().widget()
    n, _m = box.children[0].children
    N, given = box.children[1].children
    picture = box.children[2]
    first = picture.value
    N.value = 5
    assert picture.value != first
    n.value = 4
    assert given.value == 4  # x's columns follow n
    before = picture.value
    given.value = 3  # now mismatched
    assert picture.value != before


def test_bad_presets_are_refused():
    with pytest.raises(ValueError, match="at most"):
        shape_explorer([Sizes(7, 1, 1, 7)])
    with pytest.raises(ValueError, match="presets"):
        shape_explorer([])
