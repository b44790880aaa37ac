"""Chapter 7's built page in Chromium: the kernel-free training explorer and the 「选秀」 player.

On a laptop (1366 px) and a phone (390 px): choosing another learning rate
or batch size (keyboard, as a reader without a mouse would) redraws the
learning curves; the epoch slider shortens them and moves the readout; the
η that is too large shows up as a loss far above the start and an accuracy
at chance; the explorer fits the screen; nothing is fetched from another
host and the console stays free of errors.
"""

from __future__ import annotations

import re

import pytest
from bookpages import DESKTOP, PHONE, open_page

PAGE = "notebooks/07_digits.html"
TRAINER = ".nnmath-trainer"


def curves(trainer) -> list[str]:
    """The ``d`` of the bold (up to the chosen epoch) curves, loss panel then accuracy panel."""
    return trainer.evaluate("root => [...root.querySelectorAll('path[data-curve]')].map(p => p.getAttribute('d'))")


def readout(trainer) -> str:
    return trainer.locator(".nnmath-readout").inner_text()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "390px"])
def test_training_explorer_redraws_for_eta_batch_and_epoch(browser, book_url: str, viewport: dict[str, int]) -> None:
    opened = open_page(browser, book_url, PAGE, viewport=viewport)
    page = opened.page
    try:
        trainer = page.locator(TRAINER)
        assert trainer.count() == 1
        trainer.scroll_into_view_if_needed()
        before = curves(trainer)
        assert len(before) == 4 and all(d.startswith("M") for d in before)
        assert "测试准确率" in readout(trainer)

        # η: focus the checked radio and press the arrow key, as a keyboard user does
        trainer.locator("fieldset[data-control=eta] input:checked").focus()
        page.keyboard.press("ArrowRight")
        after_eta = curves(trainer)
        assert after_eta != before, "another η did not redraw the curves"
        assert "η = 1" in readout(trainer)

        trainer.locator("fieldset[data-control=batch] input:checked").focus()
        page.keyboard.press("ArrowLeft")
        after_batch = curves(trainer)
        assert after_batch != after_eta, "another batch size did not redraw the curves"
        assert "B = 10" in readout(trainer)

        slider = trainer.locator("input[type=range]")
        slider.focus()
        page.keyboard.press("Home")
        at_start = curves(trainer)
        assert at_start != after_batch and all(d.count("L") == 0 for d in at_start), "epoch 0 is a single point"
        assert trainer.locator("output").inner_text() == "第 0 轮"
        page.keyboard.press("ArrowRight")
        assert all(d.count("L") == 1 for d in curves(trainer))
        assert trainer.locator("output").inner_text() == "第 1 轮"

        # the explorer fits the screen: no control or panel wider than the page
        width = page.evaluate("() => document.documentElement.clientWidth")
        widest = trainer.evaluate(
            "root => Math.max(...[...root.querySelectorAll('svg, fieldset, label')]"
            ".map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= width + 1, f"the explorer overflows: {widest} > {width}"
        assert opened.blocked == [] and opened.errors == []
    finally:
        page.context.close()


def test_too_large_eta_is_shown_as_it_is(browser, book_url: str) -> None:
    opened = open_page(browser, book_url, PAGE)
    page = opened.page
    try:
        trainer = page.locator(TRAINER)
        trainer.locator("fieldset[data-control=eta] input").last.check()
        text = readout(trainer)
        assert "η = 5" in text
        accuracy = float(re.search(r"测试准确率 ([\d.]+)%", text).group(1))
        loss = float(re.search(r"测试损失 ([\d.]+)", text).group(1))
        assert accuracy < 50 and loss > 2.31, text
        assert opened.errors == []
    finally:
        page.context.close()


def test_draft_player_shows_the_scores_epoch_by_epoch(browser, book_url: str) -> None:
    opened = open_page(browser, book_url, PAGE, viewport=PHONE)
    page = opened.page
    try:
        player = page.locator("div.nnmath-explorer[data-kind='digits']")
        assert player.count() == 1
        readout = player.locator(".nnx-readout")
        first = readout.inner_text()
        assert first.startswith("第 0 轮：网络认为是")
        player.locator("input[type=range]").focus()
        page.keyboard.press("End")
        page.wait_for_function("el => el.textContent.startsWith('第 20 轮')", arg=readout.element_handle())
        assert readout.inner_text() != first
        assert opened.errors == []
    finally:
        page.context.close()
