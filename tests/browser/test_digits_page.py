"""Chapter 7's explorers in Chromium: the training explorer and the 「选秀」 player.

On the built page, at laptop (1366 px) and phone (390 px) width: choosing
another learning rate or batch size (with the keyboard, as a reader without a
mouse would) and moving the epoch slider redraw the learning curves and the
readout; the readout says, cell by cell and epoch by epoch, what nnmath's
:meth:`TrainingExplorer.describe` says for the same grid recomputed here (the
page's numbers are nnmath's); η = 5 shows 「发散」; the explorer fits a phone's
screen; nothing is fetched from another host and the console stays free of
errors. On a page of its own, a run whose parameters stop being finite numbers
(η = 10³⁰⁸) is drawn as it is: the curves stop, marked 「发散」 in red.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from bookpages import DESKTOP, PHONE, open_page, serve_page

from nnmath.digits import load_digits, train_test_split
from nnmath.views._frontend import fmt
from nnmath.views.digits import TrainingExplorer, training_explorer

PAGE = "notebooks/07_digits.html"
TRAINER = "div.nnmath-explorer[data-kind='training'] .nnx"
#: Chapter 7's data: its split (test_fraction 0.2, seed 0) and the seed of its runs.
SPLIT_SEED = SEED = 0

#: What the explorer shows: its canvases' pixels and its readout.
PICTURE = (
    "root => [...root.querySelectorAll('canvas')].map(c => c.toDataURL()).join('|')"
    " + root.querySelector('.nnx-readout').textContent"
)


def picture(root) -> str:
    return str(root.evaluate(PICTURE))


def next_frame(page, root, action) -> None:
    """Do ``action`` and wait until the explorer has drawn a new frame."""
    before = root.get_attribute("data-frame")
    action()
    page.wait_for_function("([r, old]) => r.dataset.frame !== old", arg=[root.element_handle(), before])


def readout(root) -> str:
    return root.locator(".nnx-readout").text_content()


@pytest.fixture(scope="module")
def page_state(browser, book_url: str) -> dict:
    """The state the chapter's page embeds for its training explorer."""
    opened = open_page(browser, book_url, PAGE)
    try:
        text = opened.page.locator(
            "div.nnmath-explorer[data-kind='training'] > script[type='application/json']"
        ).text_content()
        return json.loads(text)
    finally:
        opened.page.context.close()


@pytest.fixture(scope="module")
def chapter_explorer(page_state: dict) -> TrainingExplorer:
    """The chapter's grid recomputed by nnmath, its settings read off the page."""
    data = page_state["data"]
    X, labels = load_digits()
    split = train_test_split(X, labels, test_fraction=0.2, seed=SPLIT_SEED)
    hiddens = [0 if name.startswith("64-10") else int(name.split("-")[1]) for name in data["nets"]]
    initial = (data["etas"][page_state["eta"]], data["batches"][page_state["batch"]], hiddens[page_state["net"]])
    return training_explorer(split, data["etas"], data["batches"], hiddens, data["epochs"], initial=initial, seed=SEED)


def test_the_page_carries_nnmath_s_runs(page_state: dict, chapter_explorer: TrainingExplorer) -> None:
    assert page_state["data"] == json.loads(json.dumps(chapter_explorer.state()["data"]))
    assert page_state["data"]["etas"] == [0.05, 0.5, 1.0, 5.0]  # the grid the chapter's prose describes


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366px", "390px"])
def test_choices_and_the_epoch_slider_redraw_and_the_readout_says_what_nnmath_says(
    browser, book_url: str, chapter_explorer: TrainingExplorer, viewport: dict[str, int]
) -> None:
    opened = open_page(browser, book_url, PAGE, viewport=viewport)
    page = opened.page
    try:
        root = page.locator(TRAINER)
        assert root.count() == 1
        root.scroll_into_view_if_needed()
        ex = chapter_explorer
        lr, batch, hidden = ex.initial
        assert readout(root) == ex.describe(lr, batch, hidden)
        assert root.locator(".nnx-readout").get_attribute("aria-live") == "polite"
        seen = {picture(root)}

        # η: focus the checked choice and press the arrow key, as a keyboard user does
        root.locator("fieldset[data-control=eta] input:checked").focus()
        next_frame(page, root, lambda: page.keyboard.press("ArrowRight"))
        lr = ex.etas[ex.etas.index(lr) + 1]
        assert readout(root) == ex.describe(lr, batch, hidden)
        seen.add(picture(root))

        root.locator("fieldset[data-control=batch] input:checked").focus()
        next_frame(page, root, lambda: page.keyboard.press("ArrowLeft"))
        batch = ex.batch_sizes[ex.batch_sizes.index(batch) - 1]
        assert readout(root) == ex.describe(lr, batch, hidden)
        seen.add(picture(root))

        # the epoch slider, labelled, scrubbed one epoch at a time from the start
        slider = root.locator("input[type=range]")
        assert slider.get_attribute("aria-label").startswith("训练轮数")
        assert root.locator(f"label[for='{slider.get_attribute('id')}']").text_content() == "训练轮数"
        slider.focus()
        next_frame(page, root, lambda: page.keyboard.press("Home"))
        for epoch in range(ex.epochs + 1):
            if epoch:
                next_frame(page, root, lambda: page.keyboard.press("ArrowRight"))
            assert root.locator("output").text_content() == f"第 {epoch} 轮"
            if epoch in (0, 1, 7, ex.epochs):
                assert readout(root) == ex.describe(lr, batch, hidden, epoch)
            seen.add(picture(root))
        # the first picture, another η, then every epoch (the last of them is the picture after the batch size)
        assert len(seen) == 2 + ex.epochs + 1, "a choice or an epoch did not change the picture"

        # more cells of the grid, picked by pointer: the readout is nnmath's at the epoch under the slider
        for lr, batch in [(ex.etas[0], ex.batch_sizes[-1]), (ex.etas[-2], ex.batch_sizes[0])]:
            root.locator(f"fieldset[data-control=eta] input[aria-label='学习率 η = {fmt(lr)}']").check()
            root.locator(f"fieldset[data-control=batch] input[aria-label='批大小 B = {batch}']").check()
            page.wait_for_function(
                "([r, text]) => r.querySelector('.nnx-readout').textContent === text",
                arg=[root.element_handle(), ex.describe(lr, batch, hidden)],
                timeout=5000,
            )

        # the explorer fits the screen: nothing wider than the page, no sideways scrolling
        width = page.evaluate("() => document.documentElement.clientWidth")
        widest = root.evaluate(
            "r => Math.max(...[...r.querySelectorAll('*')].map(e => e.getBoundingClientRect().right))"
        )
        assert widest <= width + 1, f"the explorer overflows: {widest} > {width}"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        assert opened.blocked == [] and opened.errors == []
    finally:
        page.context.close()


def test_eta_5_shows_the_divergence(browser, book_url: str) -> None:
    opened = open_page(browser, book_url, PAGE, viewport=PHONE)
    page = opened.page
    try:
        root = page.locator(TRAINER)
        root.scroll_into_view_if_needed()
        next_frame(
            page, root, lambda: root.locator("fieldset[data-control=eta] input[aria-label='学习率 η = 5']").check()
        )
        text = readout(root)
        assert "η = 5" in text and "发散：损失越走越大" in text, text
        assert "nnx-bad" in root.locator(".nnx-readout").get_attribute("class")
        assert root.get_attribute("data-verdict") == "diverging"
        accuracy = float(re.search(r"测试准确率 ([\d.]+)%", text).group(1))
        assert accuracy < 50, text
        assert opened.errors == []
    finally:
        page.context.close()


# ---- a run that leaves the finite numbers, on a page of its own -----------------------------------------------


@pytest.fixture(scope="module")
def blown_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, TrainingExplorer]]:
    X, labels = load_digits()
    split = train_test_split(X, labels, seed=0)
    explorer = training_explorer(split, (0.5, 1e308), (256,), (8,), epochs=3, initial=(1e308, 256, 8))
    with serve_page(tmp_path_factory.mktemp("trainer"), "训练探索器", explorer.static_html()) as url:
        yield url, explorer


#: Pixels of the divergence's red (#b00000) on the explorer's canvases.
RED_PIXELS = """root => [...root.querySelectorAll('canvas')].map(c => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] > 140 && d[i] < 200 && d[i + 1] < 20 && d[i + 2] < 20) n++;
  return n;
})"""


def test_a_run_that_blows_up_stops_with_a_red_mark(browser, blown_site) -> None:
    url, explorer = blown_site
    opened = open_page(browser, url, "index.html", PHONE)
    page = opened.page
    try:
        root = page.locator(TRAINER)
        assert readout(root) == explorer.describe(1e308, 256, 8)
        assert "发散：第 1 轮起参数已不是有限数" in readout(root)
        assert all(n > 30 for n in root.evaluate(RED_PIXELS)), "the divergence is not marked on both panels"
        root.locator("input[type=range]").focus()
        next_frame(page, root, lambda: page.keyboard.press("Home"))
        assert readout(root) == explorer.describe(1e308, 256, 8, 0)  # before the first step: numbers
        # the run that stays finite has no mark
        next_frame(page, root, lambda: root.locator("input[aria-label='学习率 η = 0.5']").check())
        assert root.evaluate(RED_PIXELS) == [0, 0]
        assert readout(root) == explorer.describe(0.5, 256, 8, 0)
        assert opened.errors == [] and opened.blocked == []
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
