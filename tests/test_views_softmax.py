"""The softmax explorer (nnmath.views.softmax_explorer): its faces, the state it sends, its checks, its still."""

from __future__ import annotations

import base64
import json
import math
import re

import numpy as np
import pytest
from support import pixels

from nnmath.views.softmax_explorer import SCORE_RANGE, SLIDER_LIMIT, softmax_show

WIDGET = "application/vnd.jupyter.widget-view+json"


def state_of(page: str) -> dict:
    match = re.search(r'<script type="application/json">(.*?)</script>', page, re.S)
    assert match is not None
    return json.loads(match.group(1))


def test_the_bundle_has_the_live_the_static_and_the_still_face() -> None:
    show = softmax_show()
    bundle, _ = show._repr_mimebundle_()
    assert {WIDGET, "text/html", "image/png", "text/plain"} <= set(bundle)
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    page = bundle["text/html"]
    assert 'data-kind="softmax"' in page and "function softmax(" in page and "api.mountStatic(" in page
    assert "://" not in page.replace("data:image/png;base64,", "")
    assert state_of(page) == show.state()
    assert show.static_html() == softmax_show().static_html()  # nbval compares the saved outputs


def test_the_widget_syncs_the_scores_and_the_moved_candidate() -> None:
    widget = softmax_show(scores=(1.0, 2.0, 3.0), vary=2).widget()
    assert widget.scores == [1.0, 2.0, 3.0] and widget.vary == 2
    assert widget.data["labels"] == ["0", "1", "2"] and widget.data["noun"] == "数字"
    assert softmax_show(scores=(1.0, 2.0), labels=("猫", "狗"), vary=0).state()["data"]["noun"] == "选手"


def test_the_slider_reaches_every_score_and_value_within_its_limit() -> None:
    assert softmax_show().score_range == SCORE_RANGE
    assert softmax_show(scores=(12.5, -7.2), vary=0, values=(0.0,)).score_range == (-8.0, 13.0)
    assert softmax_show(scores=(0.0, 1.0), vary=0, values=(-30.0, 40.0)).score_range == (-30.0, 40.0)
    huge = softmax_show(scores=(0.0, 1.0), vary=0, values=(-1.7e308, 1.7e308))
    assert huge.score_range == (-SLIDER_LIMIT, SLIDER_LIMIT)


def test_scores_beyond_float_range_draw_without_warning() -> None:
    # (the tests run with -W error): the still, the page and the widget of scores at the edge of float range
    show = softmax_show(scores=(0.0, 1.7e308), vary=0, values=(-1.7e308, 1.7e308))
    page = show.static_html()
    assert show.alt_text().endswith("0: 0.00，1: 1.00") and 'data-kind="softmax"' in page
    assert show.widget().scores == [0.0, 1.7e308]


def test_the_live_widget_keeps_scores_outside_the_usual_range() -> None:
    show = softmax_show(scores=(20.0, -9.0), vary=0, values=(0.0, 1.0))
    assert show.widget().scores == [20.0, -9.0]
    assert show.score_range == (-9.0, 20.0)  # the slider reaches both


def test_the_alt_text_carries_nnmaths_probabilities() -> None:
    # softmax of equal scores is uniform; far apart, the larger takes everything (the maximum is subtracted)
    assert "a: 0.50，b: 0.50" in softmax_show(scores=(0.0, 0.0), labels=("a", "b"), vary=0).alt_text()
    assert "0: 0.00，1: 1.00" in softmax_show(scores=(0.0, 1e308), vary=0).alt_text()


def test_the_still_shows_the_moved_score() -> None:
    a = pixels(softmax_show().still_png())
    b = pixels(softmax_show(scores=(1.0, 0.5, 2.0, 8.0, 1.5, -1.0, 0.5, 3.0, 1.0, 2.5)).still_png())
    assert a.shape == b.shape and np.abs(a - b).mean() > 0.5


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"scores": (0.0, math.inf, 1.0)}, "^scores"),
        ({"scores": (0.0, math.nan)}, "^scores"),
        ({"scores": ()}, "^scores"),
        ({"labels": ("a",)}, "^labels"),
        ({"labels": "ab"}, "^labels"),
        ({"vary": 2}, "^vary"),
        ({"vary": -1}, "^vary"),
        ({"values": (0.0, math.nan)}, "^values"),
        ({"values": None}, "^values"),
        ({"values": ()}, "^values"),
    ],
    ids=repr,
)
def test_bad_arguments_name_the_parameter(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        softmax_show(**({"scores": (1.0, 2.0), "vary": 0} | kwargs))
