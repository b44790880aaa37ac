"""The softmax explorer's static face in Chromium, and its softmax against nnmath's.

A page made of the explorer's text/html output (no kernel, no book build). At
phone and laptop width: every control is labelled; each step of the score
slider, a typed score, a tap on another candidate's bar and a drag of it
redraw the picture and the readout; nothing is fetched from another host and
the console stays free of errors. The module's ``softmax`` agrees with
:func:`nnmath.activations.softmax` to 1e-12 relative on random scores, huge
ones (where subtracting the maximum matters) and spreads beyond float range.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from bookpages import DESKTOP, PHONE, open_page, serve_page

from nnmath.activations import softmax
from nnmath.views.softmax_explorer import softmax_show

RTOL = 1e-12


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_page(tmp_path_factory.mktemp("softmax"), "选秀", softmax_show().static_html()) as url:
        yield url


def picture(root) -> str:
    return root.evaluate(
        "root => [...root.querySelectorAll('canvas')].map(c => c.toDataURL()).join('|')"
        " + root.querySelector('.nnx-readout').textContent"
    )


def changed(page, root, action) -> None:
    """Do ``action`` and wait for the next frame."""
    before = root.get_attribute("data-frame")
    action()
    page.wait_for_function("([r, old]) => r.dataset.frame !== old", arg=[root.element_handle(), before])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "laptop"])
def test_moving_a_score_redraws_the_probabilities(browser, site: str, viewport: dict) -> None:
    opened = open_page(browser, site, "index.html", viewport)
    page = opened.page
    try:
        root = page.locator(".nnx")
        assert page.locator('div.nnmath-explorer[data-kind="softmax"] .nnx').count() == 1
        for box in (root.bounding_box(), *(c.bounding_box() for c in root.locator("canvas").all())):
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
        slider = root.locator("input[type=range]")
        assert slider.get_attribute("aria-label") == "数字 3 的分数 x3"
        assert root.locator("input[type=radio][aria-label='数字 7']").count() == 1
        assert root.locator(".nnx-readout[aria-live=polite]").count() == 1
        # the slider, key by key: a new picture every time, the probability of 3 rising
        slider.focus()
        seen = {picture(root)}
        for _ in range(5):
            changed(page, root, lambda: page.keyboard.press("ArrowRight"))
            seen.add(picture(root))
        assert len(seen) == 6
        # a typed score far above the others: 3 takes (almost) all the probability
        changed(page, root, lambda: root.locator("input[type=number]").fill("1000"))
        text = root.locator(".nnx-readout").text_content()
        assert "数字 3 的分数 = 1000" in text and "概率最大的是数字 3（1.000）" in text
        assert root.get_attribute("data-best") == "3"
        # a tap on digit 7's bar picks 7 and sets its score where the finger is; dragging moves it
        canvas = root.locator("canvas.nnx-bars")
        box = canvas.bounding_box()
        x7 = box["x"] + 40 + (box["width"] - 48) * 7.5 / 10
        changed(page, root, lambda: page.mouse.click(x7, box["y"] + 40))
        assert root.locator("input[type=radio][aria-label='数字 7']").is_checked()
        high = root.locator("input[type=number]").input_value()
        page.mouse.move(x7, box["y"] + 40)
        page.mouse.down()
        page.mouse.move(x7, box["y"] + box["height"] - 40, steps=4)
        page.mouse.up()
        page.wait_for_timeout(100)
        assert float(root.locator("input[type=number]").input_value()) < float(high) - 3
        # the keyboard picks another candidate too
        root.locator("input[type=radio][aria-label='数字 7']").focus()
        changed(page, root, lambda: page.keyboard.press("ArrowRight"))
        assert "数字 8 的分数" in root.locator(".nnx-readout").text_content()
        assert opened.errors == [] and opened.blocked == []
    finally:
        page.context.close()


def cases() -> list[list[float]]:
    rng = np.random.default_rng(20261129)
    out = [rng.normal(0, 3, size=int(rng.integers(1, 12))).tolist() for _ in range(200)]
    out += [[*rng.normal(0, 1, size=10).tolist(), v] for v in (700.0, 710.0, -745.0, 1e5, 1e300)]
    # all scores huge: e^x overflows for every one, only the shift by the maximum keeps them apart
    out += [(c + rng.normal(0, 3, size=10)).tolist() for c in (800.0, -800.0, 1e6, -1e6)]
    out += [[1000.0, 1000.0, 999.0], [1.7e308, -1.7e308, 0.0], [-1e308, -1e308], [0.0] * 10, [5.0]]
    return out


def test_the_front_end_computes_softmax_as_nnmath(browser) -> None:
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>parity</title>")
        page.evaluate(
            """async (source) => {
                const url = URL.createObjectURL(new Blob([source], {type: "text/javascript"}));
                window.explorer = (await import(url)).default;
            }""",
            softmax_show().esm(),
        )
        scores = cases()
        ours = page.evaluate("all => all.map(x => window.explorer.softmax(x))", scores)
        for x, js in zip(scores, ours, strict=True):
            want = softmax(np.array(x))
            # relative agreement; values below 1e-300 are both underflowed to (almost) nothing
            np.testing.assert_allclose(js, want, rtol=RTOL, atol=1e-300, err_msg=str(x))
            assert abs(sum(js) - 1) < 1e-12
    finally:
        page.close()
