"""The digits epoch player's static face in Chromium.

A page made of the player's text/html output (no kernel, no book build), for a
small network trained three epochs. At phone and laptop width: the epoch
slider and the image choice are labelled; each step of the slider redraws the
picture and the readout says what :meth:`DigitsPlayer.describe` says at that
epoch; another test image redraws it; ▶ plays the epochs to the end; nothing is
fetched from another host and the console stays free of errors.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bookpages import DESKTOP, PHONE, open_page, serve_page

from nnmath.digits import load_digits, train, train_test_split
from nnmath.network import MLP
from nnmath.views.digits_player import DigitsPlayer, draft_explorer


@pytest.fixture(scope="module")
def player() -> DigitsPlayer:
    X, labels = load_digits()
    data = train_test_split(X, labels, seed=0)
    net = MLP((64, 8, 10), "tanh", output="softmax", seed=0)
    kept = [(0, net.with_params(net.params()))]
    train(net, data, 0.5, 3, 64, on_epoch=lambda e, n, _c: kept.append((e, n.with_params(n.params()))))
    return draft_explorer(kept, data[1], data[3], index=3)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, player: DigitsPlayer) -> Iterator[str]:
    with serve_page(tmp_path_factory.mktemp("digits"), "选秀", player.static_html()) as url:
        yield url


def picture(root) -> str:
    return root.evaluate(
        "root => root.querySelector('canvas').toDataURL() + root.querySelector('.nnx-readout').textContent"
    )


def next_frame(page, root, action) -> None:
    before = root.get_attribute("data-frame")
    action()
    page.wait_for_function("([r, old]) => r.dataset.frame !== old", arg=[root.element_handle(), before])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "laptop"])
def test_scrubbing_the_epochs_redraws_and_says_what_nnmath_says(
    browser, site: str, player: DigitsPlayer, viewport: dict
) -> None:
    opened = open_page(browser, site, "index.html", viewport)
    page = opened.page
    try:
        root = page.locator('div.nnmath-explorer[data-kind="digits"] .nnx')
        box = root.locator("canvas").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1
        readout = root.locator(".nnx-readout[aria-live=polite]")
        assert readout.text_content() == player.describe(0)
        slider = root.locator("input[type=range][aria-label='训练轮数']")
        slider.focus()
        seen = {picture(root)}
        for k in range(1, len(player.epochs)):
            next_frame(page, root, lambda: page.keyboard.press("ArrowRight"))
            seen.add(picture(root))
            assert readout.text_content() == player.describe(k)
            assert root.get_attribute("data-epoch") == str(player.epochs[k])
        assert len(seen) == len(player.epochs)
        # another test image (every image offered has a labelled choice)
        assert root.locator("input[type=radio]").count() == len(player.shown)
        choice = root.locator("input[type=radio]").nth(4)
        assert choice.get_attribute("aria-label").startswith(f"测试图片 {player.shown[4]}（答案 ")
        before = picture(root)
        next_frame(page, root, lambda: choice.check())
        assert picture(root) != before
        assert readout.text_content() == player.describe(len(player.epochs) - 1, image=4)
        # ▶ plays from the start to the last epoch, then stops
        root.locator("button.nnx-play").click()
        last = str(player.epochs[-1])
        page.wait_for_function("([r, e]) => r.dataset.epoch === '0'", arg=[root.element_handle(), last])
        page.wait_for_function("([r, e]) => r.dataset.epoch === e", arg=[root.element_handle(), last], timeout=5000)
        assert root.locator("button.nnx-play").text_content() == "▶"
        assert opened.errors == [] and opened.blocked == []
    finally:
        page.context.close()
